"""Personal access tokens: only a hash of each is kept, with its name, scope and use."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from heartwork.core.models import BaseModel
from heartwork.domain.api_tokens import NAME_MAX, Scope


class AccessTokenQuerySet(models.QuerySet):
    def live(self) -> AccessTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class AccessToken(BaseModel):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_tokens"
    )
    name = models.CharField(max_length=NAME_MAX)
    scope = models.CharField(
        max_length=8, choices=[(s.value, s.label) for s in Scope], default=Scope.READ
    )
    token_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"access token {self.id}"

    @property
    def scope_enum(self) -> Scope:
        return Scope(self.scope)
