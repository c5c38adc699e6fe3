"""A person's archive: everything they wrote and everything shared with them, nothing the
other kept to themselves, never a safety check; downloaded from Settings."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

import pytest
from django.urls import reverse

from heartwork.domain.archive import DOCUMENT_NAME, validate_archive
from tests.exports.conftest import export_of, say

# Alice's own writing, and what Bob shared with her (revealed, shared, sent to her).
ALICES = [
    "bond-name-a", "solo-name", "answer-Alice", "reply-Alice", "solo-answer",
    "checkin-note-a", "checkin-when-a", "private-checkin-a", "ack-a", "note-a", "thanks-a",
    "list-a", "title-a", "reflection-a", "high-Alice", "low-Alice", "accountability",
    "apology", "change", "evidence", "rating-Alice", "message-a", "observation", "draft-a",
    "said-Alice", "talk-note-a",
]  # fmt: skip
SHARED_WITH_ALICE = [
    "answer-Bob", "reply-Bob", "checkin-note-b", "ack-b", "note-b", "thanks-b", "title-b",
    "high-Bob", "low-Bob", "hurt-note", "rating-Bob",
]  # fmt: skip
BOBS_OWN = [
    "bond-name-b", "private-checkin-b", "list-b", "reflection-b", "draft-b", "talk-note-b",
]  # fmt: skip


def test_the_archive_holds_what_is_mine_and_shared_with_me_and_nothing_else(alice, world):
    document, page, readme = export_of(alice)
    validate_archive(document)
    text = json.dumps(document, ensure_ascii=False)
    for what in ALICES + SHARED_WITH_ALICE:
        assert say(what) in text, what
        assert say(what) in page, what
    for what in BOBS_OWN:
        assert say(what) not in text and say(what) not in page, what
    assert say("list-b") not in readme and say("bond-name-a") not in readme


def test_the_other_member_sees_only_their_side(bob, world):
    document, page, _ = export_of(bob)
    text = json.dumps(document, ensure_ascii=False)
    shared_with_bob = [
        "answer-Alice", "reply-Alice", "checkin-note-a", "ack-a", "note-a", "thanks-a",
        "title-a", "reflection-a", "high-Alice", "accountability", "apology", "change",
        "rating-Alice", "message-a", "said-Alice",
    ]  # fmt: skip
    for what in BOBS_OWN + SHARED_WITH_ALICE + shared_with_bob:
        assert say(what) in text, what
    alices_own = ["bond-name-a", "solo-name", "solo-answer", "private-checkin-a", "list-a"]
    for what in [*alices_own, "draft-a", "talk-note-a"]:
        assert say(what) not in text and say(what) not in page, what


def test_safety_checks_are_never_exported(alice, bob, world):
    for person in (alice, bob):
        document, page, readme = export_of(person)
        assert "safety" not in document["practices"]
        text = json.dumps(document)
        assert "threat" not in text and "concerning" not in text
        assert "Not in this archive" in page
        assert "safety checks" in readme


def test_times_are_in_the_persons_zone(alice, world):
    document, page, _ = export_of(alice)
    exported = datetime.datetime.fromisoformat(document["exported_at"])
    assert exported.utcoffset() == exported.astimezone(alice.zone).utcoffset()
    assert "times are in Europe/London" in page
    answer = document["practices"]["prompts"]["rounds"][0]["answers"][0]
    assert datetime.datetime.fromisoformat(answer["written_at"]).tzinfo is not None


def test_records_name_the_other_member_only_as_not_mine(alice, world):
    document, _, _ = export_of(alice)
    shared = document["bonds"][0]
    assert shared["name"] == say("bond-name-a")[:80]
    assert [m["mine"] for m in shared["members"]] == [True, False]
    rounds = document["practices"]["prompts"]["rounds"]
    together = next(r for r in rounds if r["bond"] == shared["id"])
    assert [a["mine"] for a in together["answers"]] == [True, False]
    assert next(iter(document["practices"]["conflict"]["talks"]))["restorable"] is False


def test_the_page_escapes_everything(alice, bob):
    hostile = "<script>alert(1)</script><img src=x onerror=alert(1)>"
    from tests.exports.world import write_everything

    write_everything(alice, bob, lambda what: hostile + what)
    _, page, _ = export_of(alice)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_settings_downloads_the_archive(alice_client, alice, world):
    assert alice_client.get(reverse("exports:export")).status_code == 405
    response = alice_client.post(reverse("exports:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        document = json.loads(archive.read(DOCUMENT_NAME))
    assert document["person"]["email"] == alice.email
    page = alice_client.get(reverse("accounts:settings")).content.decode()
    assert reverse("exports:export") in page and reverse("exports:import") in page


def test_logged_out_there_is_no_archive(client, world):
    response = client.post(reverse("exports:export"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("label", ["prompts", "checkins", "appreciation", "together"])
def test_every_storied_practice_is_in_the_archive(alice, world, label):
    document, _, _ = export_of(alice)
    assert any(document["practices"][label].values()), label


def test_docs_describe_every_practice_and_section(alice, world):
    from pathlib import Path

    docs = (Path(__file__).resolve().parents[2] / "docs" / "export.md").read_text()
    document, _, _ = export_of(alice)
    for label, part in document["practices"].items():
        assert f"`{label}`" in docs, label
        for section in part:
            assert f"`{section}`" in docs, (label, section)
