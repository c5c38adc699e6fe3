"""Suggested feelings for "What happened?": offered to choose from, never chosen, never kept."""

import logging

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.urls import reverse

from heartwork.checkins.models import CheckIn

CANARY = "canary-suggest-7f3a"
STORY = f"my sister drove three hours to be at my graduation {CANARY}"


def suggest(client, note: str):
    return client.post(reverse("checkins:suggest"), {"note": note}, headers={"HX-Request": "true"})


def test_suggestions_are_labels_for_the_wheel_checkboxes_on_the_check_in_page(alice_client):
    response = suggest(alice_client, STORY)
    assert response.status_code == 200
    html = response.content.decode()
    fors = [part.split('"')[0] for part in html.split('for="feel-')[1:]]
    assert 3 <= len(fors) <= 5
    page = alice_client.get(reverse("checkins:new")).content.decode()
    for target in fors:
        assert f'id="feel-{target}"' in page
    assert "checked" not in html  # a suggestion is never applied by itself
    assert CANARY not in html


def test_the_box_asks_as_the_person_types_and_has_a_button_without_javascript(alice_client):
    page = alice_client.get(reverse("checkins:new")).content.decode()
    assert f'hx-post="{reverse("checkins:suggest")}"' in page
    assert 'hx-trigger="keyup changed delay:500ms"' in page
    assert 'name="suggest"' in page and "Suggest feelings" in page


def test_without_javascript_the_button_shows_suggestions_and_keeps_the_form(alice_client):
    response = alice_client.post(
        reverse("checkins:new"),
        {"suggest": "1", "note": STORY, "feelings": ["hopeful"], "intensity": "4"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="suggestion' in html
    assert STORY in html  # what was typed stays in the box
    assert 'value="hopeful" checked' in html
    assert CheckIn.objects.count() == 0


def test_an_empty_box_suggests_nothing_and_danger_points_to_help(alice_client):
    assert 'class="suggestion' not in suggest(alice_client, "   ").content.decode()
    html = suggest(alice_client, "he said he would kill me if i leave").content.decode()
    assert 'class="suggestion' not in html and reverse("safety:for_you") in html


def test_asking_needs_a_login_and_a_post(client, alice_client):
    assert alice_client.get(reverse("checkins:suggest")).status_code == 405
    client.logout()
    response = client.post(reverse("checkins:suggest"), {"note": STORY})
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("how", ["htmx", "button"])
def test_nothing_typed_is_logged_or_stored_by_asking(alice_client, caplog, how):
    models = [m for m in apps.get_models() if m is not Session]
    before = {m: m.objects.count() for m in models}
    sessions_before = {s.session_key: s.session_data for s in Session.objects.all()}
    with caplog.at_level(logging.DEBUG):
        if how == "htmx":
            suggest(alice_client, STORY)
        else:
            alice_client.post(reverse("checkins:new"), {"suggest": "1", "note": STORY})
    assert CANARY not in caplog.text
    assert {m: m.objects.count() for m in models} == before
    sessions_after = {s.session_key: s.session_data for s in Session.objects.all()}
    assert sessions_after == sessions_before
