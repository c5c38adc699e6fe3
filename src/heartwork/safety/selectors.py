"""Reads of a person's own safety check. Nothing here is ever shown to the other member."""

from __future__ import annotations

from heartwork.safety.models import SafetyCheck


def latest_check(person, bond) -> SafetyCheck | None:
    return SafetyCheck.objects.filter(person=person, bond=bond).first()


def feels_unsafe(person, bond) -> bool:
    """The person's latest safety check for this bond was concerning."""
    check = latest_check(person, bond)
    return check is not None and check.concerning


def repair_is_offered(person, bond) -> bool:
    """Repair assumes it is safe to work on things together: not offered to someone whose
    own safety check for this bond was concerning."""
    return not feels_unsafe(person, bond)


def hard_conversation_is_offered(person, bond) -> bool:
    return not feels_unsafe(person, bond)
