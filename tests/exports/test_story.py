"""Our story: either member of a bond gets what the two shared in it, printable and as
JSON, and nothing either kept to themselves; nobody else gets anything."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.exports.conftest import say

SHARED = [
    "answer-Alice", "answer-Bob", "reply-Alice", "reply-Bob", "checkin-note-a",
    "checkin-note-b", "ack-b", "ack-a", "note-a", "note-b", "thanks-a", "thanks-b",
    "title-a", "reflection-a", "high-Alice", "high-Bob",
]  # fmt: skip
KEPT_TO_ONESELF = [
    "private-checkin-a", "private-checkin-b", "list-a", "list-b", "reflection-b",
    "draft-a", "draft-b", "talk-note-a", "talk-note-b", "solo-answer",
]  # fmt: skip
# Hard conversations and repairs are in each person's own archive, not in the keepsake.
NOT_IN_A_STORY = ["message-a", "said-Alice", "accountability", "hurt-note", "rating-Bob"]


def story_json(client, bond) -> dict:
    response = client.get(reverse("exports:story_json", args=[bond.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return json.loads(b"".join(response.streaming_content))


def test_the_story_holds_only_what_the_two_shared(client, alice, bob, world):
    bond = world["bond"]
    for person in (alice, bob):
        client.force_login(person)
        page = client.get(reverse("exports:story", args=[bond.pk])).content.decode()
        document = story_json(client, bond)
        text = json.dumps(document, ensure_ascii=False)
        assert document["schema"] == "heartwork-story" and document["version"] == 1
        for what in SHARED:
            assert say(what) in text and say(what) in page, (person, what)
        for what in KEPT_TO_ONESELF + NOT_IN_A_STORY:
            assert say(what) not in text and say(what) not in page, (person, what)
        assert "threat" not in text


def test_each_member_sees_their_own_name_for_the_bond(client, alice, bob, world):
    bond = world["bond"]
    client.force_login(bob)
    page = client.get(reverse("exports:story", args=[bond.pk])).content.decode()
    assert say("bond-name-b")[:80] in page and say("bond-name-a") not in page


def test_the_story_prints_cleanly(client, alice, world):
    client.force_login(alice)
    bond_page = client.get(reverse("bonds:detail", args=[world["bond"].pk])).content.decode()
    assert reverse("exports:story", args=[world["bond"].pk]) in bond_page
    page = client.get(reverse("exports:story", args=[world["bond"].pk])).content.decode()
    assert "story.css" in page and "Save as PDF" in page
    css = Path(finders.find("exports/story.css")).read_text()
    assert "@media print" in css and ".site-header" in css


def test_a_stranger_gets_nothing(client, charlie, world):
    client.force_login(charlie)
    for name in ("exports:story", "exports:story_json"):
        assert client.get(reverse(name, args=[world["bond"].pk])).status_code == 404


def test_a_new_bond_has_an_empty_story(alice_client, solo_bond):
    page = alice_client.get(reverse("exports:story", args=[solo_bond.pk])).content.decode()
    assert "Nothing shared here yet" in page
