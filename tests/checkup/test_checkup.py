"""The check-up from both sides: private answers, the reveal, sharing item by item."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from heartwork.bonds.models import Bond
from heartwork.bonds.services import bond_leave
from heartwork.checkup import services
from heartwork.checkup.models import CheckupEntry, CheckupRound
from heartwork.domain.bonds import BondKind
from heartwork.prompts.services import sexual_opt_in_set
from tests.conftest import join

ALL_GOOD = {"emo-1": (5, 5), "emo-2": (5, 5), "emo-3": (1, 1), "saf-1": (5, 5), "saf-2": (5, 5)}
DISTANT = {"emo-1": (1, 5), "emo-2": (2, 5), "emo-3": (5, 1), "saf-1": (3, 5), "saf-2": (3, 5)}


def page(client, person, url) -> str:
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200
    return re.sub(
        r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", response.content.decode()
    )


def home(bond) -> str:
    return reverse("checkup:home", args=[bond.pk])


def take_url(bond) -> str:
    return reverse("checkup:take", args=[bond.pk])


def form_data(answers: dict, closeness=(None, None)) -> dict:
    data = {}
    for item_id, (now, wished) in answers.items():
        if now is not None:
            data[f"now_{item_id}"] = str(now)
        if wished is not None:
            data[f"wish_{item_id}"] = str(wished)
    if closeness[0]:
        data["closeness_now"] = str(closeness[0])
    if closeness[1]:
        data["closeness_wished"] = str(closeness[1])
    return data


def test_taking_it_keeps_scores_and_seals_the_answers(client, alice, shared_bond):
    client.force_login(alice)
    response = client.post(take_url(shared_bond), form_data(ALL_GOOD, (5, 6)))
    assert response.status_code == 302 and response["Location"] == home(shared_bond)
    entry = CheckupEntry.objects.get(person=alice)
    assert entry.scores["emotional"] == {"now": 100, "wished": 100}
    assert entry.scores["intellectual"] == {"now": None, "wished": None}  # skipped: no score
    assert entry.answers["emo-3"] == [1, 1]
    assert "emo-3" not in entry.answers_sealed  # sealed at rest
    assert (entry.closeness_now, entry.closeness_wished) == (5, 6)


def test_a_bad_answer_gets_a_message_and_saves_nothing(client, alice, shared_bond):
    client.force_login(alice)
    response = client.post(take_url(shared_bond), {"now_emo-1": "9", "closeness_now": "x"})
    assert response.status_code == 400
    assert "Choose one of the five answers" in response.content.decode()
    assert not CheckupEntry.objects.exists()


def test_an_empty_check_up_is_not_saved(client, alice, shared_bond):
    client.force_login(alice)
    response = client.post(take_url(shared_bond), {}, follow=True)
    assert "Answer at least a few questions" in response.content.decode()
    assert not CheckupEntry.objects.exists()


def test_answers_to_items_not_asked_are_refused(alice, shared_bond):
    with pytest.raises(services.CheckupError):
        services.checkup_record(person=alice, bond=shared_bond, answers={"sex-1": (5, 5)})
    assert not CheckupEntry.objects.exists()


def test_nothing_of_the_other_reaches_the_browser_before_both_have_taken_it(
    client, alice, bob, shared_bond
):
    services.checkup_record(person=alice, bond=shared_bond, answers=ALL_GOOD)
    before = page(client, alice, home(shared_bond))
    bob_entry = services.checkup_record(
        person=bob, bond=shared_bond, answers=DISTANT, closeness=(2, 7)
    )
    # Bob took it with Alice's already there: the round is complete for both now. So test
    # the other order too: Bob alone first, in a fresh bond.
    assert bob_entry.round.completed_at is not None
    fresh = Bond.objects.create(kind=BondKind.FRIEND, created_by=alice)
    join(fresh, alice, "Fresh")
    join(fresh, bob, "Fresh")
    services.checkup_record(person=alice, bond=fresh, answers=ALL_GOOD)
    alone = page(client, alice, home(fresh))
    services.checkup_record(person=bob, bond=fresh, answers=DISTANT)
    round_ = CheckupRound.objects.get(bond=fresh)
    assert round_.completed_at is not None
    assert "Side by side" in page(client, alice, home(fresh))
    assert "Side by side" not in alone and "Side by side" not in before


def test_the_page_is_the_same_whether_or_not_the_other_has_taken_it(
    client, alice, bob, shared_bond
):
    services.checkup_record(person=bob, bond=shared_bond, answers=DISTANT, closeness=(2, 7))
    with_bob = page(client, alice, home(shared_bond))
    CheckupEntry.objects.filter(person=bob).delete()
    without_bob = page(client, alice, home(shared_bond))
    assert with_bob == without_bob


def test_side_by_side_once_both_have_taken_it(client, alice, bob, shared_bond):
    services.checkup_record(person=alice, bond=shared_bond, answers=ALL_GOOD, closeness=(6, 7))
    services.checkup_record(person=bob, bond=shared_bond, answers=DISTANT, closeness=(2, 7))
    body = page(client, alice, home(shared_bond))
    assert "Side by side" in body
    assert "Where your views differ most: Sharing feelings" in body
    assert "You put it at 100 now, Bob at 8." in body
    assert reverse("prompts:deck", args=[shared_bond.pk]) + "?type=emotional" in body
    assert "Bob: just touching" in body
    bobs = page(client, bob, home(shared_bond))
    assert "You put it at 8 now, Alice at 100." in bobs


def test_item_answers_stay_private_unless_shared(client, alice, bob, shared_bond):
    services.checkup_record(person=alice, bond=shared_bond, answers=ALL_GOOD)
    services.checkup_record(person=bob, bond=shared_bond, answers=DISTANT)
    item_text = "I feel on edge"  # not answered; and the shared one below
    shared_text = "I feel safe being myself around Alice."
    assert shared_text not in page(client, alice, home(shared_bond))
    client.force_login(bob)
    client.post(reverse("checkup:share", args=[shared_bond.pk]), {"item": ["saf-1"]})
    body = page(client, alice, home(shared_bond))
    assert "What Bob chose to share" in body and shared_text in body
    assert "Now: Somewhat" in body
    assert "I can tell Alice how I really feel" not in body and item_text not in body


def test_only_answered_items_can_be_shared(client, alice, bob, shared_bond):
    services.checkup_record(person=bob, bond=shared_bond, answers=DISTANT)
    client.force_login(bob)
    response = client.post(
        reverse("checkup:share", args=[shared_bond.pk]), {"item": ["tal-1"]}, follow=True
    )
    assert "Only questions you answered" in response.content.decode()
    assert CheckupEntry.objects.get(person=bob).shared_items == []


def test_retaking_before_the_other_replaces_and_after_starts_a_new_round(alice, bob, shared_bond):
    services.checkup_record(person=alice, bond=shared_bond, answers=DISTANT)
    services.checkup_record(person=alice, bond=shared_bond, answers=ALL_GOOD)
    assert CheckupEntry.objects.filter(person=alice).count() == 1
    services.checkup_record(person=bob, bond=shared_bond, answers=DISTANT)
    services.checkup_record(person=alice, bond=shared_bond, answers=DISTANT)
    assert CheckupRound.objects.filter(bond=shared_bond).count() == 2
    assert CheckupEntry.objects.filter(person=alice).count() == 2


def test_taken_alone_stays_private_after_someone_joins(client, alice, bob, solo_bond):
    services.checkup_record(person=alice, bond=solo_bond, answers=ALL_GOOD)
    join(solo_bond, bob, "Alice")
    services.checkup_record(person=bob, bond=solo_bond, answers=DISTANT)
    assert CheckupRound.objects.get(bond=solo_bond).completed_at is None
    body = page(client, alice, home(solo_bond))
    assert "Side by side" not in body and "before Bob joined" in body


def test_items_fit_the_bond(client, alice, bob, shared_bond):
    colleague = Bond.objects.create(kind=BondKind.COLLEAGUE, created_by=alice)
    join(colleague, alice, "Work")
    body = page(client, alice, take_url(colleague))
    assert "Closeness and care" not in body and "Desire" not in body
    assert "why our work matters" in body
    partner = page(client, alice, take_url(shared_bond))
    assert "Closeness and care" in partner and "Desire" not in partner
    sexual_opt_in_set(person=alice, bond=shared_bond, opted_in=True)
    assert "Desire" not in page(client, alice, take_url(shared_bond))  # one of two is not enough
    sexual_opt_in_set(person=bob, bond=shared_bond, opted_in=True)
    assert "Desire" in page(client, alice, take_url(shared_bond))


def test_being_on_edge_is_met_with_help_for_the_one_who_said_it(client, alice, shared_bond):
    client.force_login(alice)
    response = client.post(take_url(shared_bond), form_data({"saf-3": (5, 1), "saf-1": (2, 5)}))
    assert response.status_code == 302 and response["Location"] == reverse("help:safety")
    assert CheckupEntry.objects.filter(person=alice).exists()


def test_the_invitation_comes_a_month_after_ones_own_last(client, alice, bob, shared_bond):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)):
        services.checkup_record(person=alice, bond=shared_bond, answers=ALL_GOOD)
    with time_machine.travel(datetime.datetime(2026, 3, 20, 12, tzinfo=datetime.UTC)):
        assert "A check-up, if you'd like" not in page(client, alice, reverse("today:today"))
    with time_machine.travel(datetime.datetime(2026, 4, 2, 12, tzinfo=datetime.UTC)):
        assert "A check-up, if you'd like" in page(client, alice, reverse("today:today"))
        # Bob never took one, and nothing on his Today page nags him about Alice's.
        assert "A check-up, if you'd like" not in page(client, bob, reverse("today:today"))


def test_dates_are_shown_in_the_viewers_zone(client, alice, bob, shared_bond):
    # 23:30 in London on 31 March is 1 April in Tokyo, and 31 March in New York.
    with time_machine.travel(datetime.datetime(2026, 3, 31, 22, 30, tzinfo=datetime.UTC)):
        services.checkup_record(person=alice, bond=shared_bond, answers=ALL_GOOD)
    assert "31 March 2026" in page(client, alice, home(shared_bond))
    alice.time_zone = "Asia/Tokyo"
    alice.save()
    assert "1 April 2026" in page(client, alice, home(shared_bond))


def test_leaving_takes_ones_check_ups_along(alice, bob, shared_bond):
    services.checkup_record(person=alice, bond=shared_bond, answers=ALL_GOOD)
    services.checkup_record(person=bob, bond=shared_bond, answers=DISTANT)
    bond_leave(person=alice, bond=shared_bond)
    assert not CheckupEntry.objects.filter(person=alice).exists()


def test_a_paused_bond_rests(alice, shared_bond):
    shared_bond.status = "paused"
    shared_bond.save()
    with pytest.raises(services.CheckupError):
        services.checkup_record(person=alice, bond=shared_bond, answers=ALL_GOOD)


def test_over_time_says_when_there_is_too_little_for_a_trend(client, alice, bob, shared_bond):
    steps = [DISTANT, {**DISTANT, "emo-1": (3, 5)}, ALL_GOOD]
    for month, answers in enumerate(steps, start=1):
        with time_machine.travel(datetime.datetime(2026, month, 10, 12, tzinfo=datetime.UTC)):
            services.checkup_record(person=alice, bond=shared_bond, answers=answers)
            services.checkup_record(person=bob, bond=shared_bond, answers=DISTANT)
        body = page(client, alice, home(shared_bond))
        if month == 1:
            assert "One check-up so far" in body and "points over your last" not in body
    assert "Sharing feelings</strong>: up 92 points over your last 3 check-ups" in body
    assert "100 / 8" in body  # hers, then his from the same complete round


def test_a_persons_archive_holds_their_own_check_ups_and_reflections_only(alice, bob, shared_bond):
    import io
    import json
    import zipfile

    from heartwork.domain.archive import validate_archive
    from heartwork.exports.services import archive_write

    services.checkup_record(person=alice, bond=shared_bond, answers=ALL_GOOD, closeness=(6, 7))
    services.checkup_record(person=bob, bond=shared_bond, answers=DISTANT, closeness=(2, 7))
    out = io.BytesIO()
    archive_write(person=alice, out=out)
    with zipfile.ZipFile(out) as archive:
        document = json.loads(archive.read("heartwork-export.json"))
        page = archive.read("index.html").decode()
    validate_archive(document)
    checkups = document["practices"]["checkup"]["checkups"]
    assert [c["closeness_now"] for c in checkups] == [6]  # Alice's, never Bob's 2
    assert checkups[0]["answers"]["emo-1"] == [5, 5] and checkups[0]["mine"] is True
    assert "Your check-ups" in page
