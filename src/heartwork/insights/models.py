"""Insights keep almost nothing of their own: they read what the practices stored. The one
thing kept is each person's choice about "keep your circle warm" for each of their bonds."""

from __future__ import annotations

from django.db import models

from heartwork.bonds.models import Membership
from heartwork.core.models import BaseModel


class CircleSetting(BaseModel):
    """How long a bond may be quiet before Today offers one idea for it, and "not now"."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="+")
    cadence = models.PositiveSmallIntegerField()  # days; 0 is off (heartwork.domain.insights)
    resting_until = models.DateField(null=True, blank=True)  # "not now" until this day

    def __str__(self) -> str:
        return f"circle setting {self.id}"
