from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from heartwork.accounts.models import Person
from heartwork.domain.schedule import Cadence
from heartwork.reminders import services
from heartwork.reminders.forms import PreferenceForm
from heartwork.reminders.links import read_token
from heartwork.reminders.models import CADENCE, ReminderKind


@login_required
@require_http_methods(["GET", "POST"])
def reminder_settings(request: HttpRequest) -> HttpResponse:
    preferences = services.preferences_for(request.user)
    forms = [
        (
            preference,
            PreferenceForm(
                request.POST or None,
                prefix=preference.kind,
                initial={
                    "enabled": preference.enabled, "local_time": preference.local_time,
                    "weekday": preference.weekday, "by_email": preference.by_email,
                },
            ),
            CADENCE[ReminderKind(preference.kind)] is Cadence.WEEKLY,
        )
        for preference in preferences
    ]
    if request.method == "POST":
        if all(form.is_valid() for _, form, _ in forms):
            for preference, form, _ in forms:
                services.preference_save(person=request.user, kind=preference.kind, **form.cleaned_data)
            messages.success(request, "Saved. You can change or turn these off at any time.")
            return redirect("reminders:settings")
        return render(request, "reminders/settings.html", {"forms": forms}, status=400)
    return render(request, "reminders/settings.html", {"forms": forms})


@require_http_methods(["GET", "POST"])
def link(request: HttpRequest, token: str) -> HttpResponse:
    """A link from a reminder e-mail: works without logging in; acts only on POST."""
    claim = read_token(token)
    person = Person.objects.filter(pk=claim.person_id, is_active=True).first() if claim else None
    if claim is None or person is None or claim.kind not in ReminderKind.values:
        return render(request, "reminders/link_invalid.html", status=400)
    kind_label = ReminderKind(claim.kind).label
    if request.method == "POST":
        if claim.action == "snooze":
            until = services.reminder_snooze(person=person, kind=claim.kind)
            done = f"Snoozed. {kind_label} reminders pick up again after {until:%-d %B}."
        elif claim.action == "off":
            services.reminder_turn_off(person=person, kind=claim.kind)
            done = f"{kind_label} reminders are off."
        else:
            services.reminder_turn_off(person=person)
            done = "All reminders are off."
        return render(request, "reminders/link_done.html", {"done": done})
    return render(request, "reminders/link_confirm.html", {"claim": claim, "kind_label": kind_label})


@login_required
@require_POST
def dismiss(request: HttpRequest, delivery_id) -> HttpResponse:
    services.delivery_dismiss(person=request.user, delivery_id=delivery_id)
    return redirect("today:today")
