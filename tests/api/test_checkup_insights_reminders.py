"""The check-up, the private reflections, insights and reminders through the API: the
reveal rule holds for check-up scores, reflections stay their writer's, and each answer
is what the page shows."""

from __future__ import annotations

import datetime
import importlib

from django.utils import timezone
from ninja import Schema

from heartwork.checkup.models import CheckupEntry, ReflectionEntry
from heartwork.core.practices import practices
from heartwork.domain.api_tokens import Scope
from heartwork.domain.bonds import BondKind
from heartwork.domain.checkup import item_bank
from heartwork.domain.reflections import reflections
from heartwork.reminders.models import ReminderPreference

PARTNER_ITEMS = item_bank().for_bond(BondKind.PARTNER, sexual_allowed=False)


def _answers(now: int, wished: int, count: int = 8) -> dict:
    return {i.id: {"now": now, "wished": wished} for i in PARTNER_ITEMS[:count]}


def test_the_others_checkup_scores_are_absent_until_both_have_taken_it(
    api_as, alice, bob, shared_bond
):
    as_alice, as_bob = api_as(alice), api_as(bob)
    base = f"/bonds/{shared_bond.pk}/checkup"
    taken = as_alice.post(base, {"answers": _answers(1, 5), "closeness_now": 2})
    assert taken.status_code == 201, taken.content
    mine = taken.json()
    assert mine["revealed"] is False and mine["theirs"] is None and mine["help"] is None
    assert mine["closeness_now"] == 2 and any(s["now"] == 0 for s in mine["scores"])
    alice_scores = {(s["dimension"], s["now"], s["wished"]) for s in mine["scores"]}

    # Bob sees nothing of alice's check-up, nor whether she has taken it.
    before = as_bob.get(base).json()
    assert before == {
        "taken": False,
        "due": True,
        "waiting": False,
        "taken_alone": False,
        "latest": None,
        "comparison": None,
    }
    assert as_bob.get(base + "/history").json() == {"items": [], "next_cursor": None}
    bob_insights = as_bob.get(f"/bonds/{shared_bond.pk}/insights").json()
    assert bob_insights["checkups"]["points"] == []
    # Alice is waiting; her own view holds only hers.
    waiting = as_alice.get(base).json()
    assert waiting["waiting"] is True and waiting["comparison"] is None
    assert waiting["latest"]["theirs"] is None and waiting["latest"]["revealed"] is False
    [row] = as_alice.get(base + "/history").json()["items"]
    assert row["theirs"] is None and row["revealed"] is False
    [point] = as_alice.get(f"/bonds/{shared_bond.pk}/insights").json()["checkups"]["points"]
    assert point["theirs"] is None and point["mine"] is not None

    # Alice shows bob one answer: it still waits for the round to be complete.
    shared_item = PARTNER_ITEMS[0].id
    shown = as_alice.post(base + "/share", {"items": [shared_item]})
    assert shown.json() == {"shared": [shared_item]}
    assert as_bob.get(base).json()["comparison"] is None

    # Once bob has taken it, both see the other's side, and only then.
    opened = as_bob.post(base, {"answers": _answers(4, 4), "closeness_now": 6}).json()
    assert opened["revealed"] is True
    assert {(s["dimension"], s["now"], s["wished"]) for s in opened["theirs"]} == alice_scores
    side = as_alice.get(base).json()
    assert side["waiting"] is False
    comparison = side["comparison"]
    assert comparison["my_closeness"] == 2 and comparison["their_closeness"] == 6
    assert {(r["dimension"], r["mine"]["now"]) for r in comparison["rows"]} == {
        (d, now) for d, now, _ in alice_scores
    }
    assert comparison["differ_most"]["link"].startswith(f"/bonds/{shared_bond.pk}/")
    assert comparison["their_shared"] == []  # bob showed nothing
    bobs = as_bob.get(base).json()["comparison"]
    assert [a["now"] for a in bobs["their_shared"]] == ["Not at all"]
    [row] = as_alice.get(base + "/history").json()["items"]
    assert row["revealed"] is True and row["theirs"] is not None


def test_a_new_round_hides_their_side_again_and_history_pages(api_as, alice, bob, shared_bond):
    base = f"/bonds/{shared_bond.pk}/checkup"
    api_as(alice).post(base, {"answers": _answers(2, 4)})
    bobs = api_as(bob).post(base, {"answers": _answers(5, 5)}).json()["scores"]
    CheckupEntry.objects.update(taken_at=timezone.now() - datetime.timedelta(days=40))
    again = api_as(alice).post(base, {"answers": _answers(3, 4)}).json()
    assert again["revealed"] is False and again["theirs"] is None  # a new round: not yet
    first = api_as(alice).get(base + "/history", limit=1).json()
    [newest] = first["items"]
    assert newest["id"] == again["id"] and newest["theirs"] is None
    second = api_as(alice).get(base + "/history", limit=1, cursor=first["next_cursor"]).json()
    [older] = second["items"]
    assert older["revealed"] is True and older["theirs"] == bobs
    assert second["next_cursor"] is None
    # The side by side view stays the last round both completed.
    overview = api_as(alice).get(base).json()
    assert overview["waiting"] is True
    rows = overview["comparison"]["rows"]
    assert [r["theirs"]["now"] for r in rows] == [s["now"] for s in bobs]


def test_my_answers_are_mine_alone(api_as, alice, bob, shared_bond):
    base = f"/bonds/{shared_bond.pk}/checkup"
    api_as(alice).post(base, {"answers": _answers(2, 3)})
    api_as(bob).post(base, {"answers": _answers(3, 3)})
    mine = api_as(alice).get(base).json()
    assert len(mine["latest"]["answers"]) == 8
    assert "answers" not in mine["comparison"] and mine["comparison"]["their_shared"] == []
    # The other's answers are nowhere in bob's view: only his own.
    theirs = api_as(bob).get(base).json()
    assert all(a["now"] == 3 for a in theirs["latest"]["answers"])


def test_items_fit_the_bond_and_name_the_other(api_as, alice, bob, shared_bond, solo_bond):
    partner = api_as(alice).get(f"/bonds/{shared_bond.pk}/checkup/items").json()
    assert [i["id"] for i in partner["items"]] == [i.id for i in PARTNER_ITEMS]
    assert [c["value"] for c in partner["answers"]] == [1, 2, 3, 4, 5]
    assert len(partner["closeness"]) == 7
    family = api_as(alice).get(f"/bonds/{solo_bond.pk}/checkup/items").json()
    kinds = {i.id: i for i in item_bank().items}
    assert all(BondKind.FAMILY in kinds[i["id"]].kinds for i in family["items"])
    assert not any(kinds[i["id"]].dimension == "physical" for i in family["items"])


def test_a_bad_checkup_is_refused_and_nothing_is_kept(api_as, alice, shared_bond):
    base = f"/bonds/{shared_bond.pk}/checkup"
    out_of_range = api_as(alice).post(base, {"answers": {PARTNER_ITEMS[0].id: {"now": 6}}})
    assert out_of_range.status_code == 422
    assert out_of_range.json()["fields"][0]["field"].startswith("answers")
    unknown = api_as(alice).post(base, {"answers": {"not-an-item": {"now": 3}}})
    assert unknown.status_code == 409 and unknown.json()["code"] == "refused"
    nothing = api_as(alice).post(base, {"answers": {}})
    assert nothing.status_code == 409
    share = api_as(alice).post(base + "/share", {"items": [PARTNER_ITEMS[0].id]})
    assert share.status_code == 409  # nothing taken yet
    assert not CheckupEntry.objects.exists()


def test_answers_that_point_to_fear_give_the_writer_the_safety_help(api_as, alice, shared_bond):
    fear = next(i for i in PARTNER_ITEMS if i.fear)
    taken = api_as(alice).post(
        f"/bonds/{shared_bond.pk}/checkup", {"answers": {fear.id: {"now": 5, "wished": 1}}}
    )
    assert taken.status_code == 201 and taken.json()["help"] == "/help/safety/"
    assert api_as(alice).get(f"/bonds/{shared_bond.pk}/checkup").json()["latest"]["answers"]


def test_reflections_are_their_writers_alone(api_as, alice, bob, shared_bond):
    moment = reflections()["moment"]
    base = f"/bonds/{shared_bond.pk}/reflections"
    written = api_as(alice).post(
        base, {"kind": "moment", "answers": {q.id: 5 for q in moment.questions}}
    )
    assert written.status_code == 201, written.content
    body = written.json()
    assert body["kind"] == "moment" and body["score"] is not None and body["band"]
    mine = {r["id"]: r for r in api_as(alice).get(base).json()}
    assert mine["moment"]["latest"]["score"] == body["score"]
    assert set(mine) == set(reflections())
    theirs = {r["id"]: r for r in api_as(bob).get(base).json()}
    assert all(r["latest"] is None and r["earlier"] == [] for r in theirs.values())
    # Nor in bob's insights: "after a close moment" is the writer's own.
    assert api_as(bob).get(f"/bonds/{shared_bond.pk}/insights").json()["moments"]["points"] == []
    points = api_as(alice).get(f"/bonds/{shared_bond.pk}/insights").json()["moments"]["points"]
    assert [p["score"] for p in points] == [body["score"]]


def test_a_reflection_needs_enough_answers_and_a_known_kind(api_as, alice, shared_bond):
    base = f"/bonds/{shared_bond.pk}/reflections"
    moment = reflections()["moment"]
    too_few = api_as(alice).post(base, {"kind": "moment", "answers": {moment.questions[0].id: 3}})
    assert too_few.status_code == 409
    assert api_as(alice).post(base, {"kind": "nope", "answers": {}}).status_code == 409
    bad = api_as(alice).post(base, {"kind": "moment", "answers": {moment.questions[0].id: 9}})
    assert bad.status_code == 422
    assert not ReflectionEntry.objects.exists()


def test_insights_are_numbers_and_the_circle_setting(api_as, alice, bob, shared_bond):
    body = api_as(alice).get(f"/bonds/{shared_bond.pk}/insights").json()
    assert len(body["weeks"]) == 12 and body["other_name"] == "Bob"
    assert len(body["feelings"]["weeks"]) == 12 and body["feelings"]["direction"] is None
    assert set(body["prompts"]["weeks"][0]["counts"]) == {"light", "personal", "vulnerable"}
    assert "<svg" not in str(body)
    assert body["summary"] == {"minutes_this_week": 0, "notes_this_month": 0}
    assert body["circle"]["cadence"] == 0  # off for partners unless chosen
    changed = api_as(alice).patch(f"/bonds/{shared_bond.pk}/insights/circle", {"cadence": 30})
    assert changed.status_code == 200 and changed.json()["cadence"] == 30
    refused = api_as(alice).patch(f"/bonds/{shared_bond.pk}/insights/circle", {"cadence": 5})
    assert refused.status_code == 409
    rested = api_as(alice).post(f"/bonds/{shared_bond.pk}/insights/circle/rest").json()
    assert rested["resting_until"] is not None
    [row] = api_as(alice).get("/circle").json()
    assert row["bond_id"] == str(shared_bond.pk) and row["cadence"] == 30
    # Bob's setting is his own.
    assert api_as(bob).get("/circle").json()[0]["cadence"] == 0


def test_reminders_read_and_change_one_kind(api_as, alice):
    listed = api_as(alice).get("/reminders").json()
    assert {r["kind"] for r in listed} == {"checkin", "appreciation", "prompt", "quality_time"}
    assert not any(r["enabled"] for r in listed)
    changed = api_as(alice).patch(
        "/reminders", {"kind": "quality_time", "enabled": True, "local_time": "08:15", "weekday": 2}
    )
    assert changed.status_code == 200, changed.content
    weekly = next(r for r in changed.json() if r["kind"] == "quality_time")
    assert weekly["enabled"] and weekly["local_time"] == "08:15" and weekly["weekday"] == 2
    assert weekly["cadence"] == "weekly" and weekly["by_email"] is True
    saved = ReminderPreference.objects.get(person=alice, kind="quality_time")
    assert saved.enabled and saved.local_time.hour == 8
    bad = api_as(alice).patch("/reminders", {"kind": "checkin", "local_time": "25:99"})
    assert bad.status_code == 422 and bad.json()["fields"][0]["field"] == "local_time"
    assert not ReminderPreference.objects.filter(person=alice, kind="checkin").exists()
    read_only = api_as(alice, Scope.READ).patch("/reminders", {"kind": "checkin"})
    assert read_only.status_code == 403


def test_schema_names_are_unique_across_the_api():
    """django-ninja names each schema in the OpenAPI document by its class name, and two
    with one name silently become one: every schema class needs its own name."""
    seen: dict[str, str] = {}
    modules = ["heartwork.api.common", "heartwork.api.tokens", "heartwork.accounts.api"]
    modules += ["heartwork.bonds.api", *(p.api for p in practices() if p.api)]
    for dotted in modules:
        module = importlib.import_module(dotted)
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, Schema) and value.__module__ == dotted:
                assert name not in seen, f"{name} is in both {seen[name]} and {dotted}"
                seen[name] = dotted


def test_a_bond_of_one_works_and_its_checkup_stays_alone(api_as, alice, solo_bond):
    base = f"/bonds/{solo_bond.pk}/checkup"
    items = api_as(alice).get(base + "/items").json()["items"]
    taken = api_as(alice).post(base, {"answers": {items[0]["id"]: {"now": 4, "wished": 5}}})
    assert taken.status_code == 201 and taken.json()["written_alone"] is True
    overview = api_as(alice).get(base).json()
    assert overview["comparison"] is None and overview["taken_alone"] is False  # no one to wait for
    insights = api_as(alice).get(f"/bonds/{solo_bond.pk}/insights").json()
    assert insights["other_name"] == "" and insights["drift"] is None
    assert api_as(alice).get(f"/bonds/{solo_bond.pk}/reflections").status_code == 200
