"""Keep your circle warm: every one of my bonds with when we last connected (the latest
thing both can see, in the viewer's own zone) and my cadence. Members only."""

from __future__ import annotations

import datetime
import re

import time_machine
from django.urls import reverse

from heartwork.appreciation import services as appreciation
from heartwork.checkins.services import checkin_record
from heartwork.insights.models import CircleSetting
from heartwork.prompts import services as prompts

UTC = datetime.UTC
# Monday 9 March 2026, 03:30 UTC: Monday in London, still Sunday evening in New York.
MONDAY_IN_LONDON = datetime.datetime(2026, 3, 9, 3, 30, tzinfo=UTC)


def circle(client, person) -> str:
    client.force_login(person)
    response = client.get(reverse("insights:circle_list"))
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def entry(html: str, bond) -> str:
    found = re.search(rf'<li class="card" id="circle-{bond.pk}">.*?</li>', html)
    assert found, bond.pk
    return found.group(0)


def test_only_signed_in_people_see_only_their_own_bonds(client, alice, charlie, shared_bond):
    response = client.get(reverse("insights:circle_list"))
    assert response.status_code == 302 and "login" in response["Location"]
    html = circle(client, charlie)
    assert str(shared_bond.pk) not in html and "Alice &amp; Bob" not in html
    assert "not in any bonds yet" in html


def test_nothing_private_or_unrevealed_counts_as_connecting(
    client, alice, bob, shared_bond, solo_bond
):
    with time_machine.travel(MONDAY_IN_LONDON, tick=False):
        checkin_record(person=bob, feelings=["afraid"], intensity=4, note="private")
        checkin_record(person=alice, feelings=["calm"], intensity=2)
        round_ = prompts.round_for_today(bond=shared_bond)
        prompts.answer_submit(person=bob, bond=shared_bond, round_=round_, text="Only mine")
        prompts.answer_submit(
            person=alice,
            bond=solo_bond,
            round_=prompts.round_for_today(bond=solo_bond),
            text="Alone",
        )
        html = circle(client, alice)
        assert "Nothing shared here yet." in entry(html, shared_bond)
        assert "Waiting for someone to join." in entry(html, solo_bond)
        assert "Nothing shared here yet." in entry(circle(client, bob), shared_bond)
        # Alice answers too: the round is revealed, and that is connecting, for both.
        prompts.answer_submit(person=alice, bond=shared_bond, round_=round_, text="Mine too")
        assert "Last connected" in entry(circle(client, alice), shared_bond)
        assert "Last connected" in entry(circle(client, bob), shared_bond)


def test_a_shared_checkin_counts_and_dates_are_in_each_readers_zone(
    client, alice, bob, shared_bond
):
    with time_machine.travel(MONDAY_IN_LONDON, tick=False):
        checkin_record(person=bob, feelings=["calm"], intensity=2, share_with=shared_bond)
        alices = entry(circle(client, alice), shared_bond)
        bobs = entry(circle(client, bob), shared_bond)
    assert "Monday 9 March 2026</time> (today)" in alices
    assert "Sunday 8 March 2026</time> (today)" in bobs


def test_days_since_a_note_and_the_cadence_shown(client, alice, bob, shared_bond):
    shared_bond.memberships.update(created_at=MONDAY_IN_LONDON - datetime.timedelta(days=100))
    with time_machine.travel(MONDAY_IN_LONDON - datetime.timedelta(days=40), tick=False):
        appreciation.note_send(sender=bob, bond=shared_bond, text="Thanks for the loaf.")
    with time_machine.travel(MONDAY_IN_LONDON, tick=False):
        html = entry(circle(client, alice), shared_bond)
        assert "(40 days ago)" in html
        assert "Today's idea for this bond: never" in html  # partner bonds: off by default
        assert "It's been a little while" not in html
        CircleSetting.objects.create(
            membership=shared_bond.memberships.get(person=alice), cadence=30
        )
        html = entry(circle(client, alice), shared_bond)
        assert "after a quiet month" in html
        assert "It's been a little while since you and Bob" in html
        assert reverse("insights:bond", args=[shared_bond.pk]) + "#circle-heading" in html


def test_today_and_settings_link_to_the_circle(client, alice, shared_bond):
    client.force_login(alice)
    url = reverse("insights:circle_list")
    assert url in client.get(reverse("today:today")).content.decode()
    assert url in client.get(reverse("accounts:settings")).content.decode()
