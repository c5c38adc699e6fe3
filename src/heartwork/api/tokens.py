"""The API's view of a person's own access tokens: list and revoke (made in Settings,
where the token is shown once)."""

from __future__ import annotations

import datetime
import uuid

from django.http import HttpRequest
from ninja import Router, Schema, Status

from heartwork.api import selectors, services
from heartwork.api.common import responses
from heartwork.domain.api_tokens import Scope

router = Router(tags=["tokens"])


class TokenOut(Schema):
    id: uuid.UUID
    name: str
    scope: Scope
    created_at: datetime.datetime
    last_used_at: datetime.datetime | None


@router.get("", response=responses(list[TokenOut]), summary="My live access tokens")
def token_list(request: HttpRequest):
    return list(selectors.tokens_for(request.user))


@router.delete("/{uuid:token_id}", response=responses(None, 204), summary="Revoke a token")
def token_revoke(request: HttpRequest, token_id: uuid.UUID):
    token = selectors.token_for_owner(request.user, token_id)
    services.token_revoke(person=request.user, token=token)
    return Status(204, None)
