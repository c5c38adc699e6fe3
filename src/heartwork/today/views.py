import importlib

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from heartwork.bonds.selectors import bond_summaries_for_person


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today:today")
    return render(request, "today/home.html")


# Apps that add a section to the Today page. Each has ``<app>/today.py`` with
# ``today_context(person)`` (None when there is nothing to show) and a template
# ``<app>/_today.html`` that renders it as ``section``.
TODAY_SECTIONS = ("reminders", "checkins", "appreciation", "together")


def today_sections(person) -> list[tuple[str, object]]:
    sections = []
    for app in TODAY_SECTIONS:
        context = importlib.import_module(f"heartwork.{app}.today").today_context(person)
        if context:
            sections.append((f"{app}/_today.html", context))
    return sections


@login_required
def today(request: HttpRequest) -> HttpResponse:
    summaries = bond_summaries_for_person(request.user)
    return render(request, "today/today.html", {"summaries": summaries, "sections": today_sections(request.user)})
