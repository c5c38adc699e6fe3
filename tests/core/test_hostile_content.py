"""Whatever a person types comes back as text, never as markup, on every page of the app.

Two members of a bond fill every place a person can write (their display name, the bond's
name, answers, replies, notes, check-ins, reflections, the evening check-in, titles) with
hostile payloads: HTML, htmx attributes, ``javascript:`` URLs and template syntax. Then
every page the resolver knows is opened as each of them, and every form is posted back
with the payloads (inside a transaction that is rolled back, so destructive actions do not
spoil the walk). None of it may come back unescaped.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.api.services import token_create
from heartwork.appreciation import services as appreciation
from heartwork.bonds import services as bonds
from heartwork.bonds.models import Bond, Membership
from heartwork.bonds.selectors import bond_day
from heartwork.checkins import services as checkins
from heartwork.checkup import services as checkup
from heartwork.conflict import services as conflict
from heartwork.domain.api_tokens import Scope
from heartwork.domain.bonds import BondKind
from heartwork.prompts import services as prompts
from heartwork.reminders import links
from heartwork.reminders.models import ReminderDelivery
from heartwork.repair import services as repair
from heartwork.together import services as together
from tests.conftest import PASSWORD
from tests.urlwalk import all_routes

# Each is dangerous if it reaches the page as markup. Short enough for a display name.
LEAVE_ON_LOAD = "<i hx-post=../leave/ hx-trigger=load>x</i>"
REFRESH_AWAY = '<meta http-equiv=refresh content="0;url=//evil.invalid">'
SCRIPT = '"><script>alert(1)</script>'
IMAGE = "<img src=x onerror=alert(1)>"
ATTRIBUTE_BREAK = "' onmouseover='alert(1)' x='"
JS_URL = "javascript:alert(document.cookie)"
TEMPLATE = "{{ request.user.password }}{% debug %}"
PAYLOADS = [LEAVE_ON_LOAD, REFRESH_AWAY, SCRIPT, IMAGE, ATTRIBUTE_BREAK, JS_URL, TEMPLATE]
EVERYTHING = " ".join(PAYLOADS)

# What must never be in a response: the markup itself, or a URL attribute that runs script.
FORBIDDEN = [
    re.compile(re.escape(p), re.I)
    for p in (LEAVE_ON_LOAD, REFRESH_AWAY, "<script>alert", IMAGE, "' onmouseover='")
] + [re.compile(r"""(?:href|src|action|formaction|hx-\w+)\s*=\s*["']?\s*javascript:""", re.I)]

# Form fields the POST walk fills with payloads (whichever a form has).
TEXT_FIELDS = (
    "text",
    "note",
    "reply",
    "title",
    "high",
    "low",
    "feel",
    "when",
    "because",
    "name",
    "display_name",
    "feelings_typed",
    "typed",
    "reflection",
    "confirmation",
    "email",
    "username",
    "accountability",
    "apology",
    "change",
    "evidence",
    "observation",
    "need",
    "request",
)
# Actions that would end the walk early if they really happened: logging out would drop
# the session cookie and walk the rest as nobody. The quick exit (help:leave) logs out on
# GET too, so the page walk leaves it out as well (tests/help/test_quick_exit.py).
LOGS_OUT = {"accounts:logout", "accounts:delete", "help:leave"}


def _person(email: str, name: str, zone: str) -> Person:
    return Person.objects.create_user(email, PASSWORD, display_name=name, time_zone=zone)


@pytest.fixture
def hostile_world(db):
    """Two people who write payloads everywhere, in a bond named with one."""
    alice = _person("hostile-alice@example.com", LEAVE_ON_LOAD, "America/New_York")
    bob = _person("hostile-bob@example.com", REFRESH_AWAY, "Asia/Tokyo")
    bond = bonds.bond_create(person=alice, name=(SCRIPT + IMAGE)[:80], kind=BondKind.PARTNER)
    Membership.objects.create(bond=bond, person=bob)
    solo = bonds.bond_create(person=alice, name=ATTRIBUTE_BREAK, kind=BondKind.FRIEND)

    round_ = prompts.round_for_today(bond=bond)
    for person in (alice, bob):
        prompts.answer_submit(person=person, bond=bond, round_=round_, text=EVERYTHING)
    for person in (alice, bob):
        prompts.reply_submit(person=person, bond=bond, round_=round_, reaction="", text=EVERYTHING)

    shared = checkins.checkin_record(
        person=alice,
        feelings=["lonely"],
        intensity=3,
        note=EVERYTHING,
        feel="lonely",
        when=LEAVE_ON_LOAD,
        because=REFRESH_AWAY,
        share_with=bond,
    )
    checkins.checkin_record(
        person=bob, feelings=["hopeful"], intensity=2, note=EVERYTHING, share_with=bond
    )
    checkins.checkin_record(person=alice, feelings=["calm"], intensity=1, note=EVERYTHING)
    checkins.acknowledge(person=bob, checkin=shared, phrase="", reply=EVERYTHING[:500])

    note = appreciation.note_send(sender=alice, bond=bond, text=EVERYTHING)
    appreciation.thank_you_send(
        person=bob, bond=bond, note=note, reaction="", text=EVERYTHING[:280]
    )
    appreciation.note_send(sender=bob, bond=bond, text=EVERYTHING)
    item = appreciation.item_add(person=alice, bond=bond, text=EVERYTHING[:280])
    appreciation.item_add(person=alice, bond=bond, text=TEMPLATE)

    time = together.time_log(
        person=alice,
        bond=bond,
        kind="walk",
        when=timezone.now() - datetime.timedelta(hours=2),
        minutes=45,
        title=LEAVE_ON_LOAD[:60],
        reflection=EVERYTHING,
        share_reflection=True,
    )
    together.reflection_save(person=bob, bond=bond, time=time, text=EVERYTHING, shared=True)
    together.time_log(
        person=bob,
        bond=bond,
        kind="date",
        when=timezone.now() + datetime.timedelta(days=2),
        minutes=90,
        title=IMAGE[:60],
    )
    day = bond_day(bond)
    for person in (alice, bob):
        together.ritual_submit(
            person=person,
            bond=bond,
            day=day,
            high=EVERYTHING[:280],
            low=EVERYTHING[:280],
            feeling="calm",
        )
    session = together.session_start(person=bob, bond=bond, kind="conversation")
    delivery = ReminderDelivery.objects.create(
        person=alice,
        kind="checkin",
        slot=timezone.now().astimezone(alice.zone).date(),
        due_at=timezone.now(),
        status=ReminderDelivery.Status.IN_APP,
    )
    broken = repair.repair_open(person=alice, bond=bond, i_was_hurt=False)
    repair.repair_write(person=alice, repair=broken, accountability=EVERYTHING, apology=EVERYTHING)
    promise = repair.commitment_add(
        person=alice, repair=broken, change=SCRIPT + IMAGE, evidence=LEAVE_ON_LOAD
    )
    repair.repair_send(person=alice, repair=broken)
    repair.repair_decide(person=bob, repair=broken, decision="accept", note=EVERYTHING)
    repair.week_rate(person=bob, repair=broken, ratings={str(promise.pk): 3}, note=EVERYTHING)
    said = conflict.message_save(
        person=alice,
        bond=bond,
        message=None,
        text=EVERYTHING,
        parts={"observation": SCRIPT, "feeling": IMAGE, "need": TEMPLATE, "request": JS_URL},
    )
    conflict.message_send(person=alice, message=said)
    conflict.message_save(person=bob, bond=bond, message=None, text=EVERYTHING, parts={})
    talk = conflict.talk_start(person=alice, bond=bond)
    for who, action in ((bob, "join"), (alice, "continue"), (bob, "continue"), (alice, "say")):
        conflict.talk_act(
            person=who, talk=talk, action=conflict.Action(action), text=EVERYTHING[:2000]
        )
    conflict.note_save(person=bob, talk=talk, text=EVERYTHING)
    # Check-up items carry the other's display name; shared ones are shown to the other.
    for who in (alice, bob):
        taken = checkup.checkup_record(
            person=who, bond=bond, answers={"emo-1": (2, 5), "saf-1": (4, 5)}, closeness=(3, 6)
        )
        checkup.checkup_share_items(person=who, entry=taken, item_ids=["emo-1"])
    token = token_create(person=alice, name=EVERYTHING[:60], scope=Scope.READ)
    return {
        "alice": alice,
        "bob": bob,
        "bond": bond,
        "solo": solo,
        "ids": {
            "bond_id": bond.pk,
            "round_id": round_.pk,
            "checkin_id": shared.pk,
            "note_id": note.pk,
            "item_id": item.pk,
            "quality_time_id": time.pk,
            "nophone_id": session.pk,
            "delivery_id": delivery.pk,
            "repair_id": broken.pk,
            "commitment_id": promise.pk,
            "message_id": said.pk,
            "talk_id": talk.pk,
            "token_id": token.record.pk,
        },
    }


def readable(response) -> str:
    """What a browser would render: the page, or the page inside a downloaded archive.
    A JSON download is data, never rendered: it must be an attachment, and is not read."""
    if not getattr(response, "streaming", False):
        return response.content.decode()
    body = b"".join(response.streaming_content)
    kind = response["Content-Type"]
    assert "attachment" in response.get("Content-Disposition", ""), kind
    if kind == "application/zip":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return archive.read("index.html").decode() + archive.read("README.txt").decode()
    assert kind == "application/json", kind
    return ""


def assert_inert(body: str, where: str) -> None:
    for pattern in FORBIDDEN:
        match = pattern.search(body)
        assert match is None, f"{where}: unescaped {match.group(0)!r}"
    assert "sql_queries" not in body, f"{where}: template syntax was run"


def _kwargs(route, world, person) -> dict:
    """Arguments for a route: the hostile world's own objects, or a real signed token."""
    kwargs = {}
    for key in route.kwargs:
        if key in world["ids"]:
            kwargs[key] = world["ids"][key]
        elif route.name == "reminders:link" and key == "token":
            kwargs[key] = links.make_token(person.pk, "checkin", "snooze")
        elif route.name in {"bonds:invite_open", "accounts:signup_confirm"} and key == "token":
            kwargs[key] = "not-a-real-token-but-long-enough-0123456789"
        elif route.name == "pwa:shortcut":
            kwargs[key] = "prompt"
        elif route.name == "reminders:push_remove":
            kwargs[key] = "00000000-0000-4000-8000-000000000000"  # a device label is never typed
        elif route.name == "accounts:password_reset_confirm":
            kwargs[key] = {"uidb64": "MQ", "token": "set-password"}[key]
        else:
            raise AssertionError(
                f"{route.name} takes {key!r}: teach the hostile walk how to fill it"
            )
    return kwargs


def _rolled_back(call):
    """Run a request inside a transaction that is always undone."""
    outcome = {}

    class Undo(Exception):
        pass

    try:
        with transaction.atomic():
            outcome["response"] = call()
            raise Undo
    except Undo:
        pass
    return outcome["response"]


def _payload_form() -> dict:
    data = {field: EVERYTHING for field in TEXT_FIELDS}
    data.update(
        {
            "feelings": ["lonely"],
            "intensity": "3",
            "kind": "walk",
            "minutes": "30",
            "comfort": "3",
            "reaction": "",
            "feeling": "calm",
            "phrase": "",
            "share_with": "",
            "prompt_id": "x",
        }
    )
    return data


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_every_page_shows_hostile_text_as_text(client, hostile_world, who):
    person = hostile_world[who]
    client.force_login(person)
    seen = 0
    for route in all_routes():
        if route.name == "help:leave":
            continue
        url = reverse(route.name, kwargs=_kwargs(route, hostile_world, person))
        response = (
            client.get(url, HTTP_HX_REQUEST="true") if "coach" in route.name else client.get(url)
        )
        assert response.status_code < 500, f"GET {route.name}: {response.status_code}"
        assert_inert(readable(response), f"GET {route.name} as {who}")
        seen += 1
    assert seen >= 40


@pytest.mark.parametrize("who", ["alice", "bob"])
def test_every_form_posted_with_payloads_shows_them_as_text(client, hostile_world, who):
    person = hostile_world[who]
    client.force_login(person)
    for route in all_routes():
        if route.name in LOGS_OUT:
            continue
        url = reverse(route.name, kwargs=_kwargs(route, hostile_world, person))
        response = _rolled_back(
            lambda url=url: client.post(url, _payload_form(), follow=True, HTTP_HX_REQUEST="true")
        )
        assert response.status_code < 500, f"POST {route.name}: {response.status_code}"
        assert_inert(readable(response), f"POST {route.name} as {who}")


def test_the_invite_page_shows_a_hostile_inviter_as_text(client, hostile_world, charlie):
    issued = bonds.invite_create(person=hostile_world["alice"], bond=hostile_world["solo"])
    for logged_in in (False, True):
        if logged_in:
            client.force_login(charlie)
        response = client.get(
            reverse("bonds:invite_open", kwargs={"token": issued.token}), follow=True
        )
        assert response.status_code == 200
        assert_inert(response.content.decode(), f"invite page (logged in: {logged_in})")


def test_the_walk_would_catch_a_safe_filter():
    """The check itself: raw markup is caught, escaped markup is not."""
    from django.utils.html import escape

    with pytest.raises(AssertionError):
        assert_inert(f"<p>{LEAVE_ON_LOAD}</p>", "raw")
    with pytest.raises(AssertionError):
        assert_inert('<a href="javascript:alert(1)">x</a>', "raw url")
    assert_inert(f"<p>{escape(EVERYTHING)}</p>", "escaped")


def test_no_template_marks_text_safe():
    """No template in the project uses |safe or autoescape off; no Python marks text safe
    except the short list below, none of which holds anything a person wrote."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "src" / "heartwork"
    offenders = []
    for path in root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\|\s*safe\b|autoescape\s+off|\|\s*safeseq\b", text):
            offenders.append(str(path.relative_to(root)))
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"\bmark_safe\(|SafeString\(", text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


def test_bond_model_string_never_holds_its_name(hostile_world):
    assert "script" not in str(Bond.objects.get(pk=hostile_world["bond"].pk))
