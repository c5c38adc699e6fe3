"""Routing a person who may be in danger to help, quietly.

After someone saves what they wrote, the safety screen (heartwork.domain.safety) reads
it. If it suggests danger, violence, threats, coercive control or thoughts of self-harm,
the writer, and only the writer, is taken to a page of help that fits, instead of the
usual next page. Nothing about it is stored: the kinds ride in the writer's own session
for one page view and are gone. The other member is never told, and nothing they can
see changes.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from heartwork.domain.help import help_directory
from heartwork.domain.safety import screen

SESSION_KEY = "heartwork_for_you"


def route_if_concerning(request: HttpRequest, *texts: str) -> HttpResponse | None:
    kinds: list[str] = []
    for text in texts:
        for kind in screen(text or ""):
            if kind not in kinds:
                kinds.append(kind)
    if not kinds:
        return None
    request.session[SESSION_KEY] = kinds
    return redirect("safety:for_you")


def take_route(request: HttpRequest) -> list[str]:
    """The kinds for this one page view (popped: a reload shows the general page)."""
    kinds = request.session.pop(SESSION_KEY, [])
    return [k for k in kinds if isinstance(k, str)]


# Feelings that, named strongly, deserve a quiet line about help (not a redirect).
HEAVY_FEELINGS = frozenset({"hopeless", "numb", "empty", "unworthy"})
HEAVY_FROM = 4  # intensity, of 5


def heavy_feelings_line(person, feelings, intensity: int) -> str | None:
    """A gentle line with the crisis number for the person's likely country, after a
    check-in naming hopelessness, numbness or worthlessness strongly."""
    if intensity < HEAVY_FROM or not HEAVY_FEELINGS & set(feelings):
        return None
    country = help_directory().likely_country(getattr(person, "time_zone", ""))
    line = country.first_crisis_line() if country else None
    opening = "That sounds like a lot to carry. If it ever feels like too much,"
    if line is None:
        return f"{opening} the Help page has people to talk to, any time."
    return f"{opening} {line.name} is there: {line.first_contact_text()}."


def route_if_afraid(request: HttpRequest, afraid: bool) -> HttpResponse | None:
    """The seam for answers (a check-up, a reflection) that point to fear of the other
    person or to control: the person who answered, and only they, is taken to the safety
    section of Help. Nothing is stored and nothing changes for the other member."""
    if not afraid:
        return None
    messages.info(
        request,
        "Thank you for answering honestly. Feeling on edge around someone close deserves "
        "care. This page has people you can talk to, privately.",
    )
    return redirect("help:safety")
