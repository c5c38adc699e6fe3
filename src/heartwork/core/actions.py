"""Run an action, tell the person how it went, and go back: the shape of most POST views.

    return act(request, lambda: services.bond_pause(person=request.user, bond=bond),
               done="Paused. Take the time you need.", to="bonds:detail", bond_id=bond.pk)

A business rule that says no (an ``ApplicationError``) becomes an error message and
changes nothing; one marked ``gentle`` (news rather than a mistake) is shown as
information. ``done`` is the success message, or a function of the action's result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from heartwork.core.errors import ApplicationError
from heartwork.core.idempotency import submitted_once


def tell(request: HttpRequest, error: ApplicationError) -> None:
    (messages.info if error.gentle else messages.error)(request, error.message)


def act(
    request: HttpRequest,
    action: Callable[[], Any],
    *,
    done: str | Callable[[Any], str] | None = None,
    to: str,
    once: bool = False,
    instead: Callable[[], HttpResponse | None] | None = None,
    **to_kwargs: Any,
) -> HttpResponse:
    """``once``: the form carries a submission key, and a second post of it changes nothing
    (heartwork.core.idempotency). ``instead``: asked after a success only, it may answer
    with a different page (the safety routing uses it: help for someone in danger)."""
    try:
        if once:
            with submitted_once(request):
                result = action()
        else:
            result = action()
    except ApplicationError as error:
        tell(request, error)
    else:
        if done:
            messages.success(request, done(result) if callable(done) else done)
        if instead is not None and (other := instead()) is not None:
            return other
    return redirect(to, **to_kwargs)
