"""Shared model base: UUID keys generated in Python, and timestamps."""

import uuid

from django.db import models


class BaseModel(models.Model):
    # UUIDs, not counters, so ids in URLs reveal nothing about how many bonds exist, and
    # are known before the INSERT (field encryption binds ciphertext to the row id).
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class RunnerHeartbeat(models.Model):
    """The last sign of life of a long-running background process (the reminder scheduler
    and task worker), so `heartwork check` can tell when one died without stopping."""

    name = models.CharField(max_length=40, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField()
    stopped_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} on {self.host}"


class Submission(models.Model):
    """A form that creates something, posted once: its key is claimed in the same
    transaction as what it creates, so a double tap or a resent form makes one thing."""

    person = models.ForeignKey("accounts.Person", on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="one_use_per_submission_key")
        ]

    def __str__(self) -> str:
        return f"submission {self.key}"
