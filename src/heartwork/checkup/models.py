"""The check-up: rounds in which each member of a bond answers privately.

A round opens when the first member takes the check-up and is complete once both have
(the reveal rule, heartwork.domain.reveal). Item-level answers are sealed with their
author's key and never leave the author unless they share an item; the per-dimension
scores and the circles picture are kept in the clear so that charts over time need no
key, and are shown to the other member only from a complete round.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from heartwork.bonds.models import Bond
from heartwork.core.models import BaseModel
from heartwork.core.sealed import SealedJSON

PERSON = settings.AUTH_USER_MODEL


class CheckupRound(BaseModel):
    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="checkup_rounds")
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["bond", "completed_at"])]

    def __str__(self) -> str:
        return f"check-up round {self.id}"


class CheckupEntry(BaseModel):
    """One person's check-up in one round."""

    round = models.ForeignKey(CheckupRound, on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    written_alone = models.BooleanField(default=False)  # taken before anyone else had joined
    version = models.PositiveSmallIntegerField()  # of the item bank (content/checkup.json)
    asked = models.JSONField(default=list, blank=True)  # the item ids this person was asked
    # {item id: [now, would like]}, each 1–5 or null when skipped.
    answers_sealed = models.TextField(blank=True)
    answers = SealedJSON(author="person_id")
    closeness_now = models.PositiveSmallIntegerField(null=True, blank=True)
    closeness_wished = models.PositiveSmallIntegerField(null=True, blank=True)
    scores = models.JSONField(
        default=dict, blank=True
    )  # {dimension: {"now": 0–100|null, "wished": …}}
    shared_items = models.JSONField(default=list, blank=True)  # item ids the author chose to show
    taken_at = models.DateTimeField()

    class Meta:
        ordering = ["-taken_at"]
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="checkup_one_entry_each")
        ]

    def __str__(self) -> str:
        return f"check-up entry {self.id}"


class ReflectionEntry(BaseModel):
    """One person's answers to a short self-reflection about a bond. Theirs alone: never
    shown to the other member, in any state."""

    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="reflections")
    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)  # a reflection id in content/reflections.json
    answers_sealed = models.TextField(blank=True)
    answers = SealedJSON(author="person_id")  # {question id: 1–5}
    score = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["bond", "person", "kind", "created_at"])]

    def __str__(self) -> str:
        return f"reflection {self.id}"
