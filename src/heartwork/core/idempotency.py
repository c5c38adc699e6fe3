"""Forms that create things, posted twice, create one thing.

A create form carries a fresh random key (``{% submission_key %}``). The view wraps its
service call in ``submitted_once(request)``: the key is claimed in the same transaction
as the write, so a failed write frees the key again, and a second post of the same form
(a double tap, a resend after a slow network) raises ``AlreadySubmitted`` instead.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from heartwork.core.errors import ApplicationError
from heartwork.core.models import Submission

FIELD = "submission"
KEEP_FOR = datetime.timedelta(days=2)


class AlreadySubmitted(ApplicationError):
    gentle = True

    def __init__(self) -> None:
        super().__init__("That was already saved: it went through the first time.")


def _key(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


@contextmanager
def submitted_once(request: HttpRequest) -> Iterator[None]:
    key = _key(request)
    with transaction.atomic():
        if key is not None:
            try:
                with transaction.atomic():
                    Submission.objects.create(person=request.user, key=key)
            except IntegrityError:
                raise AlreadySubmitted() from None
            Submission.objects.filter(
                person=request.user, created_at__lt=timezone.now() - KEEP_FOR
            ).delete()
        yield
