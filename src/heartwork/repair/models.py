"""A repair after a breach of trust, its commitments and the weekly ratings of them.

What people write is sealed with its author's key: the accountability, the apology and
the commitments by the person responsible, the hurt person's words with their decision,
and each person's notes on their ratings. Stages, dates and ratings are in the clear.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from heartwork.bonds.models import Bond
from heartwork.core.models import BaseModel
from heartwork.core.sealed import SealedText
from heartwork.domain.repair import FINAL, Stage

PERSON = settings.AUTH_USER_MODEL
TEXT_MAX = 4000
COMMITMENT_MAX = 300
COMMITMENTS_MAX = 8


class Repair(BaseModel):
    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="repairs")
    hurt = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    responsible = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    opened_by = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(
        max_length=12, choices=[(s.value, s.value) for s in Stage], default=Stage.DRAFTING
    )
    accountability_sealed = models.TextField(blank=True)
    accountability = SealedText(author="responsible_id")
    apology_sealed = models.TextField(blank=True)
    apology = SealedText(author="responsible_id")
    times_sent = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)  # never shown to the person responsible
    decided_at = models.DateTimeField(null=True, blank=True)
    cooling_until = models.DateTimeField(null=True, blank=True)
    # The hurt person's own words with a decision, if they want to say anything.
    hurt_note_sealed = models.TextField(blank=True)
    hurt_note = SealedText(author="hurt_id")
    restart_by_hurt = models.BooleanField(default=False)
    restart_by_responsible = models.BooleanField(default=False)
    ladder_restarted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        PERSON, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            # One open repair at a time in a bond.
            models.UniqueConstraint(
                fields=["bond"],
                condition=~Q(stage__in=sorted(s.value for s in FINAL)),
                name="one_open_repair_per_bond",
            ),
        ]

    def __str__(self) -> str:
        return f"repair {self.id}"

    @property
    def stage_enum(self) -> Stage:
        return Stage(self.stage)

    @property
    def is_open(self) -> bool:
        return self.stage_enum not in FINAL


class Commitment(BaseModel):
    """A concrete change of behaviour, and how the other person will be able to see it."""

    repair = models.ForeignKey(Repair, on_delete=models.CASCADE, related_name="commitments")
    author = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    change_sealed = models.TextField()
    change = SealedText(author="author_id")
    evidence_sealed = models.TextField(blank=True)
    evidence = SealedText(author="author_id")

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self) -> str:
        return f"commitment {self.id}"


class Rating(BaseModel):
    """One person's private view of how one commitment went in one week."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="ratings")
    person = models.ForeignKey(PERSON, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()  # the Monday
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note_sealed = models.TextField(blank=True)
    note = SealedText(author="person_id")

    class Meta:
        ordering = ["week"]
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "person", "week"], name="one_rating_per_week"
            )
        ]

    def __str__(self) -> str:
        return f"rating {self.id}"
