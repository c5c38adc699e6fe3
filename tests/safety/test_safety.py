"""The safety layer from both sides: the writer is routed to help, quietly; the other member
sees nothing, strangers get 404, and nothing about a screen is stored or logged.

Alice (Europe/London) and Bob (America/New_York) share a bond.
"""

from __future__ import annotations

import logging
import re

import pytest
from django.urls import reverse

from heartwork.checkins.models import CheckIn
from heartwork.repair import services as repair_services
from heartwork.safety.models import SafetyCheck
from heartwork.safety.routing import SESSION_KEY

SELF_HARM = "honestly some nights I just want to kill myself and be done"
DANGER = "he hit me again when I got home late, and I'm scared of what he'll do"
ORDINARY = "a long day, but dinner with my sister was lovely"

CONCERNING = {
    "fear": "more",
    "hurt": "once-or-twice",
    "threat": "no",
    "control": "more",
    "pressure": "no",
    "safe_now": "unsure",
}
REASSURING = {
    "fear": "no",
    "hurt": "no",
    "threat": "no",
    "control": "no",
    "pressure": "no",
    "safe_now": "yes",
}


def _clean(html: str) -> str:
    """A page without its per-request tokens, so two views of it can be compared."""
    html = re.sub(
        r'(csrfmiddlewaretoken" value="|X-CSRFToken": "|name="submission_key" value=")[^"]+',
        r"\1",
        html,
    )
    return re.sub(r'nonce="[^"]+"', "", html)


def _page(client, person, url) -> str:
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200, url
    return _clean(response.content.decode())


def _check_in(client, person, note, **extra):
    client.force_login(person)
    data = {"feelings": ["tired"], "intensity": "3", "note": note, "share_with": "", **extra}
    return client.post(reverse("checkins:new"), data)


def test_a_self_harm_note_takes_the_writer_to_crisis_lines_for_their_country(client, alice):
    response = _check_in(client, alice, SELF_HARM)
    assert response.status_code == 302 and response.url == reverse("safety:for_you")
    assert CheckIn.objects.filter(person=alice).count() == 1  # saved as usual
    page = client.get(response.url).content.decode()
    assert "You don't have to carry this alone" in page
    assert "Samaritans" in page and 'href="tel:116123"' in page
    # Crisis lines come before abuse lines for thoughts of self-harm.
    assert page.index("Samaritans") < page.index("Domestic Abuse Helpline")


def test_danger_from_someone_close_leads_with_abuse_lines_and_the_quick_exit(client, bob):
    page = client.get(_check_in(client, bob, DANGER).url).content.decode()
    assert "You deserve to be safe" in page and "Leave this site now" in page
    assert page.index("Domestic Violence Hotline") < page.index("988")  # Bob is in New York
    assert 'href="tel:911"' in page


def test_the_tailored_opening_is_shown_once_and_nothing_is_kept(client, alice):
    _check_in(client, alice, SELF_HARM)
    client.get(reverse("safety:for_you"))
    assert SESSION_KEY not in client.session
    again = client.get(reverse("safety:for_you")).content.decode()
    assert "Help, whenever you need it" in again and "carry this alone" not in again
    assert not SafetyCheck.objects.exists()


def test_an_ordinary_note_goes_where_it_always_went(client, alice):
    response = _check_in(client, alice, ORDINARY)
    assert response.url == reverse("checkins:history")


def test_the_other_member_sees_no_difference_when_a_shared_note_was_screened(
    client, alice, bob, shared_bond, monkeypatch
):
    """Bob's pages are the same whether or not Alice's shared note fired the screen."""
    urls = [
        reverse("today:today"),
        reverse("bonds:detail", args=[shared_bond.pk]),
        reverse("checkins:bond", args=[shared_bond.pk]),
    ]

    def bobs_pages_after_alice_shares() -> list[str]:
        CheckIn.objects.all().delete()
        _check_in(client, alice, SELF_HARM, share_with=str(shared_bond.pk))
        # Row ids (and element ids made from them) and minutes differ between the two
        # runs; nothing else may.
        noise = r"[0-9a-f-]{36}|\d{1,2}:\d\d|(?:id|for)=\"[^\"]*\"|\?v=[0-9a-f]{16}"
        return [re.sub(noise, "", _page(client, bob, url)) for url in urls]

    screened = bobs_pages_after_alice_shares()
    monkeypatch.setattr("heartwork.safety.routing.screen", lambda text: [])
    unscreened = bobs_pages_after_alice_shares()
    assert screened == unscreened
    assert SESSION_KEY not in client.session


def test_routing_writes_nothing_the_logs_could_show(client, alice, caplog):
    with caplog.at_level(logging.DEBUG):
        _check_in(client, alice, SELF_HARM)
        client.get(reverse("safety:for_you"))
    logged = caplog.text.lower()
    assert "kill myself" not in logged and "self_harm" not in logged


@pytest.mark.parametrize("heavy", [True, False])
def test_a_strong_hopeless_check_in_gets_a_gentle_line_with_the_number(client, alice, heavy):
    client.force_login(alice)
    feelings = ["hopeless"] if heavy else ["tired"]
    response = client.post(
        reverse("checkins:new"),
        {"feelings": feelings, "intensity": "5", "note": "", "share_with": ""},
        follow=True,
    )
    body = response.content.decode()
    line = 'Samaritans is there: <a class="tappable" href="tel:116123">call 116 123</a>'
    assert (line in body) is heavy


def test_a_prompt_answer_in_danger_is_routed_too(client, alice, bob, shared_bond):
    from heartwork.prompts import services as prompts

    round_ = prompts.round_for_today(bond=shared_bond)
    client.force_login(alice)
    response = client.post(
        reverse("prompts:answer", args=[shared_bond.pk, round_.pk]), {"text": DANGER}
    )
    assert response.status_code == 302 and response.url == reverse("safety:for_you")


def test_a_refused_write_is_not_routed(client, alice, shared_bond):
    """Routing follows a save; when the save is refused the person sees why, not help."""
    from heartwork.bonds.services import bond_pause
    from heartwork.prompts import services as prompts

    round_ = prompts.round_for_today(bond=shared_bond)
    bond_pause(person=alice, bond=shared_bond)
    client.force_login(alice)
    response = client.post(
        reverse("prompts:answer", args=[shared_bond.pk, round_.pk]), {"text": DANGER}
    )
    assert response.url != reverse("safety:for_you")


# --- the private safety check ---------------------------------------------------------


def _take_check(client, person, bond, answers):
    client.force_login(person)
    return client.post(reverse("safety:check", args=[bond.pk]), answers)


def test_a_concerning_check_switches_repair_off_for_that_person_only(
    client, alice, bob, shared_bond
):
    response = _take_check(client, alice, shared_bond, CONCERNING)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Domestic Abuse Helpline" in body  # help that fits, abuse lines first
    check = SafetyCheck.objects.get()
    assert check.concerning and set(check.kinds) == {"coercive_control", "violence", "unsafe_now"}
    alice_repair = _page(client, alice, reverse("repair:home", args=[shared_bond.pk]))
    assert 'name="role"' not in alice_repair  # she isn't offered a repair to open
    bob_repair = _page(client, bob, reverse("repair:home", args=[shared_bond.pk]))
    assert 'name="role"' in bob_repair


def test_the_check_can_be_retaken_and_the_latest_counts(client, alice, shared_bond):
    _take_check(client, alice, shared_bond, CONCERNING)
    _take_check(client, alice, shared_bond, REASSURING)
    assert SafetyCheck.objects.count() == 2
    page = _page(client, alice, reverse("repair:home", args=[shared_bond.pk]))
    assert 'name="role"' in page


def test_a_skipped_answer_is_never_read_as_no(client, alice, shared_bond):
    _take_check(client, alice, shared_bond, {"safe_now": "yes"})
    check = SafetyCheck.objects.get()
    assert not check.concerning  # nothing was disclosed...
    body = _page(client, alice, reverse("safety:check", args=[shared_bond.pk]))
    assert "rather not" in body.lower() or "skipped" in body.lower() or "help" in body.lower()


def test_the_unanswered_question_that_matters_most_is_asked_again(client, alice, shared_bond):
    response = _take_check(client, alice, shared_bond, {"fear": "no"})
    assert response.status_code == 400 and "it matters most" in response.content.decode()
    assert not SafetyCheck.objects.exists()


def test_only_the_result_is_kept_never_the_answers(client, alice, shared_bond):
    _take_check(client, alice, shared_bond, CONCERNING)
    stored = SafetyCheck.objects.values().get()
    assert set(stored) == {
        "id",
        "person_id",
        "bond_id",
        "concerning",
        "kinds",
        "created_at",
        "updated_at",
    }


def test_the_other_member_never_sees_a_check(client, alice, bob, shared_bond):
    urls = [
        reverse("bonds:detail", args=[shared_bond.pk]),
        reverse("repair:home", args=[shared_bond.pk]),
        reverse("today:today"),
    ]
    before = [_page(client, bob, url) for url in urls]
    _take_check(client, alice, shared_bond, CONCERNING)
    after = [_page(client, bob, url) for url in urls]
    assert before == after
    bobs_check = _page(client, bob, reverse("safety:check", args=[shared_bond.pk]))
    assert "Your last check" not in bobs_check and "last time" not in bobs_check.lower()


def test_the_other_member_can_still_open_a_repair_and_hears_nothing(
    client, alice, bob, shared_bond
):
    _take_check(client, alice, shared_bond, CONCERNING)
    repair = repair_services.repair_open(person=bob, bond=shared_bond, i_was_hurt=False)
    assert repair.pk


def test_strangers_get_404_and_visitors_are_asked_to_sign_in(client, charlie, shared_bond):
    url = reverse("safety:check", args=[shared_bond.pk])
    assert client.get(url).status_code == 302
    client.force_login(charlie)
    assert client.get(url).status_code == 404
    assert client.post(url, CONCERNING).status_code == 404
    assert not SafetyCheck.objects.exists()


def test_leaving_the_bond_forgets_the_check(client, alice, shared_bond):
    from heartwork.bonds.services import bond_leave

    _take_check(client, alice, shared_bond, CONCERNING)
    bond_leave(person=alice, bond=shared_bond)
    assert not SafetyCheck.objects.exists()


def test_help_puts_the_persons_likely_country_first(client, charlie):
    client.force_login(charlie)  # Asia/Tokyo
    body = client.get(reverse("help:help")).content.decode()
    assert "People to talk to in Japan" in body
    chosen = client.get(reverse("help:help"), {"country": "NZ"}).content.decode()
    assert "People to talk to in New Zealand" in chosen and "1737" in chosen


def test_help_for_a_visitor_lists_every_country(client):
    body = client.get(reverse("help:help")).content.decode()
    assert body.count('<details class="country">') >= 15


def test_a_help_line_unchecked_for_a_year_is_a_warning():
    import datetime as dt

    import time_machine

    from heartwork.checks import check_help_lines_recent
    from heartwork.domain.help import help_directory

    oldest = help_directory().oldest_check
    with time_machine.travel(dt.datetime.combine(oldest, dt.time(12)), tick=False):
        assert check_help_lines_recent(None) == []
    later = oldest + dt.timedelta(days=400)
    with time_machine.travel(dt.datetime.combine(later, dt.time(12)), tick=False):
        (warning,) = check_help_lines_recent(None)
    assert warning.id == "heartwork.W005" and "not been checked for over a year" in warning.msg
