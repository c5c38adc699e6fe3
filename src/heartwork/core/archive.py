"""Reading one record of a person's archive back, for a practice's ``restore`` hook.

The archive as a whole is checked first (``heartwork.domain.archive.validate_archive``);
these readers check each field a practice restores, so a tampered record stops the whole
import with a message (``ArchiveRecordProblem``) instead of a 500 or a half-made row.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models

from heartwork.core.errors import ApplicationError


class ArchiveRecordProblem(ApplicationError):
    pass


def _problem(where: str, key: str, what: str) -> ArchiveRecordProblem:
    return ArchiveRecordProblem(f"In {where}, {key} {what}. Nothing was imported.")


class Reader:
    """The fields of one record, each checked as it is read."""

    def __init__(self, record: Mapping[str, Any], where: str) -> None:
        self.data = record
        self.where = where

    def _get(self, key: str, required: bool) -> Any:
        if key not in self.data:
            if required:
                raise _problem(self.where, key, "is missing")
            return None
        return self.data[key]

    def text(self, key: str, *, limit: int, required: bool = False) -> str:
        value = self._get(key, required)
        if value is None:
            return ""
        if not isinstance(value, str) or len(value) > limit:
            raise _problem(self.where, key, f"should be a text of at most {limit} characters")
        return value

    def choice(self, key: str, choices: Iterable[str], *, default: str | None = None) -> str:
        value = self._get(key, default is None)
        if value is None and default is not None:
            return default
        if value not in set(choices):
            raise _problem(self.where, key, "is not one heartwork knows")
        return value

    def number(self, key: str, low: int, high: int, *, required: bool = True) -> int | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise _problem(self.where, key, f"should be a whole number from {low} to {high}")
        return value

    def flag(self, key: str) -> bool:
        value = self._get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise _problem(self.where, key, "should be true or false")
        return value

    def moment(self, key: str, *, required: bool = True) -> datetime.datetime | None:
        value = self._get(key, required)
        if value is None:
            return None
        try:
            parsed = datetime.datetime.fromisoformat(value)
        except (TypeError, ValueError):
            raise _problem(self.where, key, "is not a date and time") from None
        if parsed.tzinfo is None:
            raise _problem(self.where, key, "has no time zone offset")
        return parsed

    def day(self, key: str) -> datetime.date:
        value = self._get(key, True)
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise _problem(self.where, key, "is not a date") from None

    def time_of_day(self, key: str) -> datetime.time:
        value = self._get(key, True)
        try:
            return datetime.time.fromisoformat(value)
        except (TypeError, ValueError):
            raise _problem(self.where, key, "is not a time of day") from None

    def strings(self, key: str, *, limit: int, most: int) -> list[str]:
        value = self._get(key, False) or []
        if (
            not isinstance(value, list)
            or len(value) > most
            or not all(isinstance(v, str) and len(v) <= limit for v in value)
        ):
            raise _problem(self.where, key, "should be a short list of words")
        return value

    def records(self, key: str) -> list[Mapping[str, Any]]:
        value = self._get(key, False) or []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise _problem(self.where, key, "should be a list of objects")
        return value

    def record(self, key: str) -> Mapping[str, Any] | None:
        value = self._get(key, False)
        if value is not None and not isinstance(value, dict):
            raise _problem(self.where, key, "should be an object")
        return value

    def bond(self, bonds: Mapping[str, Any], key: str = "bond") -> Any:
        value = self._get(key, True)
        if value not in bonds:
            raise _problem(self.where, key, "names a bond the archive does not have")
        return bonds[value]


def mine(records: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Only what the person wrote: an import never restores the other member's words."""
    return [r for r in records if isinstance(r, dict) and r.get("mine") is not False]


def keep_created(instance: models.Model, when: datetime.datetime | None) -> None:
    """Give a restored row the time it was first written (``created_at`` is set on insert)."""
    if when is not None:
        type(instance)._default_manager.filter(pk=instance.pk).update(created_at=when)
        instance.created_at = when  # type: ignore[attr-defined]
