"""Time a bond spends together: planned and logged times, no-phone sessions and the
evening check-in ritual.

What people write is encrypted per author (see heartwork.accounts.keys): the optional
title of a time, each person's reflection, and each person's check-in (high, low and
feeling, sealed together). Kinds, times, lengths, whether phones were away and who
wrote something are stored in the clear.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from heartwork.bonds.models import Bond
from heartwork.core.models import BaseModel
from heartwork.core.sealed import SealedJSON, SealedText
from heartwork.domain.together import (
    MINUTES_MAX,
    MINUTES_MIN,
    ActivityKind,
    duration_label,
    idea_library,
)

KIND_CHOICES = [(k.value, k.label) for k in ActivityKind]


class QualityTime(BaseModel):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    class Source(models.TextChoices):
        LOG = "log", "Logged"
        NO_PHONE = "no-phone", "No-phone session"

    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="quality_times")
    kind = models.CharField(max_length=16, choices=KIND_CHOICES)
    when = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(MINUTES_MIN), MaxValueValidator(MINUTES_MAX)]
    )
    phones_away = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DONE)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.LOG)
    idea_id = models.CharField(max_length=60, blank=True)
    # An optional few words naming the time ("Dinner at Rosa's"), sealed with the key of
    # whoever wrote them last.
    title_sealed = models.TextField(blank=True)
    title_author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = SealedText(author="title_author_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-when"]
        indexes = [models.Index(fields=["bond", "status", "when"])]

    def __str__(self) -> str:
        return f"quality time {self.id}"

    def set_title(self, text: str, author_id) -> None:
        """A title is sealed with the key of whoever wrote it last."""
        self.title_author_id = author_id if text else None
        self.title = text

    @property
    def kind_label(self) -> str:
        return ActivityKind(self.kind).label

    @property
    def idea(self):
        return idea_library().get(self.idea_id) if self.idea_id else None

    @property
    def heading(self) -> str:
        """What to call this time: its own title, else the idea's, else its kind."""
        idea = self.idea
        return self.title or (idea.title if idea else "") or ActivityKind(self.kind).phrase

    @property
    def duration(self) -> str:
        return duration_label(self.minutes)

    @property
    def is_planned(self) -> bool:
        return self.status == self.Status.PLANNED

    @property
    def is_due(self) -> bool:
        """A plan whose time has come: did it happen?"""
        return self.is_planned and self.when <= timezone.now()


class Reflection(BaseModel):
    """One person's few words about a time together. Private unless they share it."""

    quality_time = models.ForeignKey(
        QualityTime, on_delete=models.CASCADE, related_name="reflections"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text_sealed = models.TextField()
    text = SealedText(author="person_id")
    shared = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["quality_time", "person"], name="one_reflection_per_person_per_time"
            )
        ]

    def __str__(self) -> str:
        return f"reflection {self.id}"


class NoPhoneSession(BaseModel):
    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="no_phone_sessions")
    kind = models.CharField(
        max_length=16, choices=KIND_CHOICES, default=ActivityKind.TOGETHER.value
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    joined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    joined_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    auto_closed = models.BooleanField(default=False)
    quality_time = models.OneToOneField(
        QualityTime,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="no_phone_session",
    )

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            # Two people pressing Start at the same moment still get one session.
            models.UniqueConstraint(
                fields=["bond"],
                condition=Q(ended_at__isnull=True),
                name="one_open_no_phone_session_per_bond",
            ),
        ]

    def __str__(self) -> str:
        return f"no-phone session {self.id}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    @property
    def kind_label(self) -> str:
        return ActivityKind(self.kind).label

    @property
    def elapsed_seconds(self) -> int:
        end = self.ended_at or timezone.now()
        return max(0, int((end - self.started_at).total_seconds()))


class Ritual(BaseModel):
    """A bond's evening check-in for one bond day."""

    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="rituals")
    day = models.DateField()

    class Meta:
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["bond", "day"], name="one_ritual_per_bond_per_day")
        ]

    def __str__(self) -> str:
        return f"ritual {self.id}"


class RitualEntry(BaseModel):
    """One person's part of the evening check-in: a high, a low and a feeling, sealed together."""

    ritual = models.ForeignKey(Ritual, on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    payload_sealed = models.TextField()
    payload = SealedJSON(author="person_id")  # the high, the low and the feeling, together
    # Given while its author was alone in the bond: stays theirs until they share it.
    written_alone = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ritual", "person"], name="one_ritual_entry_per_person")
        ]

    def __str__(self) -> str:
        return f"ritual entry {self.id}"

    @property
    def high(self) -> str:
        return self.payload.get("high", "")

    @property
    def low(self) -> str:
        return self.payload.get("low", "")

    @property
    def feeling(self) -> str:
        return self.payload.get("feeling", "")
