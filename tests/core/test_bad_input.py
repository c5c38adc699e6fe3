"""Bad input gets a clear answer and never a 500: every page, every query parameter the
app reads, and every number- or date-like form field, with overflowing and odd values."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.core.test_hostile_content import _kwargs, _rolled_back, hostile_world  # noqa: F401
from tests.urlwalk import all_routes

NASTY = [
    "99999999999999999999-1",
    "1-99999999999999999999",
    "-1",
    "0",
    "0001-01",
    "9999-12",
    "10000-01",
    "1e400",
    "NaN",
    "inf",
    "-0",
    "１２",
    "2026-02-30",
    "2026-13",
    "2026-00",
    "٣",
    "\x00",
    "%00",
    "9" * 400,
    "",
]
# Every query parameter a view reads (grep request.GET), and the fields that hold numbers or dates.
QUERY_PARAMETERS = (
    "month",
    "page",
    "idea",
    "plan",
    "country",
    "share",
    "type",
    "depth",
    "theme",
    "kind",
    "next",
)
NUMBER_FIELDS = (
    "intensity",
    "minutes",
    "comfort",
    "weekday",
    "local_time",
    "reminder_time",
    "when",
    "when_date",
    "when_time",
    "day",
    "lighter",
    "opted_in",
    "phones_away",
    "share_with",
    "prompt_id",
    "feeling",
    "kind",
)


@pytest.mark.parametrize("value", NASTY)
def test_every_page_survives_odd_query_parameters(client, hostile_world, value):  # noqa: F811
    person = hostile_world["alice"]
    client.force_login(person)
    query = {name: value for name in QUERY_PARAMETERS}
    for route in all_routes():
        if route.name in {"accounts:logout", "help:leave"}:  # would walk the rest logged out
            continue
        url = reverse(route.name, kwargs=_kwargs(route, hostile_world, person))
        response = client.get(url, query)
        assert response.status_code < 500, f"GET {route.name}?…={value!r}: {response.status_code}"


@pytest.mark.parametrize("value", NASTY)
def test_every_form_survives_odd_numbers_and_dates(client, hostile_world, value):  # noqa: F811
    person = hostile_world["bob"]
    client.force_login(person)
    data = {name: value for name in NUMBER_FIELDS} | {"text": "a few words", "feelings": [value]}
    for route in all_routes():
        if route.name in {"accounts:logout", "accounts:delete", "help:leave"}:
            continue
        url = reverse(route.name, kwargs=_kwargs(route, hostile_world, person))
        response = _rolled_back(lambda url=url: client.post(url, data))
        assert response.status_code < 500, (
            f"POST {route.name} with {value!r}: {response.status_code}"
        )


def test_history_month_that_overflows_is_this_month(alice_client):
    response = alice_client.get(reverse("checkins:history"), {"month": "99999999999999999999-1"})
    assert response.status_code == 200
