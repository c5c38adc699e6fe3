"""The one-tap "after a close moment" is offered where closeness happened, and only then."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from heartwork.bonds.selectors import bond_day
from heartwork.prompts import services as prompts
from heartwork.together import services as together


def offered(client, person, url, bond) -> bool:
    client.force_login(person)
    html = client.get(url).content.decode()
    return reverse("checkup:reflect_moment", args=[bond.pk]) in html


def test_offered_after_a_revealed_prompt_not_before(client, alice, bob, shared_bond):
    round_ = prompts.round_for_today(bond=shared_bond)
    url = reverse("prompts:today", args=[shared_bond.pk])
    prompts.answer_submit(person=alice, bond=shared_bond, round_=round_, text="Mine")
    assert not offered(client, alice, url, shared_bond)
    assert not offered(client, bob, url, shared_bond)  # nothing hints that Alice answered
    prompts.answer_submit(person=bob, bond=shared_bond, round_=round_, text="Mine too")
    assert offered(client, alice, url, shared_bond) and offered(client, bob, url, shared_bond)


def test_offered_after_an_evening_check_in_both_shared(client, alice, bob, shared_bond):
    url = reverse("together:ritual", args=[shared_bond.pk])
    day = bond_day(shared_bond)
    together.ritual_submit(
        person=alice, bond=shared_bond, day=day, high="a", low="b", feeling="calm"
    )
    assert not offered(client, alice, url, shared_bond)
    together.ritual_submit(person=bob, bond=shared_bond, day=day, high="c", low="d", feeling="calm")
    assert offered(client, alice, url, shared_bond)


def test_offered_after_time_together(client, alice, shared_bond):
    time = together.time_log(
        person=alice,
        bond=shared_bond,
        kind="walk",
        when=timezone.now() - datetime.timedelta(hours=2),
        minutes=30,
    )
    url = reverse("together:time", args=[shared_bond.pk, time.pk])
    assert offered(client, alice, url, shared_bond)
