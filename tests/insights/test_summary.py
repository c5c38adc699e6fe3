"""The insights card on the bond page: two plain lines (time together this week, notes of
thanks this month, in the viewer's zone) and the link to the full page."""

from __future__ import annotations

import datetime
import re

import time_machine
from django.urls import reverse

from heartwork.appreciation import services as appreciation
from heartwork.together import services as together

UTC = datetime.UTC
WEDNESDAY = datetime.datetime(2026, 3, 4, 12, 0, tzinfo=UTC)  # the week began Monday 2 March


def card(client, person, bond) -> str:
    client.force_login(person)
    response = client.get(reverse("bonds:detail", args=[bond.pk]))
    assert response.status_code == 200
    html = re.sub(r"\s+", " ", response.content.decode())
    found = re.search(
        r'<section class="card" aria-labelledby="insights-bond-heading">.*?</section>', html
    )
    assert found
    return found.group(0)


def test_the_card_says_time_this_week_and_notes_this_month(client, alice, bob, shared_bond):
    def log(when: datetime.datetime, minutes: int) -> None:
        together.time_log(person=bob, bond=shared_bond, kind="walk", when=when, minutes=minutes)

    with time_machine.travel(datetime.datetime(2026, 2, 27, 9, tzinfo=UTC), tick=False):
        appreciation.note_send(sender=bob, bond=shared_bond, text="Thanks, February.")
        log(datetime.datetime(2026, 2, 27, 8, tzinfo=UTC), 90)  # last week
    with time_machine.travel(WEDNESDAY, tick=False):
        appreciation.note_send(sender=bob, bond=shared_bond, text="Thanks for Monday.")
        appreciation.note_send(sender=alice, bond=shared_bond, text="And for Tuesday.")
        log(datetime.datetime(2026, 3, 2, 18, tzinfo=UTC), 40)
        log(datetime.datetime(2026, 3, 3, 18, tzinfo=UTC), 5)
        html = card(client, alice, shared_bond)
    assert "45 minutes together this week." in html
    assert "2 notes of thanks between you this month." in html
    assert reverse("insights:bond", args=[shared_bond.pk]) in html


def test_a_quiet_bond_gets_plain_words_not_zeros(client, alice, shared_bond):
    with time_machine.travel(WEDNESDAY, tick=False):
        html = card(client, alice, shared_bond)
    assert "No time together logged yet this week." in html
    assert "No notes of thanks yet this month." in html
    assert " 0 " not in html
