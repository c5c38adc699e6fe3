import re
from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from heartwork.bonds.services import bond_pause
from heartwork.domain.ladder import ROUNDS_TO_GO_DEEPER
from heartwork.domain.prompts import IntimacyType, prompt_library
from heartwork.keyring.models import WrappedKey
from heartwork.prompts import selectors, services
from heartwork.prompts.models import Answer, PromptChange, PromptRound, Reply
from tests.conftest import PASSWORD

CANARY_ALICE = "canary-alice-7f3a9"
CANARY_BOB = "canary-bob-91c2e"


def today_url(bond):
    return reverse("prompts:today", args=[bond.pk])


def answer(client, person, bond, text):
    client.force_login(person)
    round_ = services.round_for_today(bond=bond)
    return client.post(reverse("prompts:answer", args=[bond.pk, round_.pk]), {"text": text})


def agree(client, asker, answerer, bond, url_name="prompts:skip", data=None):
    """``asker`` asks to change today's prompt and ``answerer`` says yes; the response."""
    client.force_login(asker)
    client.post(reverse(url_name, args=[bond.pk]), data or {})
    change = PromptChange.objects.get(status="open")
    client.force_login(answerer)
    return client.post(
        reverse("prompts:change_answer", args=[bond.pk]),
        {"change": change.pk, "accept": "1"},
        follow=True,
    )


def all_prompt_pages(bond):
    round_ = services.round_for_today(bond=bond)
    return [
        today_url(bond),
        reverse("prompts:history", args=[bond.pk]),
        reverse("prompts:deck", args=[bond.pk]),
        reverse("prompts:ladder", args=[bond.pk]),
        reverse("bonds:detail", args=[bond.pk]),
        reverse("today:today"),
    ], round_


def test_both_members_get_the_same_prompt(client, alice, bob, shared_bond):
    client.force_login(alice)
    first = client.get(today_url(shared_bond)).content.decode()
    client.force_login(bob)
    second = client.get(today_url(shared_bond)).content.decode()
    prompt = prompt_library().get(PromptRound.objects.get().prompt_id)
    assert (
        prompt.text.replace("'", "&#x27;") in first and prompt.text.replace("'", "&#x27;") in second
    )
    assert prompt.depth == 1 and prompt.suits(shared_bond.kind_enum)
    assert PromptRound.objects.count() == 1


def test_the_other_answer_never_reaches_the_browser_before_both_answered(
    client, alice, bob, shared_bond
):
    answer(client, bob, shared_bond, f"Bob's private words {CANARY_BOB}")
    pages, round_ = all_prompt_pages(shared_bond)
    client.force_login(alice)
    for url in pages:
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            body = client.get(url, **headers).content.decode()
            assert CANARY_BOB not in body, url
    # Posting things that only work after the reveal changes nothing and shows nothing.
    for name, data in (
        ("prompts:reply", {"reaction": "thanks"}),
        ("prompts:comfort", {"comfort": "5"}),
    ):
        response = client.post(reverse(name, args=[shared_bond.pk, round_.pk]), data, follow=True)
        assert CANARY_BOB not in response.content.decode()
    assert round_.replies.count() == 0 and Answer.objects.get(person=bob).comfort is None

    answer(client, alice, shared_bond, f"Alice's words {CANARY_ALICE}")
    body = client.get(today_url(shared_bond)).content.decode()
    assert CANARY_BOB in body and CANARY_ALICE in body
    client.force_login(bob)
    assert CANARY_ALICE in client.get(today_url(shared_bond)).content.decode()


def test_reveal_rule_at_the_query_level(alice, bob, charlie, shared_bond):
    round_ = services.round_for_today(bond=shared_bond)
    services.answer_submit(person=bob, bond=shared_bond, round_=round_, text="bob")
    assert list(selectors.answers_visible_to(alice, round_)) == []
    assert [a.person for a in selectors.answers_visible_to(bob, round_)] == [bob]
    services.answer_submit(person=alice, bond=shared_bond, round_=round_, text="alice")
    assert {a.person for a in selectors.answers_visible_to(alice, round_)} == {alice, bob}
    view = selectors.round_view(alice, shared_bond, round_)
    assert view.revealed and view.their_answer.text == "bob"


def test_replies_follow_the_reveal_rule_at_the_query_level(alice, bob, shared_bond):
    round_ = services.round_for_today(bond=shared_bond)
    # The service refuses replies before the reveal; the selector must hide one anyway.
    early = Reply(round=round_, person=bob, reaction="")
    early.text = "too early"
    early.save()
    assert list(selectors.replies_visible_to(alice, round_)) == []
    assert list(selectors.replies_visible_to(bob, round_)) == [early]
    for person in (alice, bob):
        services.answer_submit(person=person, bond=shared_bond, round_=round_, text="x")
    assert list(selectors.replies_visible_to(alice, round_)) == [early]


def test_the_deck_filters_by_theme(client, alice, shared_bond):
    client.force_login(alice)
    suits = [
        p
        for p in prompt_library().prompts
        if p.suits(shared_bond.kind_enum) and p.type is not IntimacyType.SEXUAL
    ]
    theme = Counter(p.theme for p in suits).most_common(1)[0][0]
    wanted = [p for p in suits if p.theme == theme]
    body = client.get(
        reverse("prompts:deck", args=[shared_bond.pk]), {"theme": theme}
    ).content.decode()
    assert f"{len(wanted)} prompts" in body
    assert all(p.text.replace("'", "&#x27;") in body for p in wanted[:5])
    other = next(p for p in suits if p.theme != theme)
    assert other.text.replace("'", "&#x27;") not in body


def test_answers_are_encrypted_at_rest(client, alice, shared_bond):
    answer(client, alice, shared_bond, f"Something tender {CANARY_ALICE}")
    stored = Answer.objects.get().text_sealed
    assert stored.startswith("v1:") and CANARY_ALICE not in stored
    with connection.cursor() as cursor:
        cursor.execute("SELECT text_sealed FROM prompts_answer")
        assert all(CANARY_ALICE not in row[0] for row in cursor.fetchall())
    assert Answer.objects.get().text == f"Something tender {CANARY_ALICE}"


def test_answer_can_be_edited_until_the_reveal(client, alice, bob, shared_bond):
    answer(client, alice, shared_bond, "first draft")
    answer(client, alice, shared_bond, "second draft")
    assert Answer.objects.get(person=alice).text == "second draft"
    answer(client, bob, shared_bond, "bob")
    response = answer(client, alice, shared_bond, "third draft")
    assert Answer.objects.get(person=alice).text == "second draft"
    assert "fixed now" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write a few words"),
        ("   \n ", "Write a few words"),
        ("x" * 4001, "4000 characters or fewer"),
    ],
)
def test_bad_answers_are_refused_with_a_message(client, alice, shared_bond, text, message):
    response = answer(client, alice, shared_bond, text)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Answer.objects.count() == 0


def test_reply_and_comfort_after_the_reveal(client, alice, bob, shared_bond):
    answer(client, alice, shared_bond, "a")
    answer(client, bob, shared_bond, "b")
    round_ = PromptRound.objects.get()
    client.force_login(alice)
    client.post(
        reverse("prompts:reply", args=[shared_bond.pk, round_.pk]),
        {"reaction": "smile", "text": f"love this {CANARY_ALICE}"},
    )
    client.post(reverse("prompts:comfort", args=[shared_bond.pk, round_.pk]), {"comfort": "4"})
    client.force_login(bob)
    body = client.get(today_url(shared_bond)).content.decode()
    assert "That made me smile" in body and CANARY_ALICE in body
    assert Answer.objects.get(person=alice).comfort == 4
    assert round_.replies.get().text_sealed.startswith("v1:")


@pytest.mark.parametrize("data", [{}, {"comfort": "0"}, {"comfort": "6"}, {"comfort": "abc"}])
def test_bad_comfort_ratings_change_nothing(client, alice, bob, shared_bond, data):
    answer(client, alice, shared_bond, "a")
    answer(client, bob, shared_bond, "b")
    client.force_login(alice)
    response = client.post(
        reverse("prompts:comfort", args=[shared_bond.pk, PromptRound.objects.get().pk]), data
    )
    assert response.status_code == 400
    assert "from 1 to 5" in response.content.decode() or "how it felt" in response.content.decode()
    assert Answer.objects.get(person=alice).comfort is None


def test_empty_reply_is_refused(client, alice, bob, shared_bond):
    answer(client, alice, shared_bond, "a")
    answer(client, bob, shared_bond, "b")
    client.force_login(alice)
    response = client.post(
        reverse("prompts:reply", args=[shared_bond.pk, PromptRound.objects.get().pk]),
        {"reaction": "", "text": "  "},
    )
    assert response.status_code == 400 and "Pick a reaction" in response.content.decode()
    response = client.post(
        reverse("prompts:reply", args=[shared_bond.pk, PromptRound.objects.get().pk]),
        {"reaction": "shout"},
    )
    assert response.status_code == 400
    assert PromptRound.objects.get().replies.count() == 0


def test_skip_brings_another_and_lighter_goes_down_a_level(client, alice, bob, shared_bond):
    first = services.round_for_today(bond=shared_bond)
    agree(client, alice, bob, shared_bond)
    second = selectors.current_round(shared_bond, first.day)
    assert second.prompt_id != first.prompt_id and second.depth == 1
    assert PromptRound.objects.get(pk=first.pk).status == "skipped"
    ladder = selectors.ladder_for(shared_bond)
    ladder.depth = 3
    ladder.save()
    agree(client, bob, alice, shared_bond)
    assert selectors.current_round(shared_bond, first.day).depth == 3
    agree(client, alice, bob, shared_bond, data={"lighter": "1"})
    lighter = selectors.current_round(shared_bond, first.day)
    assert lighter.source == "lighter" and lighter.depth == 2


def test_too_many_skips_in_a_day_is_a_gentle_message(client, alice, solo_bond):
    client.force_login(alice)
    for _ in range(services.MAX_ROUNDS_PER_DAY + 2):
        response = client.post(reverse("prompts:skip", args=[solo_bond.pk]), follow=True)
    body = response.content.decode()
    assert "plenty of prompts for one day" in body
    assert "Skip this one" not in body  # nothing offered that cannot happen
    assert PromptRound.objects.count() == services.MAX_ROUNDS_PER_DAY


def test_ladder_goes_deeper_after_comfortable_shared_rounds_and_back_after_discomfort(
    alice, bob, shared_bond
):
    start = timezone.now()
    for day in range(ROUNDS_TO_GO_DEEPER):
        with time_machine.travel(start + timedelta(days=day), tick=False):
            round_ = services.round_for_today(bond=shared_bond)
            assert round_.depth == 1
            for person in (alice, bob):
                services.answer_submit(person=person, bond=shared_bond, round_=round_, text="x")
            for person in (alice, bob):
                services.comfort_rate(person=person, bond=shared_bond, round_=round_, rating=5)
    assert selectors.ladder_for(shared_bond).depth == 2
    with time_machine.travel(start + timedelta(days=ROUNDS_TO_GO_DEEPER), tick=False):
        round_ = services.round_for_today(bond=shared_bond)
        assert round_.depth == 2
        for person in (alice, bob):
            services.answer_submit(person=person, bond=shared_bond, round_=round_, text="x")
        services.comfort_rate(person=bob, bond=shared_bond, round_=round_, rating=1)
    assert selectors.ladder_for(shared_bond).depth == 1


def test_step_back_by_hand(client, alice, shared_bond):
    ladder = selectors.ladder_for(shared_bond)
    ladder.depth = 2
    ladder.save()
    client.force_login(alice)
    client.post(reverse("prompts:step_back", args=[shared_bond.pk]))
    assert selectors.ladder_for(shared_bond).depth == 1
    response = client.post(reverse("prompts:step_back", args=[shared_bond.pk]), follow=True)
    assert "already at the lightest" in response.content.decode()


def test_sexual_prompts_need_both_partners_and_each_choice_is_private(
    client, alice, bob, shared_bond
):
    # Today's prompt is drawn before either opts in, so it is never the sexual one chosen
    # below (drawn after both had, it could be that very prompt, and there'd be no change).
    services.round_for_today(bond=shared_bond)
    client.force_login(alice)
    client.post(reverse("prompts:opt_in", args=[shared_bond.pk]), {"opted_in": "1"})
    assert not selectors.sexual_allowed(shared_bond)
    client.force_login(bob)
    ladder_page = client.get(reverse("prompts:ladder", args=[shared_bond.pk])).content.decode()
    assert "You have them turned off" in ladder_page  # nothing about Alice's choice
    deck = client.get(
        reverse("prompts:deck", args=[shared_bond.pk]), {"type": "physical-sexual"}
    ).content.decode()
    assert "Desire ·" not in deck
    sexual = next(p for p in prompt_library().prompts if p.type is IntimacyType.SEXUAL)
    response = client.post(
        reverse("prompts:choose", args=[shared_bond.pk]), {"prompt_id": sexual.id}, follow=True
    )
    assert (
        "isn" in response.content.decode()
        and PromptRound.objects.filter(prompt_id=sexual.id).count() == 0
    )
    client.post(reverse("prompts:opt_in", args=[shared_bond.pk]), {"opted_in": "1"})
    assert selectors.sexual_allowed(shared_bond)
    agree(client, bob, alice, shared_bond, "prompts:choose", {"prompt_id": sexual.id})
    assert services.round_for_today(bond=shared_bond).prompt_id == sexual.id


def test_sexual_opt_in_is_refused_outside_partner_bonds(alice_client, solo_bond):
    response = alice_client.post(
        reverse("prompts:opt_in", args=[solo_bond.pk]), {"opted_in": "1"}, follow=True
    )
    assert "only offered in partner bonds" in response.content.decode()


def test_deck_filters_and_choosing_together(client, alice, bob, shared_bond):
    client.force_login(alice)
    body = client.get(
        reverse("prompts:deck", args=[shared_bond.pk]), {"type": "spiritual", "depth": "3"}
    ).content.decode()
    spiritual_3 = [
        p
        for p in prompt_library().prompts
        if p.type.value == "spiritual" and p.depth == 3 and p.suits(shared_bond.kind_enum)
    ]
    assert f"{len(spiritual_3)} prompts" in body
    response = client.get(
        reverse("prompts:deck", args=[shared_bond.pk]), {"depth": "9", "type": "nope"}
    )
    assert response.status_code == 200  # bad filters are ignored, not an error
    agree(client, alice, bob, shared_bond, "prompts:choose", {"prompt_id": spiritual_3[0].id})
    assert services.round_for_today(bond=shared_bond).prompt_id == spiritual_3[0].id


@pytest.mark.parametrize("prompt_id", ["", "nope", "x" * 500, "physical-nonsexual-1-001"])
def test_choosing_a_prompt_outside_the_deck_is_refused(client, alice, db, prompt_id):
    from heartwork.bonds.services import bond_create
    from heartwork.domain.bonds import BondKind

    bond = bond_create(person=alice, name="Team", kind=BondKind.COLLEAGUE)
    client.force_login(alice)
    response = client.post(
        reverse("prompts:choose", args=[bond.pk]), {"prompt_id": prompt_id}, follow=True
    )
    assert "in this bond" in response.content.decode()
    assert PromptRound.objects.count() == 0


def test_solo_bond_gets_a_prompt_to_reflect_on_and_can_rate_it(client, alice, solo_bond):
    response = answer(client, alice, solo_bond, "just me")
    assert response.status_code == 302
    body = client.get(today_url(solo_bond)).content.decode()
    assert "reflect on" in body and "just me" in body
    client.post(
        reverse("prompts:comfort", args=[solo_bond.pk, PromptRound.objects.get().pk]),
        {"comfort": "5"},
    )
    assert Answer.objects.get().comfort == 5


def test_paused_bond_rests(client, alice, bob, shared_bond):
    bond_pause(person=bob, bond=shared_bond)
    client.force_login(alice)
    assert "Prompts are resting" in client.get(today_url(shared_bond)).content.decode()
    assert PromptRound.objects.count() == 0


def test_a_round_of_another_bond_is_404(client, alice, bob, charlie, shared_bond, solo_bond):
    other_round = services.round_for_today(bond=solo_bond)
    client.force_login(bob)
    response = client.post(
        reverse("prompts:answer", args=[shared_bond.pk, other_round.pk]), {"text": "hi"}
    )
    assert response.status_code == 404
    assert Answer.objects.count() == 0


def test_history_shows_only_what_each_may_see(client, alice, bob, shared_bond):
    answer(client, bob, shared_bond, CANARY_BOB)
    agree(client, bob, alice, shared_bond)
    answer(client, alice, shared_bond, CANARY_ALICE)
    client.force_login(alice)
    history = client.get(reverse("prompts:history", args=[shared_bond.pk])).content.decode()
    assert CANARY_ALICE in history and CANARY_BOB not in history
    client.force_login(bob)
    history = client.get(reverse("prompts:history", args=[shared_bond.pk])).content.decode()
    assert CANARY_BOB in history and CANARY_ALICE not in history


def test_deleting_an_account_removes_answers_and_the_data_key(
    client, alice, bob, shared_bond, django_capture_on_commit_callbacks
):
    answer(client, alice, shared_bond, "alice")
    answer(client, bob, shared_bond, "bob")
    assert WrappedKey.objects.filter(person_id=alice.pk).exists()
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:delete"), {"password": PASSWORD, "confirmation": "delete my account"}
        )
    assert not WrappedKey.objects.filter(person_id=alice.pk).exists()
    assert WrappedKey.objects.filter(person_id=bob.pk).exists()
    assert list(Answer.objects.values_list("person", flat=True)) == [bob.pk]


def test_a_waiting_answer_is_the_answerers_to_set_aside_and_never_shown(
    client, alice, bob, shared_bond
):
    """Bob has answered; Alice asks for another. Her page looks the same whether or not he
    has answered; Bob is told his answer stays in Past prompts if he says yes, and it does,
    for him alone."""
    client.force_login(alice)
    before = client.get(today_url(shared_bond)).content.decode()
    kept = services.round_for_today(bond=shared_bond)
    services.answer_submit(person=bob, bond=shared_bond, round_=kept, text=CANARY_BOB)
    after = client.get(today_url(shared_bond)).content.decode()
    strip = re.compile(r'value="[^"]{30,}"|"X-CSRFToken": "[^"]+"|data-live[^>]*')
    assert strip.sub("", before) == strip.sub("", after)  # nothing says Bob has answered
    body = client.post(reverse("prompts:skip", args=[shared_bond.pk]), follow=True)
    body = body.content.decode()
    assert "Asked Bob" in body and CANARY_BOB not in body and "already waiting" not in body
    client.force_login(bob)
    page = client.get(today_url(shared_bond)).content.decode()
    assert "Alice asked to change today" in page
    assert "your answer to today's prompt stays in Past prompts, just for you" in page
    agree_response = client.post(
        reverse("prompts:change_answer", args=[shared_bond.pk]),
        {"change": PromptChange.objects.get().pk, "accept": "1"},
        follow=True,
    )
    assert "Changed" in agree_response.content.decode()
    assert services.round_for_today(bond=shared_bond).pk != kept.pk
    assert Answer.objects.get(person=bob).round_id == kept.pk  # his words are kept
    history = client.get(reverse("prompts:history", args=[shared_bond.pk])).content.decode()
    assert CANARY_BOB in history
    client.force_login(alice)
    for url in all_prompt_pages(shared_bond)[0]:
        assert CANARY_BOB not in client.get(url).content.decode(), url


def test_an_uneasy_rating_on_a_prompt_from_the_deck_steps_back_once(alice, bob, shared_bond):
    ladder = selectors.ladder_for(shared_bond)
    ladder.depth = 2
    ladder.save()
    deeper = next(
        p
        for p in prompt_library().prompts
        if p.suits(shared_bond.kind_enum) and p.depth == 3 and p.type is not IntimacyType.SEXUAL
    )
    asked = services.change_propose(
        person=alice, bond=shared_bond, kind="chosen", prompt_id=deeper.id
    )
    services.change_answer(person=bob, bond=shared_bond, change_id=asked.pk, accept=True)
    round_ = services.round_for_today(bond=shared_bond)
    assert round_.prompt_id == deeper.id
    for person in (alice, bob):
        services.answer_submit(person=person, bond=shared_bond, round_=round_, text="x")
    services.comfort_rate(person=alice, bond=shared_bond, round_=round_, rating=2)
    assert selectors.ladder_for(shared_bond).depth == 1
    ladder = selectors.ladder_for(shared_bond)
    ladder.depth = 2
    ladder.save()
    services.comfort_rate(
        person=alice, bond=shared_bond, round_=round_, rating=1
    )  # still uneasy: no second step
    assert selectors.ladder_for(shared_bond).depth == 2


def test_one_persons_desire_opt_in_tells_the_other_nothing(client, alice, bob, shared_bond):
    """Before both have chosen, nothing anyone can see depends on the other's choice."""

    def pages(person):
        client.force_login(person)
        deck = client.get(reverse("prompts:deck", args=[shared_bond.pk])).content.decode()
        ladder = client.get(reverse("prompts:ladder", args=[shared_bond.pk])).content.decode()
        return re.sub(r'value="[^"]{40,}"|"X-CSRFToken": "[^"]+"', "", deck + ladder)

    bob_before, alice_before = pages(bob), pages(alice)
    client.force_login(alice)
    client.post(reverse("prompts:opt_in", args=[shared_bond.pk]), {"opted_in": "1"}, follow=True)
    assert pages(bob) == bob_before  # Bob sees nothing of Alice's choice
    deck_size = re.compile(r"(\d+) prompts?\.")
    assert deck_size.search(pages(alice)).group(1) == deck_size.search(alice_before).group(
        1
    )  # her deck did not grow


def test_when_both_opt_in_both_are_told_at_once(client, alice, bob, shared_bond):
    for person in (alice, bob):
        client.force_login(person)
        client.post(reverse("prompts:opt_in", args=[shared_bond.pk]), {"opted_in": "1"})
    for person in (alice, bob):
        client.force_login(person)
        ladder = client.get(reverse("prompts:ladder", args=[shared_bond.pk])).content.decode()
        assert "You've both turned them on" in ladder


def test_a_round_whose_prompt_was_retired_still_shows_it_and_it_cannot_be_chosen(
    client, alice, bob, shared_bond
):
    retired = next(p for p in prompt_library().retired if p.suits(shared_bond.kind_enum))
    round_ = services.round_for_today(bond=shared_bond)
    PromptRound.objects.filter(pk=round_.pk).update(prompt_id=retired.id)
    answer(client, bob, shared_bond, "bob")
    answer(client, alice, shared_bond, "alice")
    text = retired.text.replace("'", "&#x27;")
    assert text in client.get(today_url(shared_bond)).content.decode()
    assert text in client.get(reverse("prompts:history", args=[shared_bond.pk])).content.decode()
    response = client.post(
        reverse("prompts:choose", args=[shared_bond.pk]), {"prompt_id": retired.id}, follow=True
    )
    assert "in this bond" in response.content.decode()
    deck = client.get(reverse("prompts:deck", args=[shared_bond.pk])).content.decode()
    assert text not in deck


@pytest.mark.parametrize("heavy", [True, False])
def test_a_prompt_that_can_touch_something_heavy_carries_a_quiet_pointer_to_help(
    client, alice, bob, shared_bond, heavy
):
    prompt = next(
        p
        for p in prompt_library().prompts
        if p.needs_care is heavy and p.depth == 3 and p.suits(shared_bond.kind_enum)
    )
    page = agree(
        client, alice, bob, shared_bond, "prompts:choose", {"prompt_id": prompt.id}
    ).content.decode()
    assert ("people are there to listen" in page) is heavy
