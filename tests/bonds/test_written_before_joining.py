"""What someone wrote while alone in a bond stays theirs when the other person joins.

A prompt answer or an evening check-in given in a bond of one is a private reflection.
The person who joins later that day, answering the same prompt or giving their own
evening check-in, must not see it, unless its author chooses to share it.
"""

from __future__ import annotations

import time_machine
from django.urls import reverse

from heartwork.bonds.models import Membership
from heartwork.bonds.selectors import bond_day
from heartwork.prompts import services as prompts
from heartwork.together import services as together

SOLO = "written-alone-4c1e"
JOINER = "joiner-writes-88d2"
EVENING = "2026-12-02 20:30"  # evening in London, where alice lives


def join(bond, person):
    Membership.objects.create(bond=bond, person=person)


def page(client, person, url) -> str:
    client.force_login(person)
    return client.get(url).content.decode()


def test_a_solo_prompt_answer_is_not_revealed_to_the_person_who_joins(
    client, alice, bob, solo_bond
):
    round_ = prompts.round_for_today(bond=solo_bond)
    prompts.answer_submit(person=alice, bond=solo_bond, round_=round_, text=SOLO)
    join(solo_bond, bob)
    prompts.answer_submit(person=bob, bond=solo_bond, round_=round_, text=JOINER)
    today = reverse("prompts:today", args=[solo_bond.pk])
    assert SOLO not in page(client, bob, today)
    alice_page = page(client, alice, today)
    assert JOINER not in alice_page and "before Bob joined" in alice_page
    # Nor does skipping tell Bob that an answer is "waiting for him".
    client.force_login(bob)
    response = client.post(reverse("prompts:skip", args=[solo_bond.pk]), follow=True)
    assert "already waiting" not in response.content.decode()


def test_a_solo_answer_opens_once_its_author_shares_it(client, alice, bob, solo_bond):
    round_ = prompts.round_for_today(bond=solo_bond)
    prompts.answer_submit(person=alice, bond=solo_bond, round_=round_, text=SOLO)
    join(solo_bond, bob)
    prompts.answer_submit(person=bob, bond=solo_bond, round_=round_, text=JOINER)
    client.force_login(alice)
    client.post(reverse("prompts:share_answer", args=[solo_bond.pk, round_.pk]))
    today = reverse("prompts:today", args=[solo_bond.pk])
    assert SOLO in page(client, bob, today) and JOINER in page(client, alice, today)


def test_only_the_author_can_share_and_only_once_someone_is_there(client, alice, bob, solo_bond):
    round_ = prompts.round_for_today(bond=solo_bond)
    prompts.answer_submit(person=alice, bond=solo_bond, round_=round_, text=SOLO)
    client.force_login(alice)
    response = client.post(
        reverse("prompts:share_answer", args=[solo_bond.pk, round_.pk]), follow=True
    )
    assert "nobody else" in response.content.decode()
    join(solo_bond, bob)
    client.force_login(bob)
    response = client.post(
        reverse("prompts:share_answer", args=[solo_bond.pk, round_.pk]), follow=True
    )
    assert "nothing of yours" in response.content.decode()
    assert SOLO not in response.content.decode()


@time_machine.travel(EVENING, tick=False)
def test_a_solo_evening_check_in_is_not_shown_to_the_person_who_joins(
    client, alice, bob, solo_bond
):
    day = bond_day(solo_bond)
    together.ritual_submit(
        person=alice, bond=solo_bond, day=day, high=SOLO, low="-", feeling="calm"
    )
    join(solo_bond, bob)
    together.ritual_submit(
        person=bob, bond=solo_bond, day=day, high=JOINER, low="-", feeling="calm"
    )
    evening = reverse("together:ritual", args=[solo_bond.pk])
    entries = reverse("together:ritual_entries", args=[solo_bond.pk])
    for url in (evening, entries):
        assert SOLO not in page(client, bob, url)
        assert JOINER not in page(client, alice, url)
    client.force_login(alice)
    client.post(reverse("together:ritual_share", args=[solo_bond.pk]))
    assert SOLO in page(client, bob, evening) and JOINER in page(client, alice, evening)
