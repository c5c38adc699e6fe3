"""The guided talk in two browsers' worth of requests: an invitation, a light moment,
phones away, turns with reflection and validation, a break that holds, and one small step.

Alice (Europe/London) asks; Bob (America/New_York) joins; Charlie is a stranger.
"""

from __future__ import annotations

import datetime
import html

import time_machine
from django.urls import reverse
from django.utils import timezone

from heartwork.conflict.models import Talk

NOTE_CANARY = "private-note-canary-3c"


def _do(client, person, talk, action, data=None, follow=False):
    client.force_login(person)
    name = f"conflict:talk_{action.replace('-', '_')}"
    return client.post(reverse(name, args=[talk.bond_id, talk.pk]), data or {}, follow=follow)


def _page(client, person, talk):
    client.force_login(person)
    return client.get(reverse("conflict:talk", args=[talk.bond_id, talk.pk]))


def _start(client, alice, bond) -> Talk:
    client.force_login(alice)
    response = client.post(reverse("conflict:talk_start", args=[bond.pk]))
    assert response.status_code == 302
    return Talk.objects.get()


def _talking(client, alice, bob, bond) -> Talk:
    talk = _start(client, alice, bond)
    _do(client, bob, talk, "join")
    _do(client, alice, talk, "continue")
    _do(client, bob, talk, "continue")
    talk.refresh_from_db()
    assert talk.step == "talking" and talk.speaker_id == alice.pk
    return talk


def _turn(client, speaker, listener, talk, words="I felt alone on Saturday."):
    _do(client, speaker, talk, "say", {"text": words})
    _do(client, listener, talk, "reflect", {"text": "You felt alone on Saturday."})
    _do(client, speaker, talk, "confirm")
    _do(
        client, listener, talk, "validate", {"text": "That makes sense, because I was out all day."}
    )


def test_an_invitation_waits_for_the_other_on_their_today_page(client, alice, bob, shared_bond):
    talk = _start(client, alice, shared_bond)
    client.force_login(bob)
    today = client.get(reverse("today:today")).content.decode()
    assert "Alice asked to talk something through" in today
    page = _page(client, bob, talk).content.decode()
    assert "Join" in page and "Not now" in page


def test_not_now_with_a_time_is_shown_to_the_one_who_asked(client, alice, bob, shared_bond):
    talk = _start(client, alice, shared_bond)
    _do(client, bob, talk, "not-now", {"text": "Tomorrow after dinner?"})
    talk.refresh_from_db()
    assert talk.step == "not-now"
    assert "Tomorrow after dinner?" in _page(client, alice, talk).content.decode()


def test_a_whole_talk_from_invitation_to_an_agreed_step(client, alice, bob, shared_bond):
    talk = _talking(client, alice, bob, shared_bond)
    _turn(client, alice, bob, talk)
    talk.refresh_from_db()
    assert talk.speaker_id == bob.pk and talk.turns_done == 1
    _turn(client, bob, alice, talk, "I felt judged when we spoke about money.")
    _do(client, alice, talk, "to-steps")
    _do(client, alice, talk, "propose", {"text": "A walk together on Saturday morning"})
    _do(client, bob, talk, "propose", {"text": "Talk about money on Sunday evenings"})
    talk.refresh_from_db()
    walk = talk.said.get(author=alice, kind="propose")
    _do(client, alice, talk, "choose", {"chosen": str(walk.pk)})
    _do(client, bob, talk, "choose", {"chosen": str(walk.pk)})
    talk.refresh_from_db()
    assert talk.step == "agreed"
    page = _page(client, bob, talk).content.decode()
    assert "A walk together on Saturday morning" in page and "You found a step together" in page


def test_a_correction_asks_the_listener_to_try_again(client, alice, bob, shared_bond):
    talk = _talking(client, alice, bob, shared_bond)
    _do(client, alice, talk, "say", {"text": "I miss our evenings."})
    _do(client, bob, talk, "reflect", {"text": "You're angry I work late."})
    _do(client, alice, talk, "correct", {"text": "Not angry. I miss you."})
    talk.refresh_from_db()
    assert talk.phase == "reflecting"
    assert "What did you hear?" in _page(client, bob, talk).content.decode()


def test_speaking_out_of_turn_is_refused_gently_and_changes_nothing(
    client, alice, bob, shared_bond
):
    talk = _talking(client, alice, bob, shared_bond)
    response = _do(client, bob, talk, "say", {"text": "Let me say mine first"}, follow=True)
    assert "the other person's part just now" in html.unescape(response.content.decode())
    assert not talk.said.exists()


def test_a_break_holds_for_twenty_minutes_then_the_talk_resumes(client, alice, bob, shared_bond):
    talk = _talking(client, alice, bob, shared_bond)
    _do(client, bob, talk, "break", {"minutes": "20"})
    talk.refresh_from_db()
    response = _do(client, alice, talk, "say", {"text": "Can we just finish?"}, follow=True)
    assert "You're on a break" in html.unescape(response.content.decode())
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=21)):
        _do(client, alice, talk, "say", {"text": "Thanks for the pause."})
    assert talk.said.count() == 1


def test_a_break_shorter_than_twenty_minutes_is_refused(client, alice, bob, shared_bond):
    talk = _talking(client, alice, bob, shared_bond)
    response = _do(client, bob, talk, "break", {"minutes": "5"}, follow=True)
    assert "Choose one of the lengths offered" in response.content.decode()
    talk.refresh_from_db()
    assert talk.break_until is None


def test_either_can_end_it_at_any_time(client, alice, bob, shared_bond):
    talk = _talking(client, alice, bob, shared_bond)
    _do(client, bob, talk, "end")
    talk.refresh_from_db()
    assert talk.step == "ended" and talk.finished_at is not None


def test_private_notes_are_only_for_their_writer(client, alice, bob, shared_bond):
    talk = _talking(client, alice, bob, shared_bond)
    client.force_login(alice)
    client.post(
        reverse("conflict:talk_note", args=[shared_bond.pk, talk.pk]), {"text": NOTE_CANARY}
    )
    assert NOTE_CANARY in _page(client, alice, talk).content.decode()
    assert NOTE_CANARY not in _page(client, bob, talk).content.decode()


def test_strangers_get_404(client, alice, bob, charlie, shared_bond):
    talk = _talking(client, alice, bob, shared_bond)
    assert _page(client, charlie, talk).status_code == 404
    assert _do(client, charlie, talk, "end").status_code == 404
    talk.refresh_from_db()
    assert talk.step == "talking"


def test_the_page_knows_when_the_other_has_moved(client, alice, bob, shared_bond):
    from heartwork.conflict.selectors import talk_token

    talk = _talking(client, alice, bob, shared_bond)
    url = reverse("conflict:talk_changed", args=[shared_bond.pk, talk.pk])
    client.force_login(bob)
    token = talk_token(talk)
    assert client.get(url, {"v": token}).status_code == 204
    _do(client, alice, talk, "say", {"text": "Something."})
    client.force_login(bob)
    moved = client.get(url, {"v": token})
    assert moved.status_code == 200 and moved["HX-Refresh"] == "true"


def test_one_open_talk_per_bond(client, alice, bob, shared_bond):
    _start(client, alice, shared_bond)
    client.force_login(bob)
    response = client.post(reverse("conflict:talk_start", args=[shared_bond.pk]), follow=True)
    assert "already a talk open" in response.content.decode()
    assert Talk.objects.count() == 1


def test_someone_whose_check_was_concerning_can_only_decline_and_the_other_sees_no_sign(
    client, alice, bob, shared_bond
):
    from heartwork.domain.safety_check import SafetyResult
    from heartwork.safety.services import safety_check_record

    talk = _start(client, alice, shared_bond)
    safety_check_record(
        person=bob, bond=shared_bond, result=SafetyResult(True, ("coercive_control",), False)
    )
    page = _page(client, bob, talk).content.decode()
    assert "Not offered to you here right now" in page and "Not now" in page
    assert 'action="' + reverse("conflict:talk_join", args=[shared_bond.pk, talk.pk]) not in page
    _do(client, bob, talk, "join")
    talk.refresh_from_db()
    assert talk.step == "invited"
    alices = _page(client, alice, talk).content.decode()
    assert "It starts when they join" in alices and "safety" not in alices.lower().replace(
        "help:safety", ""
    )


def test_leaving_the_bond_removes_its_talks(client, alice, bob, shared_bond):
    from heartwork.bonds.services import bond_leave

    _talking(client, alice, bob, shared_bond)
    bond_leave(person=bob, bond=shared_bond)
    assert not Talk.objects.exists()
