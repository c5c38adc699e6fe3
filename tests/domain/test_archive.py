"""The archive's shape (heartwork.domain.archive): what passes, what is refused with a
message a person can act on, and that docs/export.md names every field."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from heartwork.domain import archive
from heartwork.domain.archive import ArchiveProblem, comparable, validate_archive

DOCS = Path(__file__).resolve().parents[2] / "docs" / "export.md"

GOOD = {
    "schema": "heartwork-export",
    "version": 1,
    "exported_at": "2026-12-02T14:05:26+00:00",
    "person": {
        "email": "a@example.com",
        "display_name": "A",
        "time_zone": "Europe/London",
        "reminder_time": "19:30",
        "theme": "dark",
        "date_joined": "2026-01-01T09:00:00+00:00",
    },
    "bonds": [
        {
            "id": "b1",
            "kind": "partner",
            "status": "active",
            "name": "Us",
            "created_at": "2026-01-02T09:00:00+00:00",
            "joined_at": "2026-01-02T09:00:00+00:00",
            "members": [{"name": "A", "mine": True}, {"name": "B", "mine": False}],
        }
    ],
    "practices": {
        "prompts": {
            "rounds": [
                {
                    "bond": "b1",
                    "answers": [{"mine": True, "text": "mine"}, {"mine": False, "text": "b"}],
                }
            ]
        },
        "conflict": {"talks": [{"bond": "b1", "restorable": False, "said": []}]},
        "checkins": {"mine": [{"shared_with": "b1", "note": "n"}]},
    },
}


def changed(**edits) -> dict:
    document = copy.deepcopy(GOOD)
    for path, value in edits.items():
        *parents, last = path.split("__")
        target = document
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
    return document


def test_a_good_document_passes():
    validate_archive(GOOD)


def test_an_archive_from_before_the_theme_still_passes():
    validate_archive(changed(person__theme=KeyError))


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "not a heartwork archive"),
        (changed(schema="other"), "not a heartwork archive"),
        (changed(version=2), "newer heartwork"),
        (changed(version=True), "does not say which version"),
        (changed(version="1"), "does not say which version"),
        (changed(extra=1), "does not know: extra"),
        (changed(person=KeyError), "missing person"),
        (changed(exported_at="yesterday"), "not a date and time"),
        (changed(exported_at="2026-12-02T14:05:26"), "no time zone offset"),
        (changed(person__reminder_time="late"), "not a time of day"),
        (changed(person__email=3), "email should be str"),
        (changed(person__theme="purple"), "theme should be system, light or dark"),
        (changed(person__theme=1), "theme should be str"),
        (changed(bonds__0__kind="enemy"), "unknown kind"),
        (changed(bonds__0__members=[{"name": "A", "mine": False}]), "owner once"),
        (changed(bonds=[GOOD["bonds"][0], GOOD["bonds"][0]]), "appears twice"),
        (changed(practices__prompts=[]), "should be an object"),
        (changed(practices__prompts__rounds={}), "list of objects"),
        (changed(practices__prompts__rounds=[{"bond": "b9"}]), "names a bond"),
        (changed(practices__checkins__mine=[{"shared_with": "b9"}]), "names a bond"),
        (changed(practices__prompts__rounds=[{"text": "x" * 20_001}]), "longer than"),
        (changed(practices__prompts__rounds=[{"a": [[[[[[[[[[1]]]]]]]]]]}]), "too deeply"),
        (changed(practices__prompts__rounds=[{"a": {1, 2}}]), "not JSON"),
    ],
)
def test_bad_documents_are_refused_with_a_reason(document, message):
    with pytest.raises(ArchiveProblem, match=message):
        validate_archive(document)


def test_comparable_sets_aside_ids_times_sharing_and_the_other_members_writing():
    seen = comparable(GOOD)
    assert "exported_at" not in seen and "date_joined" not in seen["person"]
    assert seen["bonds"][0]["members"] == [{"name": "A", "mine": True}]
    assert "id" not in seen["bonds"][0]
    assert seen["practices"]["prompts"]["rounds"][0]["bond"] == "bond-0"
    assert seen["practices"]["prompts"]["rounds"][0]["answers"] == [{"mine": True, "text": "mine"}]
    assert seen["practices"]["conflict"]["talks"] == []
    assert seen["practices"]["checkins"]["mine"] == [{"note": "n"}]


def test_the_docs_name_every_field_and_what_is_aside():
    text = DOCS.read_text()
    documented = set(re.findall(r"`([a-z_]+)`", text))
    fields = (
        set(archive.TOP_FIELDS)
        | set(archive.PERSON_FIELDS)
        | set(archive.BOND_FIELDS)
        | set(archive.MEMBER_FIELDS)
        | set(archive.ASIDE)
        | {"restorable", "mine", "bond", "written_at"}
    )
    assert fields - documented == set()
    assert archive.SCHEMA in text and archive.STORY_SCHEMA in text
    assert f"version {archive.VERSION}" in text
