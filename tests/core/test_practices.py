"""Every installed practice honours the registry's contract (heartwork.core.practices).

A new practice that forgets a piece of the contract fails here, not in production: its
Today and bond-page sections are the typed shapes and render; what people write in a
bond is forgotten when one of them leaves; its URLs are mounted and walked by the
authorization test; and nothing lists practices by hand.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone

from heartwork.appreciation import services as appreciation
from heartwork.bonds.services import bond_leave
from heartwork.checkins.services import checkin_record
from heartwork.core.practices import (
    GROUPS,
    BondSection,
    Practice,
    TodaySection,
    Waiting,
    bond_groups,
    exclusion_reason,
    not_exported,
    practices,
    waiting_for,
)
from heartwork.prompts import services as prompts
from heartwork.together import services as together
from tests.urlwalk import all_routes

PRACTICES = {p.label: p for p in practices()}
SOURCE = Path(__file__).resolve().parents[2] / "src" / "heartwork"


def test_the_registry_finds_every_practice():
    assert {"prompts", "checkins", "appreciation", "together", "reminders"} <= set(PRACTICES)
    assert all(isinstance(p, Practice) for p in PRACTICES.values())


def person_fields(model) -> list[models.Field]:
    return [
        f
        for f in model._meta.get_fields()
        if isinstance(f, models.ForeignKey)
        and f.related_model is apps.get_model(settings.AUTH_USER_MODEL)
    ]


@pytest.mark.parametrize("label", sorted(PRACTICES))
def test_a_practice_that_keeps_bond_writing_forgets_it(label):
    """An app with a model that belongs to a bond and to a person must say what it forgets."""
    config = apps.get_app_config(label)
    bond_and_person = [
        m
        for m in config.get_models()
        if person_fields(m)
        and any(
            f.name in ("bond", "round", "ritual", "quality_time", "note", "checkin")
            for f in m._meta.get_fields()
        )
    ]
    if bond_and_person:
        assert PRACTICES[label].forget is not None, (
            f"{label} keeps {bond_and_person} but forgets nothing"
        )


def export_problem(practice: Practice) -> str | None:
    """A practice that keeps what people write (it forgets it as they leave) must say what
    goes into their archive: its own ``export``, or ``not_exported(reason)``."""
    if practice.forget is not None and practice.export is None:
        return f"{practice.label} keeps people's writing but declares no export"
    return None


@pytest.mark.parametrize("label", sorted(PRACTICES))
def test_a_practice_that_keeps_writing_declares_its_export(label):
    assert export_problem(PRACTICES[label]) is None


def test_a_new_practice_without_an_export_is_caught():
    forgetful = Practice(label="checkup", name="Check-ups", forget=lambda **kw: None)
    assert export_problem(forgetful) == "checkup keeps people's writing but declares no export"
    kept_out = Practice(
        label="checkup", name="Check-ups", forget=lambda **kw: None, export=not_exported("why")
    )
    assert export_problem(kept_out) is None and exclusion_reason(kept_out) == "why"


@pytest.mark.parametrize("label", sorted(PRACTICES))
def test_exports_and_stories_are_sections_of_records(label, alice, busy_bond):
    practice = PRACTICES[label]
    parts = [practice.export(alice)] if practice.export else []
    parts += [practice.story(alice, busy_bond)] if practice.story else []
    for part in parts:
        for section, records in part.items():
            assert isinstance(section, str)
            for record in records:
                assert isinstance(record, dict), (label, section)


@pytest.mark.parametrize("label", sorted(PRACTICES))
def test_urls_are_mounted_from_the_registry(label):
    practice = PRACTICES[label]
    if practice.urls:
        namespace = __import__(practice.urls, fromlist=["app_name"]).app_name
        assert any(r.name.startswith(f"{namespace}:") for r in all_routes())


# Every practice has its own API router, but one. The private safety check stays on its
# page, on purpose: it asks whether someone is afraid of the person they share a bond
# with, and that person may hold this person's phone, or a token made on it. A question
# like that must never be reachable by a token someone else may hold; the page has the
# quick exit, and a token cannot be made to ask it (docs/api.md, docs/safety.md).
WITHOUT_API = {"safety"}


@pytest.mark.parametrize("label", sorted(PRACTICES))
def test_a_practice_mounts_its_api_router_through_the_registry(label):
    from ninja import Router

    from heartwork.api.api import api

    practice = PRACTICES[label]
    if practice.api is None:
        assert label in WITHOUT_API, f"{label} has no API: set Practice(api=...)"
        return
    router = __import__(practice.api, fromlist=["router"]).router
    assert isinstance(router, Router)
    mounted = {id(r) for _, r in api._routers}
    assert id(router) in mounted, f"{practice.api}.router is not mounted under /api/v1/"
    operation_ids = {
        spec["operationId"]
        for methods in api.get_openapi_schema()["paths"].values()
        for spec in methods.values()
    }
    assert any(op.startswith(f"{label}_") for op in operation_ids)


def test_the_safety_check_stays_out_of_the_api():
    from heartwork.api.api import api

    assert PRACTICES["safety"].api is None
    paths = api.get_openapi_schema()["paths"]
    assert not [p for p in paths if "safety" in p]
    assert not [
        spec["operationId"]
        for methods in paths.values()
        for spec in methods.values()
        if spec["operationId"].startswith("safety_")
    ]


def test_nothing_lists_practices_by_hand():
    text = "\n".join(p.read_text() for p in SOURCE.rglob("*.py"))
    for retired in ("TODAY_SECTIONS", "LEAVE_CLEANUPS"):
        assert retired not in text
    detail = (SOURCE / "bonds" / "templates" / "bonds" / "detail.html").read_text()
    assert "_bond.html" not in detail  # the bond page includes what the registry hands it


@pytest.fixture
def busy_bond(alice, bob, shared_bond):
    """A day in which both people used every practice in the bond."""
    round_ = prompts.round_for_today(bond=shared_bond)
    for person in (alice, bob):
        prompts.answer_submit(
            person=person, bond=shared_bond, round_=round_, text=f"{person} answers"
        )
        checkin_record(
            person=person, feelings=["calm"], intensity=2, note="shared", share_with=shared_bond
        )
        appreciation.item_add(person=person, bond=shared_bond, text="Your laugh.")
    appreciation.note_send(sender=bob, bond=shared_bond, text="Thank you for Sunday.")
    time = together.time_log(
        person=alice,
        bond=shared_bond,
        kind="walk",
        minutes=30,
        when=timezone.now() - datetime.timedelta(hours=1),
        title="Walk",
        reflection="lovely",
        share_reflection=True,
    )
    together.reflection_save(person=bob, bond=shared_bond, time=time, text="so good", shared=True)
    return shared_bond


def test_today_sections_are_the_typed_shape_and_render(rf, alice, busy_bond):
    request = rf.get("/today/")
    request.user = alice
    shown = set()
    for practice in PRACTICES.values():
        if practice.today is None:
            continue
        section = practice.today(alice)
        assert section is None or isinstance(section, TodaySection), practice.label
        if section is not None:
            get_template(section.template)
            render_to_string(section.template, {"section": section.context, "user": alice}, request)
            shown.add(practice.label)
    assert "reminders" not in shown  # nothing due: its quiet card stays away


def test_waiting_cards_are_the_typed_shape_said_from_the_viewers_side(rf, alice, busy_bond):
    request = rf.get("/today/")
    request.user = alice
    kinds = set()
    for practice in PRACTICES.values():
        if practice.waiting is None:
            continue
        for item in practice.waiting(alice):
            assert isinstance(item, Waiting), practice.label
            assert item.url.startswith("/") and item.action and item.text
            assert "Alice" not in item.text  # said to Alice, about the other person
            kinds.add(practice.label)
    # Bob shared a feeling and sent a note; both answered today's prompt.
    assert {"checkins", "appreciation"} <= kinds
    cards = waiting_for(alice)
    assert [c.priority for c in cards] == sorted(c.priority for c in cards)
    assert all(c.bond_id == busy_bond.pk for c in waiting_for(alice, bond_id=busy_bond.pk))
    html = render_to_string("today/today.html", {"waiting": cards, "user": alice}, request)
    assert "Bob shared how they feel: calm." in html and "Bob sent you a note of thanks." in html


def test_bond_groups_follow_what_people_want_to_do(alice, busy_bond):
    groups = bond_groups(alice, busy_bond)
    keys = [g.key for g in groups]
    assert keys == [k for k in GROUPS if k in keys]  # in the declared order, none twice
    assert {"talk", "feel", "thank", "time"} <= set(keys)
    assert sum(len(g.sections) for g in groups) == sum(
        1 for p in PRACTICES.values() if p.bond_page and p.bond_page(alice, busy_bond)
    )


def test_bond_sections_are_the_typed_shape_and_render(rf, alice, busy_bond):
    request = rf.get("/")
    request.user = alice
    for practice in PRACTICES.values():
        if practice.bond_page is None:
            continue
        section = practice.bond_page(alice, busy_bond)
        assert section is None or isinstance(section, BondSection), practice.label
        if section is not None:
            html = render_to_string(
                section.template,
                {"bond": busy_bond, "section": section.context, "user": alice},
                request,
            )
            assert str(busy_bond.pk) in html, f"{practice.label}'s bond card links into the bond"


def test_leaving_runs_every_practices_forget(client, alice, bob, busy_bond):
    from heartwork.appreciation.models import ListItem
    from heartwork.checkins.models import CheckIn
    from heartwork.prompts.models import Answer
    from heartwork.together.models import Reflection

    assert ListItem.objects.filter(person=bob, bond=busy_bond).exists()
    assert (
        Answer.objects.filter(person=bob).exists()
        and Reflection.objects.filter(person=bob).exists()
    )
    bond_leave(person=bob, bond=busy_bond)
    assert not Answer.objects.filter(person=bob).exists()
    assert not CheckIn.objects.filter(person=bob, shared_with=busy_bond).exists()
    assert not ListItem.objects.filter(person=bob, bond=busy_bond).exists()
    assert not Reflection.objects.filter(person=bob).exists()


def test_the_bond_page_shows_every_practice_card(client, alice, busy_bond):
    client.force_login(alice)
    page = client.get(reverse("bonds:detail", args=[busy_bond.pk])).content.decode()
    for heading in ("Conversation prompts", "Feelings", "Time together", "Notes of thanks"):
        assert heading in page
