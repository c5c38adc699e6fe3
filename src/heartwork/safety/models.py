"""The result of a person's private safety check about one bond. Only they ever see it.

Only the result is kept (whether it was concerning, and which kinds of concern), never
the answers themselves.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from heartwork.bonds.models import Bond
from heartwork.core.models import BaseModel


class SafetyCheck(BaseModel):
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    bond = models.ForeignKey(Bond, on_delete=models.CASCADE, related_name="+")
    concerning = models.BooleanField()
    kinds = models.JSONField(default=list)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "bond", "created_at"])]

    def __str__(self) -> str:
        return f"safety check {self.id}"
