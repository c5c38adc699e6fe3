"""What every part of the JSON API shares: the error shape, cursor pagination, the
status codes each operation documents, and the neutral help link for a writer.

Each practice's ``api.py`` imports from here and nowhere else in ``heartwork.api``, so
the arrows keep pointing one way (practice API → this module, services and selectors).
"""

from __future__ import annotations

import base64
import datetime
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, TypeVar

from django.db.models import Q, QuerySet
from django.urls import reverse
from ninja import Schema
from pydantic import Field

from heartwork.domain.safety import screen

T = TypeVar("T")


class FieldError(Schema):
    field: str = Field(description="Where the problem is: a body field, a query or path name.")
    message: str = Field(description="Why it was refused, in words safe to show.")


class Error(Schema):
    """The one shape of every error the API returns."""

    code: str = Field(
        description="Stable and machine-readable: invalid, unauthenticated, forbidden, "
        "not_found, refused, rate_limited, method_not_allowed."
    )
    message: str = Field(description="Safe to show to the person.")
    fields: list[FieldError] = Field(
        default_factory=list, description="For code=invalid: each field and why."
    )


# The error statuses every operation documents (the OpenAPI document lists each, so a
# client and schemathesis both know every answer an operation can give).
ERROR_STATUSES = frozenset({401, 403, 404, 409, 422, 429})


def responses(ok: Any, status: int = 200) -> dict[Any, Any]:
    """The ``response=`` of an operation: its success schema and the one error shape."""
    return {status: ok, ERROR_STATUSES: Error}


class Page(Schema, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as ?cursor= for the next page; null on the last page."
    )


PAGE_LIMIT_DEFAULT = 20
PAGE_LIMIT_MAX = 100


class PageQuery(Schema):
    cursor: str | None = Field(default=None, max_length=200, description="From next_cursor.")
    limit: int = Field(default=PAGE_LIMIT_DEFAULT, ge=1, le=PAGE_LIMIT_MAX)


class BadCursor(ValueError):
    pass


def _encode(created_at: datetime.datetime, pk: uuid.UUID) -> str:
    raw = f"{created_at.isoformat()}|{pk.hex}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[datetime.datetime, uuid.UUID]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        stamp, hex_id = raw.split("|")
        at = datetime.datetime.fromisoformat(stamp)
        if at.tzinfo is None:
            raise ValueError
        return at, uuid.UUID(hex=hex_id)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadCursor("This cursor is not one the API gave out.") from error


def paginate(
    items: QuerySet[Any] | Sequence[Any],
    *,
    cursor: str | None,
    limit: int,
    out: Callable[[Any], Any] = lambda x: x,
) -> dict[str, Any]:
    """Newest first, keyed on (created_at, id): a page never repeats or skips an item when
    new ones arrive meanwhile. Works on a queryset (in SQL) and on a selector's list."""
    after = _decode(cursor) if cursor else None
    if isinstance(items, QuerySet):
        rows = items.order_by("-created_at", "-id")
        if after:
            at, pk = after
            rows = rows.filter(Q(created_at__lt=at) | Q(created_at=at, id__lt=pk))
        chosen = list(rows[: limit + 1])
    else:
        ordered: Iterable[Any] = sorted(items, key=lambda x: (x.created_at, x.pk.hex), reverse=True)
        if after:
            at, pk = after
            ordered = [x for x in ordered if (x.created_at, x.pk.hex) < (at, pk.hex)]
        chosen = list(ordered)[: limit + 1]
    more = len(chosen) > limit
    chosen = chosen[:limit]
    last = chosen[-1] if chosen else None
    return {
        "items": [out(x) for x in chosen],
        "next_cursor": _encode(last.created_at, last.pk) if more and last is not None else None,
    }


def help_link(*texts: str) -> str | None:
    """For the writer alone: a neutral link to help when what they wrote sounds like danger.

    The API's answer to route_if_concerning (heartwork.safety.routing). Nothing is stored or
    logged, and the link names no kind: it is the Help page every page links to.
    """
    if any(screen(text or "") for text in texts):
        return reverse("help:help")
    return None


def safety_help(afraid: bool) -> str | None:
    """For the one who answered alone: answers that point to fear of the other person (a
    check-up, a reflection) lead to the safety section of Help, as the page does
    (heartwork.safety.routing.route_if_afraid). Nothing is stored or logged."""
    return reverse("help:safety") if afraid else None


HELP_FIELD = Field(
    default=None,
    description="Only for the writer, only when what they wrote may mean they need help: "
    "a link to the Help page. Null otherwise.",
)


def clean_with(form_class: type, data: dict[str, Any], **form_kwargs: Any) -> dict[str, Any]:
    """Check input with the same Django form the page uses (one rule, two doors): its
    cleaned data, or a ValidationError naming each field, which the API turns into 422."""
    from django.core.exceptions import ValidationError

    form = form_class(data, **form_kwargs)
    if not form.is_valid():
        raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
    return dict(form.cleaned_data)
