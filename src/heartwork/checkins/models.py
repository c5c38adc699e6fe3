"""Feelings check-ins. What a person felt and wrote is sealed (encrypted) as one JSON
payload; only the author, the time, the local day and which bond it was shared with
are stored in the clear."""

from __future__ import annotations

import json

from django.conf import settings
from django.db import models

from heartwork.accounts.keys import open_for, seal_for
from heartwork.bonds.models import Bond
from heartwork.core.models import BaseModel

NOTE_MAX = 2000
STATEMENT_PART_MAX = 300


class CheckIn(BaseModel):
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins")
    day = models.DateField(help_text="The author's local date when they checked in.")
    payload_sealed = models.TextField()
    # Private unless this is set; sharing is chosen per check-in.
    shared_with = models.ForeignKey(Bond, null=True, blank=True, on_delete=models.SET_NULL, related_name="shared_checkins")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "day"])]

    def __str__(self) -> str:
        return f"check-in {self.id}"

    def seal(self, payload: dict) -> None:
        self.payload_sealed = seal_for(self.person_id, json.dumps(payload), "checkins.CheckIn.payload", self.pk)

    @property
    def payload(self) -> dict:
        if not hasattr(self, "_payload"):
            self._payload = json.loads(open_for(self.person_id, self.payload_sealed, "checkins.CheckIn.payload", self.pk))
        return self._payload

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


class Acknowledgement(BaseModel):
    """The other member's response to a shared check-in: a ready phrase, a few words, or both."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="acknowledgements")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    phrase = models.CharField(max_length=40, blank=True)
    reply_sealed = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["checkin", "person"], name="one_acknowledgement_per_person")]

    def __str__(self) -> str:
        return f"acknowledgement {self.id}"

    def set_reply(self, text: str) -> None:
        self.reply_sealed = seal_for(self.person_id, text, "checkins.Acknowledgement.reply", self.pk) if text else ""

    @property
    def reply(self) -> str:
        return open_for(self.person_id, self.reply_sealed, "checkins.Acknowledgement.reply", self.pk) if self.reply_sealed else ""
