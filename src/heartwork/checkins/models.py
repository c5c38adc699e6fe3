"""Feelings check-ins. What a person felt and wrote is sealed (encrypted) as one JSON
payload; only the author, the time, the local day and which bond it was shared with
are stored in the clear."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from heartwork.bonds.models import Bond
from heartwork.core.models import BaseModel
from heartwork.core.sealed import SealedJSON, SealedText

NOTE_MAX = 2000
STATEMENT_PART_MAX = 300


class CheckIn(BaseModel):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    day = models.DateField(help_text="The author's local date when they checked in.")
    payload_sealed = models.TextField()
    # Feelings, intensity, what happened and the "I feel" sentence, sealed together.
    payload = SealedJSON(author="person_id")
    # Private unless this is set; sharing is chosen per check-in.
    shared_with = models.ForeignKey(
        Bond, null=True, blank=True, on_delete=models.SET_NULL, related_name="shared_checkins"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["person", "day"]),
            # Insights read a bond's shared check-ins by time (heartwork.insights.selectors).
            models.Index(fields=["shared_with", "created_at"], name="checkin_shared_time"),
        ]

    def __str__(self) -> str:
        return f"check-in {self.id}"

    @property
    def feelings(self) -> list[str]:
        return self.payload.get("feelings", [])

    @property
    def intensity(self) -> int:
        return self.payload.get("intensity", 3)

    @property
    def note(self) -> str:
        return self.payload.get("note", "")

    @property
    def statement(self) -> str:
        return self.payload.get("statement", "")


def quarter_hour(when: datetime.datetime) -> datetime.datetime:
    """``when`` rounded down to its quarter hour. Every time zone's offset from UTC is a
    whole number of quarter hours, so a quarter falls on the same local day as any moment
    in it, in every zone: a viewer's days can be read from quarters exactly."""
    return when.replace(minute=when.minute - when.minute % 15, second=0, microsecond=0)


class SharedFeelingTally(BaseModel):
    """How many times each core feeling (the wheel's families) was named in check-ins
    shared in a bond, per quarter hour, kept up to date by heartwork.checkins.services as
    check-ins are shared, unshared and deleted, so insights count feelings without opening
    every check-in. Holds no more than the bond's members already see together: only
    shared check-ins, only cores (never the words, notes or who), only when."""

    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="+")
    quarter = models.DateTimeField()  # quarter_hour(check-in's created_at)
    core = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["bond", "quarter", "core"], name="one_feeling_tally_per_quarter"
            )
        ]

    def __str__(self) -> str:
        return f"feeling tally {self.id}"


class Acknowledgement(BaseModel):
    """The other member's response to a shared check-in: a ready phrase, a few words, or both."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="acknowledgements")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    phrase = models.CharField(max_length=40, blank=True)
    reply_sealed = models.TextField(blank=True)
    reply = SealedText(author="person_id")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["checkin", "person"], name="one_acknowledgement_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"acknowledgement {self.id}"
