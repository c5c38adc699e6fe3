"""Changing today's prompt takes both people: one asks, the other says yes or no."""

import pytest
from django.urls import reverse

from heartwork.bonds.services import bond_leave
from heartwork.core.live import live_token
from heartwork.domain.prompts import IntimacyType, prompt_library
from heartwork.prompts import selectors, services
from heartwork.prompts.models import PromptChange, PromptRound
from heartwork.prompts.services import PromptError


def today_url(bond):
    return reverse("prompts:today", args=[bond.pk])


def page(client, person, url) -> str:
    client.force_login(person)
    return client.get(url).content.decode().replace("&#x27;", "'")


def ask(client, person, bond, name="prompts:skip", **data):
    client.force_login(person)
    return client.post(reverse(name, args=[bond.pk]), data, follow=True).content.decode()


def say(client, person, bond, change, accept: bool):
    client.force_login(person)
    return client.post(
        reverse("prompts:change_answer", args=[bond.pk]),
        {"change": change.pk, "accept": "1" if accept else "0"},
        follow=True,
    ).content.decode()


def set_depth(bond, depth):
    ladder = selectors.ladder_for(bond)
    ladder.depth = depth
    ladder.save()


def deck_prompt(bond, depth):
    """A deck prompt at ``depth`` that isn't today's (choosing today's own changes nothing)."""
    todays = services.round_for_today(bond=bond).prompt_id
    return next(
        p
        for p in prompt_library().prompts
        if p.suits(bond.kind_enum)
        and p.depth == depth
        and p.type is not IntimacyType.SEXUAL
        and p.id != todays
    )


@pytest.mark.parametrize(
    ("name", "data"),
    [("prompts:skip", {}), ("prompts:skip", {"lighter": "1"}), ("prompts:choose", None)],
)
def test_one_member_alone_cannot_change_todays_prompt(client, alice, bob, shared_bond, name, data):
    set_depth(shared_bond, 2)
    first = services.round_for_today(bond=shared_bond)
    if data is None:
        data = {"prompt_id": deck_prompt(shared_bond, 3).id}  # deeper than the ladder, too
    body = ask(client, alice, shared_bond, name, **data).replace("&#x27;", "'")
    assert "Asked Bob" in body and "once they say yes" in body
    assert services.round_for_today(bond=shared_bond).pk == first.pk
    assert list(PromptRound.objects.values_list("status", flat=True)) == ["open"]
    assert PromptChange.objects.get().status == "open"
    assert "You asked Bob" in page(client, alice, today_url(shared_bond))


def test_the_other_sees_the_request_on_the_page_and_on_today_and_a_yes_changes_it(
    client, alice, bob, shared_bond
):
    first = services.round_for_today(bond=shared_bond)
    ask(client, alice, shared_bond)
    prompt_page = page(client, bob, today_url(shared_bond))
    assert "Alice asked to change today's prompt" in prompt_page
    assert "another one: a light prompt" in prompt_page
    today = page(client, bob, reverse("today:today"))
    assert "Alice asked to change today's prompt: another one." in today
    assert "Say yes or no" in today
    assert "asked to change" not in page(client, alice, reverse("today:today"))  # not hers

    body = say(client, bob, shared_bond, PromptChange.objects.get(), accept=True)
    assert "Changed. Here's today's new prompt" in body.replace("&#x27;", "'")
    second = services.round_for_today(bond=shared_bond)
    assert second.pk != first.pk and second.prompt_id != first.prompt_id
    assert PromptRound.objects.get(pk=first.pk).status == "skipped"
    change = PromptChange.objects.get()
    assert (change.status, change.answered_by) == ("accepted", bob)
    assert "asked to change" not in page(client, bob, reverse("today:today"))


def test_a_no_keeps_the_prompt_and_the_asker_is_told(client, alice, bob, shared_bond):
    first = services.round_for_today(bond=shared_bond)
    ask(client, alice, shared_bond)
    body = say(client, bob, shared_bond, PromptChange.objects.get(), accept=False)
    assert "Kept. Today's prompt stays as it is." in body.replace("&#x27;", "'")
    assert services.round_for_today(bond=shared_bond).pk == first.pk
    assert PromptChange.objects.get().status == "declined"
    assert "Bob would rather keep today's prompt" in page(client, alice, today_url(shared_bond))
    assert "would rather keep" not in page(client, bob, today_url(shared_bond))


def test_the_asker_can_withdraw_and_only_the_asker(client, alice, bob, shared_bond):
    ask(client, alice, shared_bond)
    change = PromptChange.objects.get()
    # Alice cannot say yes to her own request; Bob cannot withdraw hers.
    assert "your own request" in say(client, alice, shared_bond, change, accept=True)
    client.force_login(bob)
    client.post(reverse("prompts:change_withdraw", args=[shared_bond.pk]), {"change": change.pk})
    change.refresh_from_db()
    assert change.status == "open"
    client.force_login(alice)
    withdraw = reverse("prompts:change_withdraw", args=[shared_bond.pk])
    body = client.post(withdraw, {"change": change.pk}, follow=True).content.decode()
    assert "Withdrawn" in body
    change.refresh_from_db()
    assert change.status == "withdrawn"
    assert "asked to change" not in page(client, bob, today_url(shared_bond))
    body = say(client, bob, shared_bond, change, accept=True)
    assert "already been answered or withdrawn" in body
    assert PromptRound.objects.count() == 1


def test_a_yes_lands_only_on_the_request_that_was_shown(client, alice, bob, shared_bond):
    """Alice replaces her request with a deeper pick while Bob looks at the first one: his
    yes to the first changes nothing."""
    first_pick, deeper_pick = deck_prompt(shared_bond, 1), deck_prompt(shared_bond, 3)
    ask(client, alice, shared_bond, "prompts:choose", prompt_id=first_pick.id)
    shown = PromptChange.objects.get()
    ask(client, alice, shared_bond, "prompts:choose", prompt_id=deeper_pick.id)
    assert PromptChange.objects.get(pk=shown.pk).status == "withdrawn"
    body = say(client, bob, shared_bond, shown, accept=True)
    assert "already been answered or withdrawn" in body
    assert PromptRound.objects.count() == 1


def test_while_one_request_waits_the_other_cannot_ask_over_it(client, alice, bob, shared_bond):
    ask(client, alice, shared_bond)
    body = ask(client, bob, shared_bond, lighter="1").replace("&#x27;", "'")
    assert "Alice has already asked to change today's prompt. Say yes or no to that first." in body
    assert PromptChange.objects.count() == 1


def test_a_deeper_pick_shows_its_depth_and_a_yes_is_the_agreement(client, alice, bob, shared_bond):
    deeper = deck_prompt(shared_bond, 3)
    ask(client, alice, shared_bond, "prompts:choose", prompt_id=deeper.id)
    bobs = page(client, bob, today_url(shared_bond))
    assert deeper.text in bobs and "Vulnerable" in bobs
    assert "This goes deeper than the light prompts you're at now" in bobs
    say(client, bob, shared_bond, PromptChange.objects.get(), accept=True)
    chosen = services.round_for_today(bond=shared_bond)
    assert (chosen.prompt_id, chosen.depth, chosen.source) == (deeper.id, 3, "chosen")
    assert selectors.ladder_for(shared_bond).depth == 1  # the ladder itself stays


def test_a_bond_of_one_changes_alone_but_not_deeper_than_its_ladder(client, alice, solo_bond):
    first = services.round_for_today(bond=solo_bond)
    body = ask(client, alice, solo_bond).replace("&#x27;", "'")
    assert "Here's another one." in body
    assert services.round_for_today(bond=solo_bond).pk != first.pk
    deeper = deck_prompt(solo_bond, 2)
    body = ask(client, alice, solo_bond, "prompts:choose", prompt_id=deeper.id)
    assert "wait until there are two of you" in body
    assert PromptRound.objects.filter(prompt_id=deeper.id).count() == 0
    deck = reverse("prompts:deck", args=[solo_bond.pk])
    assert "Use this one today" in page(client, alice, deck + "?depth=1")
    deeper_deck = page(client, alice, deck + "?depth=2")
    assert "Use this one today" not in deeper_deck and "once there are two of you" in deeper_deck
    within = deck_prompt(solo_bond, 1)
    ask(client, alice, solo_bond, "prompts:choose", prompt_id=within.id)
    assert services.round_for_today(bond=solo_bond).prompt_id == within.id


def test_something_lighter_is_never_offered_at_the_lightest(client, alice, bob, shared_bond):
    body = page(client, alice, today_url(shared_bond))
    assert services.round_for_today(bond=shared_bond).depth == 1
    assert "lighter" not in body.lower()
    body = ask(client, alice, shared_bond, lighter="1").replace("&#x27;", "'")
    assert "already one of the lightest" in body
    assert PromptChange.objects.count() == 0
    set_depth(shared_bond, 2)
    agreed = services.change_propose(person=alice, bond=shared_bond, kind="another")
    services.change_answer(person=bob, bond=shared_bond, change_id=agreed.pk, accept=True)
    assert "Ask for something lighter" in page(client, alice, today_url(shared_bond))


def test_the_asker_is_told_what_happens_to_their_own_answer(client, alice, bob, shared_bond):
    round_ = services.round_for_today(bond=shared_bond)
    services.answer_submit(person=alice, bond=shared_bond, round_=round_, text="mine")
    body = page(client, alice, today_url(shared_bond))
    assert "Your answer to this one would stay in Past prompts, just for you." in body
    ask(client, alice, shared_bond)
    body = page(client, alice, today_url(shared_bond))
    assert "If it does, your answer to this one stays in Past prompts, just for you." in body
    say(client, bob, shared_bond, PromptChange.objects.get(), accept=True)
    history = page(client, alice, reverse("prompts:history", args=[shared_bond.pk]))
    assert "mine" in history and "Kept here just for you" in history


def test_after_both_answered_another_keeps_the_answers_and_says_so(client, alice, bob, shared_bond):
    round_ = services.round_for_today(bond=shared_bond)
    for person in (alice, bob):
        services.answer_submit(person=person, bond=shared_bond, round_=round_, text="said")
    body = page(client, alice, today_url(shared_bond))
    assert "Another prompt?" in body and "Your answers to this one stay in Past prompts." in body
    assert "stays private until" not in body
    ask(client, alice, shared_bond)
    assert "Your answers and replies to today's prompt stay in Past prompts." in page(
        client, bob, today_url(shared_bond)
    )
    say(client, bob, shared_bond, PromptChange.objects.get(), accept=True)
    assert PromptRound.objects.get(pk=round_.pk).status == "open"  # not a skip
    assert len(selectors.history_for(alice, shared_bond)[0].round.answers.all()) == 2


def test_the_other_members_open_page_notices_a_request(alice, bob, shared_bond):
    services.round_for_today(bond=shared_bond)
    before = live_token(bob)
    change = services.change_propose(person=alice, bond=shared_bond, kind="another")
    asked = live_token(bob)
    assert asked != before
    services.change_withdraw(person=alice, bond=shared_bond, change_id=change.pk)
    assert live_token(bob) != asked


def test_leaving_forgets_ones_requests_and_lapses_a_waiting_one(alice, bob, shared_bond):
    services.round_for_today(bond=shared_bond)
    services.change_propose(person=bob, bond=shared_bond, kind="another")
    bond_leave(person=alice, bond=shared_bond)
    assert PromptChange.objects.get().status == "lapsed"
    bond_leave(person=bob, bond=shared_bond)
    assert PromptChange.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [{}, {"change": "nope", "accept": "1"}, {"change": "", "accept": "maybe"}, {"accept": "1"}],
)
def test_a_bad_yes_or_no_changes_nothing(client, alice, bob, shared_bond, data):
    ask(client, alice, shared_bond)
    client.force_login(bob)
    response = client.post(reverse("prompts:change_answer", args=[shared_bond.pk]), data)
    assert response.status_code == 302
    assert PromptChange.objects.get().status == "open" and PromptRound.objects.count() == 1


def test_a_stranger_cannot_answer_or_withdraw(client, alice, charlie, shared_bond):
    services.round_for_today(bond=shared_bond)
    change = services.change_propose(person=alice, bond=shared_bond, kind="another")
    client.force_login(charlie)
    for name in ("prompts:change_answer", "prompts:change_withdraw"):
        response = client.post(
            reverse(name, args=[shared_bond.pk]), {"change": change.pk, "accept": "1"}
        )
        assert response.status_code == 404
    change.refresh_from_db()
    assert change.status == "open"


def test_a_paused_bond_takes_no_requests(alice, bob, shared_bond):
    from heartwork.bonds.services import bond_pause

    services.round_for_today(bond=shared_bond)
    change = services.change_propose(person=alice, bond=shared_bond, kind="another")
    bond_pause(person=bob, bond=shared_bond)
    with pytest.raises(PromptError):
        services.change_answer(person=bob, bond=shared_bond, change_id=change.pk, accept=True)
    with pytest.raises(PromptError):
        services.change_propose(person=bob, bond=shared_bond, kind="another")


def test_saving_an_answer_says_what_is_true(client, alice, bob, shared_bond, solo_bond):
    def save(person, bond):
        round_ = services.round_for_today(bond=bond)
        client.force_login(person)
        return (
            client.post(
                reverse("prompts:answer", args=[bond.pk, round_.pk]), {"text": "words"}, follow=True
            )
            .content.decode()
            .replace("&#x27;", "'")
        )

    assert "stays private until you've both answered" in save(alice, shared_bond)
    opened = save(bob, shared_bond)
    assert "You've both answered, so your answers are open now." in opened
    assert "stays private until" not in opened
    alone = save(alice, solo_bond)
    assert "only you can see it" in alone and "both answered" not in alone


def test_the_api_asks_too_and_the_other_answers(client, alice, bob, shared_bond):
    from tests.api.conftest import ApiClient, token_for

    alices, bobs = ApiClient(client, token_for(alice)), ApiClient(client, token_for(bob))
    base = f"/bonds/{shared_bond.pk}/prompt"
    first = alices.get(base).json()
    asked = alices.post(base + "/skip", {"lighter": False})
    assert asked.status_code == 200
    body = asked.json()
    assert body["id"] == first["id"]  # not changed by one person
    assert body["change"]["mine"] is True and body["change"]["kind"] == "another"
    seen = bobs.get(base).json()["change"]
    assert seen["mine"] is False and seen["deeper"] is False and seen["prompt"] is None
    refused = alices.post(base + "/change/answer", {"accept": True, "change": seen["id"]})
    assert refused.status_code == 409 and "your own request" in refused.json()["message"]
    wrong = bobs.post(base + "/change/answer", {"accept": True, "change": str(first["id"])})
    assert wrong.status_code == 409  # not the request that is waiting
    changed = bobs.post(base + "/change/answer", {"accept": True, "change": seen["id"]}).json()
    assert changed["id"] != first["id"] and changed["change"] is None
    again = alices.post(base + "/skip", {"lighter": False}).json()["change"]
    withdrawn = alices.post(base + "/change/withdraw", {"change": again["id"]})
    assert withdrawn.status_code == 200 and withdrawn.json()["change"] is None
