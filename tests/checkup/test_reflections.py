"""Reflections are the answerer's alone: never shown to the other, in any state."""

from __future__ import annotations

import re

from django.urls import reverse

from heartwork.checkup.models import ReflectionEntry


def body(response) -> str:
    return re.sub(
        r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', "", response.content.decode()
    )


def test_a_reflection_is_saved_with_its_band_for_the_answerer_only(client, alice, bob, shared_bond):
    client.force_login(alice)
    url = reverse("checkup:reflect_close", args=[shared_bond.pk])
    assert "I feel I know Bob well" in client.get(url).content.decode()
    response = client.post(url, {"q_share": "5", "q_know": "4", "q_explore": "5", "q_walls": "1"})
    assert response.status_code == 302
    page = client.get(reverse("checkup:reflections", args=[shared_bond.pk])).content.decode()
    assert "You feel known, and able to share" in page and "94 of 100" in page
    client.force_login(bob)
    bobs = client.get(reverse("checkup:reflections", args=[shared_bond.pk])).content.decode()
    assert "You feel known" not in bobs and "94 of 100" not in bobs


def test_the_other_member_sees_the_same_page_whether_or_not_one_was_taken(
    client, alice, bob, shared_bond
):
    client.force_login(bob)
    url = reverse("checkup:reflections", args=[shared_bond.pk])
    before = body(client.get(url))
    client.force_login(alice)
    client.post(
        reverse("checkup:reflect_hurt", args=[shared_bond.pk]),
        {"q_stress": "5", "q_broken": "5", "q_invested": "1", "q_changing": "1"},
        follow=True,  # one browser in this test: read Alice's message before Bob logs in
    )
    assert ReflectionEntry.objects.filter(person=alice, kind="hurt").exists()
    client.force_login(bob)
    assert body(client.get(url)) == before


def test_hurt_guidance_can_point_away_and_to_help(client, alice, shared_bond):
    client.force_login(alice)
    client.post(
        reverse("checkup:reflect_hurt", args=[shared_bond.pk]),
        {"q_stress": "5", "q_broken": "5", "q_invested": "1", "q_changing": "1", "q_afraid": "1"},
    )
    page = client.get(reverse("checkup:reflections", args=[shared_bond.pk])).content.decode()
    assert "put distance between you and Bob" in page
    assert reverse("help:safety") in page


def test_fear_routes_to_safety_help(client, alice, shared_bond):
    client.force_login(alice)
    response = client.post(
        reverse("checkup:reflect_distance", args=[shared_bond.pk]),
        {"q_unsafe": "5", "q_edge": "4", "q_unfulfilled": "3", "q_unheard": "3"},
    )
    assert response["Location"] == reverse("help:safety")


def test_too_few_answers_or_bad_ones_change_nothing(client, alice, shared_bond):
    client.force_login(alice)
    url = reverse("checkup:reflect_moment", args=[shared_bond.pk])
    response = client.post(url, {"q_safe": "5"}, follow=True)
    assert "Answer at least 2 of the 3 questions" in response.content.decode()
    assert client.post(url, {"q_safe": "7", "q_free": "2"}).status_code == 400
    assert not ReflectionEntry.objects.exists()
