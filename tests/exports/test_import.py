"""Import: the round trip (export, import into an empty database, export again gives the
same document, ids and timestamps aside), and every bad archive refused with a clear
message and nothing changed (row counts checked before and after)."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from heartwork.accounts.models import Person
from heartwork.accounts.services import person_delete
from heartwork.bonds.models import Membership
from heartwork.core.errors import ApplicationError
from heartwork.domain.archive import DOCUMENT_NAME, comparable
from heartwork.exports import importing
from heartwork.exports.services import archive_write
from tests.conftest import PASSWORD, make_person
from tests.exports.conftest import export_of, say

PROJECT_APPS = [c for c in apps.get_app_configs() if c.name.startswith("heartwork.")]


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.using("default").count()
        for config in PROJECT_APPS
        for model in config.get_models()
        if model._meta.app_label != "keyring"
    }


def zipped(document=None, *, raw: bytes | None = None, name: str = DOCUMENT_NAME) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, raw if raw is not None else json.dumps(document))
    return out.getvalue()


def archive_bytes(person) -> bytes:
    out = io.BytesIO()
    archive_write(person=person, out=out)
    return out.getvalue()


def import_bytes(person, data: bytes):
    document = importing.read_archive(io.BytesIO(data), len(data))
    return importing.archive_import(person=person, document=document)


def test_round_trip_into_an_empty_database(alice, bob, world):
    alice.theme = "dark"
    alice.save(update_fields=["theme"])
    first, _, _ = export_of(alice)
    data = archive_bytes(alice)
    for person in (alice, bob):
        person_delete(person=person)
    assert all(n == 0 for label, n in row_counts().items() if label != "core.RunnerHeartbeat")

    again = make_person("alice@example.com", "Someone new", "UTC")
    imported = import_bytes(again, data)
    assert imported.bonds == 3 and imported.with_others == 2
    second, page, _ = export_of(Person.objects.get(pk=again.pk))

    assert comparable(second) == comparable(first)
    # What is aside, exactly: ids, the export and sign-up times, sharing, and what only
    # the other member wrote or only both can restore.
    text = json.dumps(second, ensure_ascii=False)
    assert say("answer-Bob") not in text and say("note-b") not in text
    assert second["practices"]["conflict"]["talks"] == []
    assert second["practices"]["repair"]["repairs"] == []
    assert second["person"]["display_name"] == "Alice"
    assert second["person"]["time_zone"] == "Europe/London"
    assert second["person"]["theme"] == "dark"
    assert [len(b["members"]) for b in second["bonds"]] == [1, 1, 1]
    assert say("answer-Alice") in page


def test_what_was_shared_comes_back_private(alice, bob, world):
    data = archive_bytes(alice)
    person_delete(person=alice)
    again = make_person("alice@example.com", "Alice")
    import_bytes(again, data)
    document, _, _ = export_of(again)
    assert all(c["shared_with"] is None for c in document["practices"]["checkins"]["mine"])
    reflections = [r for t in document["practices"]["together"]["times"] for r in t["reflections"]]
    assert reflections and not any(r["shared"] for r in reflections)


def test_imported_writing_stays_private_when_someone_joins(alice, bob, world, charlie):
    from heartwork.prompts.models import Answer

    data = archive_bytes(alice)
    person_delete(person=alice)
    again = make_person("alice@example.com", "Alice")
    import_bytes(again, data)
    assert Answer.objects.filter(person=again).exists()
    assert not Answer.objects.filter(person=again, written_alone=False).exists()


def test_import_from_settings(client, alice, bob, world):
    data = archive_bytes(alice)
    person_delete(person=alice)
    again = make_person("alice@example.com", "Alice")
    client.force_login(again)
    assert client.get(reverse("exports:import")).status_code == 200
    upload = SimpleUploadedFile("heartwork.zip", data, content_type="application/zip")
    response = client.post(reverse("exports:import"), {"archive": upload}, follow=True)
    assert response.status_code == 200
    assert "Welcome back" in response.content.decode()
    assert Membership.objects.filter(person=again).count() == 3


# --- bad archives -----------------------------------------------------------------------


@pytest.fixture
def fresh(world):
    """A new account of Alice's, on a server where Alice's archive exists as a file."""
    alice = Person.objects.get(email="alice@example.com")
    good = archive_bytes(alice)
    document = json.loads(zipfile.ZipFile(io.BytesIO(good)).read(DOCUMENT_NAME))
    alice.email = "alice-old@example.com"
    alice.save()
    return make_person("alice@example.com", "Alice"), good, document


def refused(person, data: bytes, expected: str) -> None:
    before = row_counts()
    with pytest.raises(ApplicationError) as caught:
        import_bytes(person, data)
    assert expected in caught.value.message, caught.value.message
    assert "Nothing was imported" in caught.value.message
    assert row_counts() == before


def test_a_truncated_zip(fresh):
    person, good, _ = fresh
    refused(person, good[: len(good) // 2], "not a complete zip")


def test_not_a_zip_at_all(fresh):
    person, _, _ = fresh
    refused(person, b"PK\x03\x04 not really", "not a complete zip")
    refused(person, b"", "not a complete zip")


def test_a_zip_without_the_document(fresh):
    person, _, document = fresh
    refused(person, zipped(document, name="other.json"), "has no heartwork-export.json")


def test_invalid_json(fresh):
    person, _, _ = fresh
    refused(person, zipped(raw=b'{"schema": "heartwork-export", "version": 1,'), "not valid JSON")
    refused(person, zipped(raw=b"\xff\xfe\x00"), "not valid JSON")
    refused(person, zipped(raw=b"[" * 100_000), "not valid JSON")


def test_the_wrong_schema(fresh):
    person, _, document = fresh
    refused(person, zipped({**document, "schema": "monica"}), "not a heartwork archive")
    refused(person, zipped([1, 2, 3]), "not a heartwork archive")
    refused(person, zipped({**document, "extra": 1}), "does not know: extra")
    refused(person, zipped({**document, "bonds": "many"}), "bonds should be list")


def test_a_future_version(fresh):
    person, _, document = fresh
    refused(person, zipped({**document, "version": 2}), "made by a newer heartwork")


def test_an_archive_from_another_person(fresh, bob):
    person, _, _ = fresh
    refused(person, archive_bytes(bob), "belongs to another account")


def test_an_account_that_already_has_bonds(fresh, alice_client):
    person, good, _ = fresh
    from heartwork.bonds.services import bond_create
    from heartwork.domain.bonds import BondKind

    bond_create(person=person, name="Already here", kind=BondKind.FRIEND)
    refused(person, good, "no bonds yet")


def test_a_huge_file(fresh, monkeypatch):
    person, good, _ = fresh
    monkeypatch.setattr(importing, "UPLOAD_MAX_BYTES", 1000)
    refused(person, good, "larger than an archive can be")
    monkeypatch.setattr(importing, "UPLOAD_MAX_BYTES", 64 * 2**20)
    monkeypatch.setattr(importing, "DOCUMENT_MAX_BYTES", 100_000)
    bomb = zipped(raw=b" " * 5_000_000)  # a few kB packed, 5 MB unpacked
    assert len(bomb) < 20_000
    refused(person, bomb, "larger than heartwork reads")


def test_a_tampered_record_changes_nothing(fresh):
    person, _, document = fresh
    rounds = document["practices"]["prompts"]["rounds"]
    rounds[-1]["answers"][0]["text"] = "x" * 5000  # longer than an answer can be
    refused(person, zipped(document), "should be a text of at most")
    rounds[-1]["answers"][0]["text"] = "fine"
    rounds[-1]["bond"] = "not-a-bond"
    refused(person, zipped(document), "names a bond the archive does not have")
    rounds[-1]["bond"] = document["bonds"][0]["id"]
    rounds[-1]["depth"] = "deep"
    refused(person, zipped(document), "should be a whole number")
    rounds[-1]["depth"] = 1
    rounds.append(dict(rounds[-1]))  # the same round twice: the database says no
    refused(person, zipped(document), "not as heartwork wrote it")


def test_a_bad_upload_through_the_page_says_so_and_changes_nothing(client, fresh):
    person, good, _ = fresh
    client.force_login(person)
    before = row_counts()
    upload = SimpleUploadedFile("heartwork.zip", good[:100], content_type="application/zip")
    response = client.post(reverse("exports:import"), {"archive": upload})
    assert response.status_code == 400
    assert "not a complete zip" in response.content.decode()
    assert row_counts() == before
    response = client.post(reverse("exports:import"), {})
    assert response.status_code == 400
    assert row_counts() == before
    assert client.get(reverse("exports:import")).status_code == 200
    client.logout()
    assert client.post(reverse("exports:import"), {}).status_code == 302
    assert PASSWORD
