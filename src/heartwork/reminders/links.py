"""Signed links in reminder e-mails that work without logging in: snooze or turn off."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

SALT = "heartwork.reminders.link"
ACTIONS = ("snooze", "off", "all-off")


@dataclass(frozen=True)
class LinkClaim:
    person_id: str
    kind: str
    action: str


def make_token(person_id, kind: str, action: str) -> str:
    return signing.dumps({"p": str(person_id), "k": kind, "a": action}, salt=SALT, compress=True)


def read_token(token: str) -> LinkClaim | None:
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.REMINDER_LINK_LIFETIME_DAYS * 86400)
    except signing.BadSignature:  # includes expired links
        return None
    if not isinstance(data, dict) or data.get("a") not in ACTIONS:
        return None
    return LinkClaim(person_id=str(data.get("p")), kind=str(data.get("k")), action=data["a"])
