"""Reads of personal access tokens, always for their owner."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet
from django.http import Http404

from heartwork.accounts.models import Person
from heartwork.api.models import AccessToken
from heartwork.domain.api_tokens import hash_token, looks_like_token


def tokens_for(person: Person) -> QuerySet[AccessToken]:
    return AccessToken.objects.live().filter(person=person)


def token_for_owner(person: Person, token_id: uuid.UUID | str) -> AccessToken:
    try:
        return tokens_for(person).get(pk=token_id)
    except (AccessToken.DoesNotExist, ValueError, TypeError):
        raise Http404("No such token.") from None


def token_from_secret(secret: str) -> AccessToken | None:
    """The live token this secret belongs to (with its person), or None."""
    if not looks_like_token(secret):
        return None
    return (
        AccessToken.objects.live()
        .select_related("person")
        .filter(token_hash=hash_token(secret), person__is_active=True)
        .first()
    )
