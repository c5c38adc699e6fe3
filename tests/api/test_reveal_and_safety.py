"""The reveal rule and the safety routing hold in the API as on the pages."""

from __future__ import annotations

from heartwork.prompts.services import round_for_today

DANGER = "I want to kill myself tonight"


def test_the_others_answer_is_absent_until_both_have_answered(api_as, alice, bob, shared_bond):
    as_alice, as_bob = api_as(alice), api_as(bob)
    today = as_alice.get(f"/bonds/{shared_bond.pk}/prompt").json()
    path = f"/bonds/{shared_bond.pk}/prompt/{today['id']}"
    written = as_alice.post(path + "/answer", {"text": "alice-only-words"}).json()
    assert written["revealed"] is False and written["my_answer"]["text"] == "alice-only-words"
    # Every response bob can get about this round or the bond says nothing of it.
    for response in (
        as_bob.get(f"/bonds/{shared_bond.pk}/prompt"),
        as_bob.get(f"/bonds/{shared_bond.pk}/prompts/history"),
        as_bob.post(path + "/reply", {"reaction": "thanks"}),
        as_bob.post(path + "/comfort", {"rating": 3}),
    ):
        assert "alice-only-words" not in response.content.decode()
    waiting = as_bob.get(f"/bonds/{shared_bond.pk}/prompt").json()
    assert waiting["their_answer"] is None and waiting["revealed"] is False
    # Nor does alice learn whether bob has answered until he has.
    assert as_alice.get(f"/bonds/{shared_bond.pk}/prompt").json()["their_answer"] is None
    opened = as_bob.post(path + "/answer", {"text": "bob-words"}).json()
    assert opened["revealed"] is True
    assert opened["their_answer"]["text"] == "alice-only-words"
    assert as_alice.get(f"/bonds/{shared_bond.pk}/prompt").json()["their_answer"]["text"] == (
        "bob-words"
    )


def test_danger_in_an_answer_gives_the_writer_a_help_link_and_nobody_else_anything(
    api_as, alice, bob, shared_bond
):
    round_ = round_for_today(bond=shared_bond)
    path = f"/bonds/{shared_bond.pk}/prompt/{round_.pk}/answer"
    plain = api_as(bob).post(path, {"text": "A quiet walk."}).json()
    assert plain["help"] is None
    mine = api_as(alice).post(path, {"text": DANGER}).json()
    assert mine["help"] == "/help/"  # neutral: the Help page, no kind named
    theirs = api_as(bob).get(f"/bonds/{shared_bond.pk}/prompt").json()
    assert theirs["help"] is None
    assert set(theirs) == set(plain)  # the same shape, nothing added for the other person


def test_danger_in_a_check_in_gives_the_writer_help_and_is_saved_as_usual(
    api_as, alice, bob, shared_bond
):
    made = api_as(alice).post(
        "/checkins",
        {
            "feelings": ["hopeless"],
            "intensity": 5,
            "note": DANGER,
            "share_with": str(shared_bond.pk),
        },
    )
    assert made.status_code == 201
    body = made.json()
    assert body["help"] == "/help/" and body["kind_words"]
    shared = api_as(bob).get(f"/bonds/{shared_bond.pk}/checkins").json()["items"]
    assert len(shared) == 1
    assert "help" not in shared[0] and "kind_words" not in shared[0]


def test_a_private_check_in_never_reaches_the_bond(api_as, alice, bob, shared_bond):
    api_as(alice).post("/checkins", {"feelings": ["calm"], "intensity": 2, "note": "mine-alone"})
    listed = api_as(bob).get(f"/bonds/{shared_bond.pk}/checkins").content.decode()
    assert "mine-alone" not in listed
