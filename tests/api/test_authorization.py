"""Every operation of the JSON API, walked as anonymous, stranger, the other member and
the owner, and with ids from another bond: zero leaks.

The operations are read from the API itself (its OpenAPI document, generated from the
routes), so a new operation is walked the day it is written, and it fails
``test_every_operation_is_classified`` until someone says what kind of thing it is.
"""

from __future__ import annotations

import datetime
import re
import uuid
from dataclasses import dataclass

import pytest
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.api.api import api
from heartwork.api.services import token_create
from heartwork.bonds.models import Bond
from heartwork.bonds.selectors import bond_day
from heartwork.bonds.services import invite_create
from heartwork.checkins.services import checkin_record
from heartwork.checkup import services as checkups
from heartwork.domain.api_tokens import Scope
from heartwork.domain.bonds import BondKind
from heartwork.domain.checkup import item_bank
from heartwork.domain.reflections import reflections
from heartwork.prompts import services as prompts
from heartwork.repair import services as repairs
from heartwork.together import services as together
from tests.api.conftest import ApiClient, token_for
from tests.bonds.test_authorization import url_kwarg_factories
from tests.conftest import join

# What each operation acts on, which decides who may use it:
#   MINE   the caller's own account and lists (no id of anyone else's in the path)
#   OWN    one thing of the caller's own, by id: anyone else gets 404
#   BOND   something in a bond, by bond id: members only, 404 for anyone else
#   OTHERS something the *other* member shared in a bond: 404 even for its author
MINE, OWN, BOND, OTHERS = "mine", "own", "bond", "others"

CLASSIFIED: dict[str, str] = {
    # me, tokens
    "accounts_me": MINE,
    "accounts_me_update": MINE,
    "api_token_list": MINE,
    "api_token_revoke": OWN,
    # bonds and invites
    "bonds_bond_list": MINE,
    "bonds_bond_create": MINE,
    "bonds_invite_accept": MINE,
    "bonds_bond_detail": BOND,
    "bonds_bond_rename": BOND,
    "bonds_bond_pause": BOND,
    "bonds_bond_resume": BOND,
    "bonds_bond_leave": BOND,
    "bonds_invite_create": BOND,
    "bonds_invite_revoke": BOND,
    # prompts
    "prompts_prompt_today": BOND,
    "prompts_answer": BOND,
    "prompts_answer_share": BOND,
    "prompts_reply": BOND,
    "prompts_comfort": BOND,
    "prompts_prompt_skip": BOND,
    "prompts_prompt_change_answer": BOND,
    "prompts_prompt_change_withdraw": BOND,
    "prompts_prompt_history": BOND,
    # check-ins
    "checkins_wheel": MINE,
    "checkins_checkin_list": MINE,
    "checkins_checkin_create": MINE,
    "checkins_checkin_detail": OWN,
    "checkins_checkin_unshare": OWN,
    "checkins_checkin_delete": OWN,
    "checkins_bond_checkins": BOND,
    "checkins_acknowledge": OTHERS,
    # notes of thanks
    "appreciation_note_list": BOND,
    "appreciation_notes_waiting": BOND,
    "appreciation_note_send": BOND,
    "appreciation_note_detail": BOND,
    "appreciation_thank_you": OTHERS,
    "appreciation_item_list": BOND,
    "appreciation_item_add": BOND,
    # time together
    "together_times": BOND,
    "together_past": BOND,
    "together_time_log": BOND,
    "together_time_detail": BOND,
    "together_reflect": BOND,
    "together_evening": BOND,
    "together_evening_submit": BOND,
    # repair
    "repair_repairs": BOND,
    "repair_repair_open": BOND,
    "repair_repair_detail": BOND,
    "repair_repair_write": BOND,
    "repair_repair_send": BOND,
    # hard conversations
    "conflict_composer_reading": BOND,
    "conflict_message_list": BOND,
    "conflict_draft_save": BOND,
    "conflict_message_send": BOND,
    "conflict_message_remove": BOND,
    # the check-up and the private reflections
    "checkup_overview": BOND,
    "checkup_items": BOND,
    "checkup_checkup_take": BOND,
    "checkup_checkup_history": BOND,
    "checkup_checkup_share": BOND,
    "checkup_reflection_list": BOND,
    "checkup_reflection_record": BOND,
    # insights and keep your circle warm
    "insights_bond_insights": BOND,
    "insights_circle_list": MINE,
    "insights_circle_cadence": BOND,
    "insights_circle_rest": BOND,
    # reminders
    "reminders_reminder_list": MINE,
    "reminders_reminder_update": MINE,
}

# Words only the owner wrote, and where: none may reach anyone who should not read it.
PRIVATE = "PRIVATE-ajk3"  # alice's private check-in and her unrevealed answer
SHARED = "SHARED-q8x2"  # what alice shared with the bond: bob may read it, charlie not


# The operations whose success may open alice's writing to bob: his own part of it.
OPENS_THE_ANSWERS = {"prompts_answer", "together_evening_submit"}


@dataclass(frozen=True)
class Operation:
    id: str
    method: str
    path: str  # with {placeholders}

    @property
    def params(self) -> list[str]:
        return re.findall(r"{(\w+)}", self.path)


def operations() -> list[Operation]:
    found = []
    for path, methods in api.get_openapi_schema()["paths"].items():
        for method, spec in methods.items():
            found.append(Operation(spec["operationId"], method, path))
    return sorted(found, key=lambda o: o.id)


OPERATIONS = operations()
IDS = [o.id for o in OPERATIONS]


def test_every_operation_is_classified():
    unclassified = sorted(set(IDS) - set(CLASSIFIED))
    assert not unclassified, (
        f"classify these in CLASSIFIED (tests/api/test_authorization.py): {unclassified}"
    )
    assert not set(CLASSIFIED) - set(IDS), "CLASSIFIED names an operation that is gone"


def test_every_operation_answers_with_the_error_statuses():
    for path, methods in api.get_openapi_schema()["paths"].items():
        for spec in methods.values():
            assert {"401", "404", "422", "429"} <= {str(s) for s in spec["responses"]}, path


# Two check-up items a partner is asked (the shared bond is a partner bond).
ITEM, SECOND_ITEM = (i.id for i in item_bank().for_bond(BondKind.PARTNER, sexual_allowed=False)[:2])

# Bodies good enough to reach the rule behind an operation (others are sent {}).
BODIES: dict[str, dict] = {
    "accounts_me_update": {"display_name": "Renamed"},
    "bonds_bond_create": {"name": "New", "kind": "friend"},
    "bonds_bond_rename": {"name": "Ours"},
    "prompts_answer": {"text": "mine"},
    "prompts_reply": {"reaction": "thanks", "text": "ok"},
    "prompts_comfort": {"rating": 4},
    "prompts_prompt_change_answer": {"accept": True},
    "checkins_checkin_create": {"feelings": ["calm"], "intensity": 2},
    "checkins_acknowledge": {"phrase": "", "reply": "thank you"},
    "appreciation_note_send": {"text": "Thank you for the soup."},
    "appreciation_thank_you": {"reaction": "hug"},
    "appreciation_item_add": {"text": "Your patience."},
    "conflict_composer_reading": {"text": "You never listen to me."},
    "together_time_log": {"kind": "walk", "when": "2026-01-01T10:00:00Z", "minutes": 30},
    "together_reflect": {"text": "Lovely.", "shared": True},
    "repair_repair_open": {"i_was_hurt": True},
    "repair_repair_write": {"accountability": "I was late.", "apology": "I'm sorry."},
    "together_evening_submit": {"high": "Lunch", "low": "Rain", "feeling": "calm"},
    "conflict_draft_save": {"text": "When the bins were left out I felt tired."},
    "checkup_checkup_take": {
        "answers": {ITEM: {"now": 3, "wished": 4}, SECOND_ITEM: {"now": 4, "wished": None}},
        "closeness_now": 4,
    },
    "checkup_checkup_share": {"items": [ITEM]},
    "checkup_reflection_record": {
        "kind": "moment",
        "answers": {q.id: 4 for q in reflections()["moment"].questions},
    },
    "insights_circle_cadence": {"cadence": 30},
    "reminders_reminder_update": {"kind": "checkin", "enabled": True, "local_time": "08:15"},
}

API_FACTORIES = {
    **url_kwarg_factories(),
    "token_id": lambda bond, person: (
        token_create(person=person, name="t", scope=Scope.READ).record.pk
    ),
    "checkin_id": lambda bond, person: _shared_checkin(bond, person),
}


def _shared_checkin(bond, person):
    """The person's check-in, shared with the bond when someone else is in it."""
    shared = bond.memberships.count() > 1
    return checkin_record(
        person=person,
        feelings=["calm"],
        intensity=2,
        note=SHARED if shared else PRIVATE,
        share_with=bond if shared else None,
    ).pk


@pytest.fixture
def world(alice, bob, charlie, shared_bond):
    """alice and bob share a bond in which alice has written things bob may not see yet,
    and things he may; alice also has a bond of her own; charlie is in neither."""
    round_ = prompts.round_for_today(bond=shared_bond)
    prompts.answer_submit(person=alice, bond=shared_bond, round_=round_, text=PRIVATE)
    checkin_record(person=alice, feelings=["calm"], intensity=2, note=PRIVATE)
    checkin_record(
        person=alice, feelings=["calm"], intensity=2, note=SHARED, share_with=shared_bond
    )
    together.ritual_submit(
        person=alice,
        bond=shared_bond,
        day=bond_day(shared_bond),
        high=PRIVATE,
        low="-",
        feeling="calm",
    )
    walk = together.time_log(
        person=alice,
        bond=shared_bond,
        kind="walk",
        minutes=30,
        when=timezone.now() - datetime.timedelta(hours=2),
        reflection=PRIVATE,
        share_reflection=False,
    )
    assert walk.pk
    # alice is writing a repair she has not sent: bob, the one hurt, may not read it yet.
    repair = repairs.repair_open(person=alice, bond=shared_bond, i_was_hurt=False)
    repairs.repair_write(person=alice, repair=repair, accountability=PRIVATE, apology=PRIVATE)
    # alice has taken the check-up (bob has not: nothing of hers is his to see yet) and
    # reflected alone, which bob never sees.
    checkups.checkup_record(
        person=alice, bond=shared_bond, answers={ITEM: (2, 5), SECOND_ITEM: (1, 5)}
    )
    checkups.reflection_record(
        person=alice,
        bond=shared_bond,
        kind="moment",
        answers={q.id: 2 for q in reflections()["moment"].questions},
    )
    other_bond = Bond.objects.create(kind=BondKind.FRIEND, created_by=alice)
    join(other_bond, alice, "Mine alone")
    # Someone else's invite, for the one operation that takes a token in its body.
    dana = Person.objects.create_user("dana@example.com", None, display_name="Dana")
    danas = Bond.objects.create(kind=BondKind.FRIEND, created_by=dana)
    join(danas, dana, "Dana's")
    BODIES["bonds_invite_accept"] = {"token": invite_create(person=dana, bond=danas).token}
    return {"bond": shared_bond, "other_bond": other_bond}


def fill(op: Operation, *, bond, made_by, ids_bond=None) -> str:
    """The path, with bond_id = ``bond`` and every other id made by ``made_by`` in
    ``ids_bond`` (the same bond unless asked)."""
    values = {}
    for name in op.params:
        if name == "bond_id":
            values[name] = bond.pk
        else:
            values[name] = API_FACTORIES[name](ids_bond or bond, made_by)
    return op.path.format(**values)


def call(client, person, op: Operation, path: str):
    api_client = ApiClient(client, token_for(person) if person is not None else None)
    return api_client.call(op.method, path, BODIES.get(op.id))


def assert_error_shape(response) -> None:
    body = response.json()
    assert set(body) == {"code", "message", "fields"}, body


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
def test_anonymous_gets_401(client, world, alice, op):
    response = call(client, None, op, fill(op, bond=world["bond"], made_by=alice))
    assert response.status_code == 401
    assert_error_shape(response)
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
def test_stranger_gets_404_on_anything_of_theirs_and_reads_nothing(
    client, world, alice, charlie, op
):
    path = fill(op, bond=world["bond"], made_by=alice)
    response = call(client, charlie, op, path)
    text = response.content.decode()
    assert response.status_code < 500
    if op.params:
        assert response.status_code == 404, text
        assert_error_shape(response)
    for words in (PRIVATE, SHARED, "Alice"):
        assert words not in text
    bond = world["bond"]
    bond.refresh_from_db()
    assert bond.status == "active" and bond.memberships.count() == 2


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
def test_the_other_member_never_reads_what_is_not_open(client, world, alice, bob, op):
    path = fill(op, bond=world["bond"], made_by=alice)
    response = call(client, bob, op, path)
    text = response.content.decode()
    assert response.status_code < 500
    if CLASSIFIED[op.id] == OWN:
        assert response.status_code == 404, text
    if op.id in OPENS_THE_ANSWERS and response.status_code == 200:
        assert response.json()["revealed"] is True  # he answered too: both open, by the rule
        return
    assert PRIVATE not in text


@pytest.mark.parametrize("op", OPERATIONS, ids=IDS)
def test_the_owner_can_use_it(client, world, alice, bob, op):
    kind = CLASSIFIED[op.id]
    # Something the other member shared is what the owner answers; their own is 404 below.
    path = fill(op, bond=world["bond"], made_by=bob if kind == OTHERS else alice)
    response = call(client, alice, op, path)
    assert response.status_code in (200, 201, 204, 409, 422), response.content
    if response.status_code >= 400:
        assert_error_shape(response)


@pytest.mark.parametrize("op", [o for o in OPERATIONS if len(o.params) > 1], ids=lambda o: o.id)
def test_ids_from_another_bond_are_404(client, world, alice, op):
    """The bond in the path is alice's, and so is the thing, but they are not the same bond."""
    ids_bond = Bond.objects.create(kind=BondKind.PARTNER, created_by=alice)
    join(ids_bond, alice, "Another")
    path = fill(op, bond=world["bond"], made_by=alice, ids_bond=ids_bond)
    response = call(client, alice, op, path)
    assert response.status_code == 404, response.content


@pytest.mark.parametrize("op", [o for o in OPERATIONS if o.params], ids=lambda o: o.id)
def test_unknown_ids_are_404_for_a_member_too(client, world, alice, op):
    path = op.path.format(**{name: uuid.uuid4() for name in op.params})
    response = call(client, alice, op, path)
    assert response.status_code == 404
    assert_error_shape(response)
