"""The Today body is kept per person while nothing that shows on it changed
(heartwork.today.cache): whatever the person or the other member does shows at once,
and nothing is ever shown to the wrong person or with a stale form token."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heartwork.accounts.models import Person
from heartwork.api.services import token_create
from heartwork.appreciation import services as appreciation
from heartwork.checkins.models import CheckIn
from heartwork.checkins.services import checkin_record
from heartwork.domain.api_tokens import Scope

MORNING = datetime.datetime(2026, 5, 14, 9, 0, tzinfo=datetime.UTC)  # Alice: 10:00 in London


@pytest.fixture(autouse=True)
def _a_morning():
    with time_machine.travel(MORNING, tick=False) as traveller:
        yield traveller


def main_part(page: str) -> str:
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def today(client) -> str:
    response = client.get(reverse("today:today"))
    assert response.status_code == 200
    return response.content.decode()


def queries_for_today(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        today(client)
    return len(queries)


def test_a_second_visit_reads_almost_nothing(client, alice, shared_bond):
    client.force_login(alice)
    today(client)  # the browser's first visit: it has no CSRF cookie yet, so nothing is kept
    first = queries_for_today(client)
    again = queries_for_today(client)
    assert again < first
    # The session, the person, the bond cards (for the first run) and the live token.
    assert again <= 4


def test_my_own_write_shows_at_once(client, alice, shared_bond):
    client.force_login(alice)
    assert "Hello, Alice" in today(client)
    response = client.post(
        reverse("accounts:settings"),
        {"display_name": "Ally", "time_zone": "Europe/London", "reminder_time": "20:00"},
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=alice.pk).page_version == 1  # the write moved the version
    assert "Hello, Ally" in today(client)


def test_a_failed_or_read_only_request_changes_no_version(client, alice, shared_bond):
    client.force_login(alice)
    client.get(reverse("today:today"))
    client.get(reverse("help:help"))
    assert Person.objects.get(pk=alice.pk).page_version == 0


def test_what_the_other_member_does_shows_at_once(client, alice, bob, shared_bond):
    client.force_login(alice)
    assert "Bob sent you a note of thanks." not in today(client)
    appreciation.note_send(sender=bob, bond=shared_bond, text="Thank you for the soup.")
    assert "Bob sent you a note of thanks." in today(client)
    checkin_record(person=bob, feelings=["hopeful"], intensity=2, note="", share_with=shared_bond)
    assert "Bob shared how they feel: hopeful." in today(client)


def test_what_the_other_member_does_privately_keeps_the_page_as_it_was(
    client, alice, bob, shared_bond
):
    client.force_login(alice)
    today(client)
    page = today(client)
    checkin_record(person=bob, feelings=["hopeful"], intensity=2, note="", share_with=None)
    assert CheckIn.objects.filter(person=bob).exists()
    # Still the kept body, form tokens and all: a private check-in moves nothing.
    with CaptureQueriesContext(connection) as queries:
        again = today(client)
    assert main_part(again) == main_part(page) and len(queries) <= 4


def test_the_evening_arrives_on_the_hour(client, alice, shared_bond, _a_morning):
    client.force_login(alice)
    morning_page = today(client)
    assert reverse("together:ritual", args=[shared_bond.pk]) not in morning_page
    _a_morning.move_to(datetime.datetime(2026, 5, 14, 16, 0, 5, tzinfo=datetime.UTC))  # 17:00:05
    evening_page = today(client)
    assert evening_page != morning_page
    assert reverse("together:ritual", args=[shared_bond.pk]) in evening_page


def test_two_people_never_share_a_kept_page(alice, bob, shared_bond):
    as_alice, as_bob = Client(), Client()
    as_alice.force_login(alice)
    as_bob.force_login(bob)
    assert "Hello, Alice" in today(as_alice)
    assert "Hello, Bob" in today(as_bob)
    assert "Hello, Alice" in today(as_alice)


def test_each_browser_gets_forms_for_its_own_csrf_secret(alice, shared_bond):
    phone, laptop = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    phone.force_login(alice)
    laptop.force_login(alice)
    today(phone)
    today(laptop)
    page = today(laptop)
    assert laptop.cookies["csrftoken"].value != phone.cookies["csrftoken"].value
    # A form on the kept page posts with the laptop's own secret.
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    response = laptop.post(reverse("accounts:settings"), {"csrfmiddlewaretoken": token})
    assert response.status_code != 403


def test_the_first_run_is_never_kept(client, alice):
    client.force_login(alice)
    first, second = today(client), today(client)
    keys = [page.split('name="submission" value="', 1)[1][:36] for page in (first, second)]
    assert keys[0] != keys[1]  # a fresh one-time key each time
    assert queries_for_today(client) == queries_for_today(client)  # drawn afresh each time


def test_a_write_through_the_api_shows_at_once_too(client, alice, shared_bond):
    client.force_login(alice)
    today(client)
    assert "Hello, Alice" in today(client)
    token = token_create(person=alice, name="phone", scope=Scope.WRITE).token
    response = Client().post(
        "/api/v1/bonds",
        json.dumps({"name": "Sam", "kind": "friend"}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201
    assert Person.objects.get(pk=alice.pk).page_version == 1
    assert "Sam" in main_part(today(client))
