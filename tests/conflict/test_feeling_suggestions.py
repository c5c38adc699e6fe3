"""The composer's feeling step offers words for "what happened", like the check-in: as the
person types (htmx) and, without JavaScript, from a "Suggest feelings" button; a tapped word
is added to the feeling part. Nothing is chosen for the person and nothing is saved by asking.

Alice and Bob share a bond; Charlie is a stranger.
"""

from __future__ import annotations

import logging
import re

from django.urls import reverse

from heartwork.conflict.models import Message
from heartwork.conflict.views import with_feeling

CANARY = "canary-composer-suggest-2c9"
HAPPENED = f"you cancelled our anniversary dinner an hour before, for the third time {CANARY}"


def _suggest(client, person, bond, observation):
    client.force_login(person)
    return client.post(
        reverse("conflict:suggest", args=[bond.pk]),
        {"observation": observation},
        headers={"HX-Request": "true"},
    )


def _words(html: str) -> list[str]:
    return re.findall(r'name="add_feeling" value="([^"]+)"', html)


def test_the_feeling_step_asks_as_the_person_types(client, alice, shared_bond):
    response = _suggest(client, alice, shared_bond, HAPPENED)
    assert response.status_code == 200
    html = response.content.decode()
    assert 3 <= len(_words(html)) <= 5
    assert CANARY not in html


def test_the_draft_page_has_the_button_and_the_live_box(client, alice, shared_bond):
    client.force_login(alice)
    response = client.post(
        reverse("conflict:compose", args=[shared_bond.pk]), {"text": "We need to talk."}
    )
    page = client.get(response.url).content.decode()
    url = reverse("conflict:suggest", args=[shared_bond.pk])
    assert f'hx-post="{url}"' in page and "from:#id_observation" in page
    assert 'name="suggest"' in page and "Suggest feelings" in page
    assert "conflict/conflict" in page and ".js" in page


def test_without_javascript_suggest_and_tap_keep_the_form_and_save_nothing(
    client, alice, shared_bond
):
    client.force_login(alice)
    url = reverse("conflict:compose", args=[shared_bond.pk])
    typed = {"text": "About Friday.", "observation": HAPPENED, "feeling": "", "need": "to matter"}
    asked = client.post(url, {**typed, "suggest": "1"})
    assert asked.status_code == 200
    page = asked.content.decode()
    words = _words(page)
    assert words and "About Friday." in page and "to matter" in page
    assert 'name="feeling"' in page and re.search(r'id="id_feeling"(?![^>]*value=)', page)
    tapped = client.post(url, {**typed, "feeling": "hurt", "add_feeling": words[0]})
    assert tapped.status_code == 200
    assert f'value="hurt, {words[0]}"' in tapped.content.decode()
    assert not Message.objects.filter(author=alice).exists()


def test_a_tap_on_a_saved_draft_adds_the_word_and_saves_nothing(client, alice, shared_bond):
    client.force_login(alice)
    created = client.post(
        reverse("conflict:compose", args=[shared_bond.pk]), {"text": "About Friday."}
    )
    message = Message.objects.get(author=alice)
    response = client.post(
        created.url,
        {"text": "Changed, not saved", "observation": HAPPENED, "add_feeling": "let down"},
    )
    assert response.status_code == 200
    assert 'value="let down"' in response.content.decode()
    message.refresh_from_db()
    assert message.text == "About Friday." and not message.parts.get("observation")


def test_a_word_is_added_once_and_never_past_the_limit():
    assert with_feeling("", "lonely") == "lonely"
    assert with_feeling("hurt,", "lonely") == "hurt, lonely"
    assert with_feeling("hurt, Lonely", "lonely") == "hurt, Lonely"
    assert with_feeling("x" * 399, "lonely") == "x" * 399


def test_danger_gets_help_instead_of_words(client, alice, shared_bond):
    html = _suggest(
        client, alice, shared_bond, "you hit me last night and said you'd do worse if I told"
    ).content.decode()
    assert "help that fits" in html and not _words(html)


def test_strangers_get_404_and_nothing_typed_is_logged(client, alice, charlie, shared_bond, caplog):
    assert _suggest(client, charlie, shared_bond, HAPPENED).status_code == 404
    with caplog.at_level(logging.DEBUG):
        _suggest(client, alice, shared_bond, HAPPENED)
    assert CANARY not in caplog.text
