"""A form that creates something, posted twice (a double tap, a resend), creates one thing."""

from __future__ import annotations

import datetime
import re
import uuid

import pytest
from django.urls import reverse

from heartwork.appreciation.models import ListItem, Note
from heartwork.bonds.models import Bond
from heartwork.checkins.models import CheckIn
from heartwork.together.models import QualityTime


def key_from(page: str) -> str:
    return re.search(r'name="submission" value="([0-9a-f-]{36})"', page).group(1)


def cases(bond):
    past = (datetime.datetime.now() - datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    return [
        (
            "appreciation:home",
            "appreciation:send",
            {"text": "You fixed the gate on Sunday morning.", "as_it_is": "1"},
            Note,
        ),
        ("appreciation:list", "appreciation:list", {"text": "Your laugh."}, ListItem),
        (
            "together:log",
            "together:log",
            {"kind": "walk", "when": past, "minutes": "30"},
            QualityTime,
        ),
    ]


@pytest.mark.parametrize("index", range(3))
def test_a_bond_form_posted_twice_creates_one_thing(alice_client, shared_bond, index):
    page_name, post_name, data, model = cases(shared_bond)[index]
    page = alice_client.get(reverse(page_name, args=[shared_bond.pk])).content.decode()
    data = {**data, "submission": key_from(page)}
    url = reverse(post_name, args=[shared_bond.pk])
    first = alice_client.post(url, data)
    second = alice_client.post(url, data, follow=True)
    assert first.status_code == 302 and second.status_code == 200
    assert model.objects.count() == 1
    assert "went through the first time" in second.content.decode()


def test_a_check_in_posted_twice_is_one_check_in(alice_client):
    key = key_from(alice_client.get(reverse("checkins:new")).content.decode())
    data = {"feelings": ["calm"], "intensity": "2", "submission": key}
    alice_client.post(reverse("checkins:new"), data)
    alice_client.post(reverse("checkins:new"), data)
    assert CheckIn.objects.count() == 1


def test_a_bond_started_twice_is_one_bond(alice_client):
    key = key_from(alice_client.get(reverse("bonds:new")).content.decode())
    for _ in range(2):
        alice_client.post(
            reverse("bonds:new"), {"name": "Sam", "kind": "friend", "submission": key}
        )
    assert Bond.objects.count() == 1


def test_a_refused_post_does_not_use_up_its_key(alice_client):
    key = str(uuid.uuid4())
    alice_client.post(
        reverse("checkins:new"),
        {"feelings": ["not-a-feeling"], "intensity": "2", "submission": key},
    )
    alice_client.post(
        reverse("checkins:new"), {"feelings": ["calm"], "intensity": "2", "submission": key}
    )
    assert CheckIn.objects.count() == 1
