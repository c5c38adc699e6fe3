"""Repair from both sides: the hurt person decides, drafts stay private, nothing chases.

Alice is the one responsible, Bob the one who was hurt, in their shared bond.
"""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from heartwork.bonds.services import bond_leave
from heartwork.prompts.selectors import ladder_for
from heartwork.repair import services
from heartwork.repair.models import Rating, Repair

DRAFT = "draft-canary-5e1"
NOTE = "rating-note-canary-77"


def page(client, person, url) -> str:
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(
        r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", response.content.decode()
    )


def post(client, person, name, repair, data=None, **extra):
    client.force_login(person)
    kwargs = {"bond_id": repair.bond_id, "repair_id": repair.pk, **extra}
    return client.post(reverse(name, kwargs=kwargs), data or {}, follow=True)


@pytest.fixture
def repair(alice, bob, shared_bond):
    return services.repair_open(person=alice, bond=shared_bond, i_was_hurt=False)


def ready_to_send(repair, alice):
    services.repair_write(
        person=alice,
        repair=repair,
        accountability=f"I read your journal without asking. {DRAFT}",
        apology="I'm sorry I read it. It was wrong and it's on me.",
    )
    services.commitment_add(person=alice, repair=repair, change="I will knock first.", evidence="")


def detail(repair):
    return reverse("repair:detail", args=[repair.bond_id, repair.pk])


def test_drafts_stay_with_the_person_writing_them(client, alice, bob, repair):
    ready_to_send(repair, alice)
    assert DRAFT in page(client, alice, detail(repair))
    assert DRAFT not in page(client, bob, detail(repair))
    assert DRAFT not in page(client, bob, reverse("bonds:detail", args=[repair.bond_id]))


def test_nothing_can_be_sent_without_all_three_parts(client, alice, repair):
    response = post(client, alice, "repair:send", repair)
    assert "Before sending" in response.content.decode()
    repair.refresh_from_db()
    assert repair.stage == "drafting"


def test_the_hurt_person_reads_when_ready_and_the_other_never_knows(client, alice, bob, repair):
    ready_to_send(repair, alice)
    post(client, alice, "repair:send", repair)
    waiting = page(client, bob, detail(repair))
    assert "Read it now" in waiting and DRAFT not in waiting
    before = page(client, alice, detail(repair))
    post(client, bob, "repair:read", repair)
    assert DRAFT in page(client, bob, detail(repair))
    assert page(client, alice, detail(repair)) == before  # reading leaves no trace on her side


def test_not_yet_with_time_stops_sending_until_then(client, alice, bob, repair):
    ready_to_send(repair, alice)
    post(client, alice, "repair:send", repair)
    post(client, bob, "repair:read", repair)
    post(client, bob, "repair:decide", repair, {"decision": "not-yet", "note": "I need space."})
    post(client, bob, "repair:ask_for_time", repair, {"days": "7"})
    alice_page = page(client, alice, detail(repair))
    assert "I need space." in alice_page and "said not yet" in alice_page
    response = post(client, alice, "repair:send", repair)
    repair.refresh_from_db()
    assert repair.stage == "not-yet" and repair.times_sent == 1
    with time_machine.travel(timezone.now() + datetime.timedelta(days=8)):
        post(client, alice, "repair:send", repair)
    repair.refresh_from_db()
    assert repair.stage == "sent" and repair.times_sent == 2
    assert response.status_code == 200


def test_only_the_hurt_person_can_answer(client, alice, bob, repair):
    ready_to_send(repair, alice)
    post(client, alice, "repair:send", repair)
    post(client, alice, "repair:decide", repair, {"decision": "accept"})
    repair.refresh_from_db()
    assert repair.stage == "sent"


def test_the_hurt_person_can_end_it_at_any_stage(client, alice, bob, repair):
    post(client, bob, "repair:close", repair)
    repair.refresh_from_db()
    assert repair.stage == "closed" and repair.closed_by == bob


def test_rebuilding_ratings_open_only_when_both_rated(client, alice, bob, repair):
    ready_to_send(repair, alice)
    post(client, alice, "repair:send", repair)
    post(client, bob, "repair:read", repair)
    post(client, bob, "repair:decide", repair, {"decision": "accept"})
    commitment = repair.commitments.get()
    post(client, alice, "repair:rate", repair, {f"c_{commitment.pk}": "4", "note": NOTE})
    bob_page = page(client, bob, detail(repair))
    # Nothing on Bob's page shows that Alice has rated: no week, no note.
    assert NOTE not in bob_page and "Week by week" not in bob_page
    alice_page = page(client, alice, detail(repair))
    assert "Week by week" in alice_page and "After you've both rated" in alice_page
    post(client, bob, "repair:rate", repair, {f"c_{commitment.pk}": "3"})
    assert Rating.objects.count() == 2
    opened = page(client, bob, detail(repair))
    assert "Mostly" in opened and "Getting there" in opened
    assert NOTE in opened  # her note opens with the week


def test_starting_the_prompts_again_takes_both(client, alice, bob, shared_bond, repair):
    ready_to_send(repair, alice)
    post(client, alice, "repair:send", repair)
    post(client, bob, "repair:decide", repair, {"decision": "accept"})
    state = ladder_for(shared_bond)
    state.depth = 3
    state.save()
    post(client, alice, "repair:restart", repair)
    assert ladder_for(shared_bond).depth == 3
    post(client, bob, "repair:restart", repair)
    assert ladder_for(shared_bond).depth == 1


def test_leaving_the_bond_takes_the_repair_with_it(alice, bob, shared_bond, repair):
    ready_to_send(repair, alice)
    bond_leave(person=bob, bond=shared_bond)
    assert not Repair.objects.exists()


def test_a_concerning_safety_check_switches_repair_off_for_that_person_only(
    client, alice, bob, shared_bond
):
    client.force_login(bob)
    answers = {"hurt": "once-or-twice", "safe_now": "no"}
    response = client.post(reverse("safety:check", args=[shared_bond.pk]), answers)
    assert response.status_code == 200 and "switched off for you" in response.content.decode()
    client.force_login(bob)
    client.post(reverse("repair:start", args=[shared_bond.pk]), {"role": "hurt"})
    assert not Repair.objects.exists()
    bob_bond = page(client, bob, reverse("bonds:detail", args=[shared_bond.pk]))
    assert "isn't offered to you here" in bob_bond
    alice_bond = page(client, alice, reverse("bonds:detail", args=[shared_bond.pk]))
    assert "isn't offered" not in alice_bond and "safety check was" not in alice_bond
