from __future__ import annotations

import io
import json
import zipfile

import pytest

from heartwork.domain.archive import DOCUMENT_NAME
from heartwork.exports.services import archive_write
from tests.exports.world import write_everything


def say(what: str) -> str:
    return f"Words {what} here"


@pytest.fixture
def world(alice, bob):
    return write_everything(alice, bob, say)


def export_of(person) -> tuple[dict, str, str]:
    """The archive of ``person``: its document, its page and its README."""
    out = io.BytesIO()
    archive_write(person=person, out=out)
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == sorted([DOCUMENT_NAME, "index.html", "README.txt"])
        return (
            json.loads(archive.read(DOCUMENT_NAME)),
            archive.read("index.html").decode(),
            archive.read("README.txt").decode(),
        )
