"""No-phone sessions: one starts, the other joins, either ends, and the time is logged."""

import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction

from heartwork.bonds.services import bond_pause
from heartwork.domain.together import FORGOTTEN_SESSION_MINUTES
from heartwork.together import services
from heartwork.together.models import NoPhoneSession, QualityTime
from tests.together.helpers import HX, url

START = datetime.datetime(2026, 5, 14, 18, 0, tzinfo=datetime.UTC)


def test_one_starts_the_other_joins_and_ends_and_the_time_is_logged(
    client, alice, bob, shared_bond
):
    with time_machine.travel(START, tick=False):
        client.force_login(alice)
        response = client.post(url("nophone_start", shared_bond), {"kind": "game"})
        assert response.status_code == 302
        session = NoPhoneSession.objects.get()
        assert (session.started_by, session.kind, session.is_open) == (alice, "game", True)
    with time_machine.travel(START + datetime.timedelta(minutes=3), tick=False):
        client.force_login(bob)
        page = client.get(url("nophone", shared_bond)).content.decode()
        assert "Alice started this" in page and "Join" in page and 'data-elapsed="180"' in page
        client.post(url("nophone_join", shared_bond, nophone_id=session.pk))
        session.refresh_from_db()
        assert session.joined_by == bob
    with time_machine.travel(START + datetime.timedelta(minutes=47, seconds=40), tick=False):
        response = client.post(url("nophone_end", shared_bond, nophone_id=session.pk))
        time = QualityTime.objects.get()
        assert response["Location"] == url("time", shared_bond, quality_time_id=time.pk)
    session.refresh_from_db()
    assert session.ended_by == bob and session.quality_time == time and not session.auto_closed
    assert (time.kind, time.minutes, time.phones_away, time.status, time.source) == (
        "game",
        48,
        True,
        "done",
        "no-phone",
    )
    assert time.when == START and time.created_by == alice


def test_the_status_fragment_lets_the_other_device_see_the_end(client, alice, bob, shared_bond):
    session = services.session_start(person=alice, bond=shared_bond)
    client.force_login(alice)
    status = url("nophone_status", shared_bond, nophone_id=session.pk)
    fragment = client.get(status, **HX).content.decode()
    assert (
        'hx-trigger="every 10s"' in fragment
        and "<html" not in fragment
        and "End and save" in fragment
    )
    services.session_end(person=bob, bond=shared_bond, session=session)
    fragment = client.get(status, **HX).content.decode()
    assert (
        "has ended" in fragment and "hx-trigger" not in fragment and "Add a reflection" in fragment
    )
    # Without htmx the fragment's address just leads to the page.
    response = client.get(status)
    assert response.status_code == 302 and response["Location"] == url("nophone", shared_bond)


def test_the_page_shows_a_session_that_just_ended_above_a_fresh_start(
    client, alice, bob, shared_bond
):
    """The page a live update fetches must still say the session ended, not only offer a
    new start, or the one who did not press "End" never learns it."""
    with time_machine.travel(START, tick=False):
        session = services.session_start(person=alice, bond=shared_bond)
    with time_machine.travel(START + datetime.timedelta(minutes=20), tick=False):
        services.session_end(person=bob, bond=shared_bond, session=session)
        client.force_login(alice)
        page = client.get(url("nophone", shared_bond)).content.decode()
        assert "This no-phone time has ended" in page and "Add a reflection" in page
        assert "Start no-phone time" in page and "Back to no-phone time" not in page
    with time_machine.travel(START + datetime.timedelta(minutes=51), tick=False):
        page = client.get(url("nophone", shared_bond)).content.decode()
        assert "has ended" not in page and "Start no-phone time" in page


def test_without_javascript_the_page_shows_the_start_time(client, alice, shared_bond):
    with time_machine.travel(START, tick=False):
        services.session_start(person=alice, bond=shared_bond, kind="walk")
    with time_machine.travel(START + datetime.timedelta(minutes=25), tick=False):
        client.force_login(alice)
        page = client.get(url("nophone", shared_bond)).content.decode()
    assert "started at 19:00" in page  # Alice's clock: London, summer time
    assert "25 min" in page and "refresh the page" in page
    assert "together/timer.js" in page


def test_only_one_open_session_per_bond(client, alice, bob, shared_bond):
    services.session_start(person=alice, bond=shared_bond)
    client.force_login(bob)
    response = client.post(url("nophone_start", shared_bond), {"kind": "walk"}, follow=True)
    assert "already running" in response.content.decode()
    assert NoPhoneSession.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        NoPhoneSession.objects.create(bond=shared_bond, started_by=bob)


def test_joining_twice_or_ending_twice_changes_nothing(client, alice, bob, shared_bond):
    session = services.session_start(person=alice, bond=shared_bond)
    client.force_login(alice)
    response = client.post(url("nophone_join", shared_bond, nophone_id=session.pk), follow=True)
    assert "already in this session" in response.content.decode()
    client.post(url("nophone_end", shared_bond, nophone_id=session.pk))
    client.force_login(bob)
    response = client.post(url("nophone_end", shared_bond, nophone_id=session.pk), follow=True)
    assert "already ended" in response.content.decode()
    response = client.post(url("nophone_join", shared_bond, nophone_id=session.pk), follow=True)
    assert "already ended" in response.content.decode()
    assert QualityTime.objects.count() == 1
    session.refresh_from_db()
    assert session.joined_by is None and session.ended_by == alice


def test_a_session_left_open_is_closed_when_next_looked_at(client, alice, bob, shared_bond):
    with time_machine.travel(START, tick=False):
        session = services.session_start(person=alice, bond=shared_bond, kind="date")
    with time_machine.travel(START + datetime.timedelta(hours=13), tick=False):
        client.force_login(bob)
        page = client.get(url("nophone", shared_bond)).content.decode()
    assert "Start no-phone time" in page
    session.refresh_from_db()
    time = session.quality_time
    assert session.auto_closed and session.ended_by is None
    assert time.minutes == FORGOTTEN_SESSION_MINUTES and time.phones_away and time.kind == "date"
    client.force_login(bob)
    body = client.get(url("time", shared_bond, quality_time_id=time.pk)).content.decode()
    assert "left running" in body


def test_joining_or_ending_a_forgotten_session_closes_it_with_a_message(
    client, alice, bob, shared_bond
):
    with time_machine.travel(START, tick=False):
        session = services.session_start(person=alice, bond=shared_bond)
    with time_machine.travel(START + datetime.timedelta(hours=20), tick=False):
        client.force_login(bob)
        response = client.post(url("nophone_end", shared_bond, nophone_id=session.pk), follow=True)
    assert "over twelve hours" in response.content.decode()
    assert QualityTime.objects.get().minutes == FORGOTTEN_SESSION_MINUTES


def test_an_unknown_kind_at_start_changes_nothing(client, alice, shared_bond):
    client.force_login(alice)
    response = client.post(url("nophone_start", shared_bond), {"kind": "doomscrolling"})
    assert response.status_code == 400 and "Choose what kind of time" in response.content.decode()
    assert NoPhoneSession.objects.count() == 0


def test_a_session_of_another_bond_is_not_found(client, alice, bob, shared_bond, solo_bond):
    session = services.session_start(person=bob, bond=shared_bond)
    client.force_login(alice)
    for name in ("nophone_join", "nophone_end"):
        assert client.post(url(name, solo_bond, nophone_id=session.pk)).status_code == 404
    assert (
        client.get(url("nophone_status", solo_bond, nophone_id=session.pk), **HX).status_code == 404
    )
    session.refresh_from_db()
    assert session.is_open and session.joined_by is None


def test_a_paused_bond_refuses_sessions_and_closes_an_open_one_at_the_pause(
    client, alice, bob, shared_bond
):
    with time_machine.travel(START, tick=False):
        session = services.session_start(person=alice, bond=shared_bond)
    with time_machine.travel(START + datetime.timedelta(minutes=30), tick=False):
        bond_pause(person=bob, bond=shared_bond)
    with time_machine.travel(START + datetime.timedelta(hours=2), tick=False):
        client.force_login(alice)
        response = client.post(url("nophone_join", shared_bond, nophone_id=session.pk), follow=True)
        assert "rests while this bond is paused" in response.content.decode()
        page = client.get(url("nophone", shared_bond)).content.decode()
        assert "rests for now" in page and "Start no-phone time" not in page
        response = client.post(url("nophone_start", shared_bond), {"kind": "walk"}, follow=True)
        assert "rests while this bond is paused" in response.content.decode()
    session.refresh_from_db()
    assert not session.is_open and session.quality_time.minutes == 30
    assert NoPhoneSession.objects.count() == 1


def test_just_being_together_is_saved_as_that_not_as_something_else(client, alice, shared_bond):
    client.force_login(alice)
    page = client.get(url("nophone", shared_bond)).content.decode()
    assert '<option value="together" selected>Just be together</option>' in page
    client.post(url("nophone_start", shared_bond), {"kind": ""})
    session = NoPhoneSession.objects.get()
    assert session.kind == "together"
    time = services.session_end(person=alice, bond=shared_bond, session=session)
    assert (time.kind, time.kind_label, time.heading) == (
        "together",
        "Just together",
        "Just being together",
    )


def test_a_solo_bond_can_have_no_phone_time_alone(client, alice, solo_bond):
    client.force_login(alice)
    client.post(url("nophone_start", solo_bond), {"kind": "walk"})
    session = NoPhoneSession.objects.get()
    page = client.get(url("nophone", solo_bond)).content.decode()
    assert "End and save" in page and ">Join<" not in page
    client.post(url("nophone_end", solo_bond, nophone_id=session.pk))
    assert QualityTime.objects.get().phones_away


def test_the_home_page_points_to_a_running_session(client, alice, bob, shared_bond):
    services.session_start(person=alice, bond=shared_bond)
    client.force_login(bob)
    body = client.get(url("home", shared_bond)).content.decode()
    assert "No-phone time is on" in body and "by Alice" in body


def test_a_session_started_under_a_clock_far_ahead_does_not_block_new_ones(
    client, alice, bob, shared_bond
):
    with time_machine.travel(
        START + datetime.timedelta(days=2), tick=False
    ):  # the clock is two days ahead
        services.session_start(person=alice, bond=shared_bond, kind="game")
    with time_machine.travel(START, tick=False):  # corrected
        client.force_login(bob)
        response = client.post(url("nophone_start", shared_bond), {"kind": "walk"})
        assert response.status_code == 302
        assert NoPhoneSession.objects.filter(ended_at__isnull=True).get().kind == "walk"
        logged = QualityTime.objects.get(source=QualityTime.Source.NO_PHONE)
        assert logged.when <= START  # the broken one is logged now, not in the future
