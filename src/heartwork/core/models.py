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
