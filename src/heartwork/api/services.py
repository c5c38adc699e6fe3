"""Making and revoking personal access tokens."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.api.models import AccessToken
from heartwork.core.errors import ApplicationError
from heartwork.domain.api_tokens import NAME_MAX, Scope, hash_token, new_token

log = logging.getLogger("heartwork.api")

TOKENS_MAX = 20  # live tokens per person: enough for every device, few enough to review
# last_used_at is written at most this often, so a busy client does not write on every call.
LAST_USED_EVERY = datetime.timedelta(minutes=1)


class TokenError(ApplicationError):
    pass


@dataclass(frozen=True)
class IssuedToken:
    record: AccessToken
    token: str  # shown once, to the person who made it; only its hash is stored


@transaction.atomic
def token_create(*, person: Person, name: str, scope: Scope) -> IssuedToken:
    name = " ".join(name.split())
    if not name:
        raise TokenError("Give the token a name, so you know later where it is used.")
    if len(name) > NAME_MAX:
        raise TokenError(f"Keep the name to {NAME_MAX} characters.")
    if AccessToken.objects.live().filter(person=person).count() >= TOKENS_MAX:
        raise TokenError(f"You have {TOKENS_MAX} tokens already. Revoke one you no longer use.")
    token = new_token()
    record = AccessToken(person=person, name=name, scope=Scope(scope), token_hash=hash_token(token))
    record.full_clean()
    record.save()
    log.info("access token created person=%s token=%s scope=%s", person.pk, record.pk, scope)
    return IssuedToken(record=record, token=token)


@transaction.atomic
def token_revoke(*, person: Person, token: AccessToken) -> None:
    if token.person_id != person.pk:  # selectors scope it already; never trust one caller
        raise TokenError("That token is not yours.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        log.info("access token revoked person=%s token=%s", person.pk, token.pk)


def token_touch(*, token: AccessToken, now: datetime.datetime | None = None) -> None:
    """Keep the last-used time, to the minute (a conditional UPDATE: no race, few writes)."""
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
