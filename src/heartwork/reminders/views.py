from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from heartwork.accounts.models import Person
from heartwork.core.actions import act
from heartwork.core.errors import ApplicationError
from heartwork.domain.schedule import Cadence
from heartwork.reminders import push, services
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
                    "enabled": preference.enabled,
                    "local_time": preference.local_time,
                    "weekday": preference.weekday,
                    "by_email": preference.by_email,
                },
            ),
            CADENCE[ReminderKind(preference.kind)] is Cadence.WEEKLY,
        )
        for preference in preferences
    ]
    if request.method == "POST":
        if all(form.is_valid() for _, form, _ in forms):
            for preference, form, _ in forms:
                services.preference_save(
                    person=request.user, kind=preference.kind, **form.cleaned_data
                )
            messages.success(request, "Saved. You can change or turn these off at any time.")
            return redirect("reminders:settings")
        return render(request, "reminders/settings.html", _page(request, forms), status=400)
    return render(request, "reminders/settings.html", _page(request, forms))


def _page(request: HttpRequest, forms) -> dict:
    return {
        "forms": forms,
        "devices": push.devices_for(request.user),
        "show_what_for": push.show_what_for(request.user),
        "push_key": push.application_server_key(),
        "neutral": push.NEUTRAL,
    }


def _apply(person: Person, kind: str, action: str) -> str:
    """Snooze or turn off, and say what happened in a sentence."""
    kind_label = ReminderKind(kind).label
    if action == "snooze":
        until = services.reminder_snooze(person=person, kind=kind)
        return f"Snoozed. {kind_label} reminders pick up again after {until:%-d %B}."
    if action == "off":
        services.reminder_turn_off(person=person, kind=kind)
        return f"{kind_label} reminders are off. You can turn them back on in Settings."
    services.reminder_turn_off(person=person)
    return "All reminders are off. You can turn them back on in Settings."


# The signed token in the path is the whole authority here (no session is used), so a
# CSRF token adds nothing, and mail apps' one-click unsubscribe (RFC 8058) posts without one.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def link(request: HttpRequest, token: str) -> HttpResponse:
    """A link from a reminder e-mail: works without logging in; acts only on POST.

    Opening the link (GET) asks first, because mail scanners open links on their own;
    the mail app's Unsubscribe button and the page's button post, and act at once.
    """
    claim = read_token(token)
    person = Person.objects.filter(pk=claim.person_id, is_active=True).first() if claim else None
    if claim is None or person is None or claim.kind not in ReminderKind.values:
        return render(request, "reminders/link_invalid.html", status=400)
    if request.method == "POST":
        return render(
            request, "reminders/link_done.html", {"done": _apply(person, claim.kind, claim.action)}
        )
    return render(
        request,
        "reminders/link_confirm.html",
        {"claim": claim, "kind_label": ReminderKind(claim.kind).label},
    )


@login_required
@require_POST
def delivery_act(request: HttpRequest, delivery_id, action: str) -> HttpResponse:
    """Snooze or turn off a kind of reminder in one tap, from its card on Today."""
    delivery = services.delivery_for(person=request.user, delivery_id=delivery_id)
    messages.success(request, _apply(request.user, delivery.kind, action))
    services.delivery_dismiss(person=request.user, delivery_id=delivery.pk)
    return redirect("today:today")


@login_required
@require_POST
def dismiss(request: HttpRequest, delivery_id) -> HttpResponse:
    services.delivery_dismiss(person=request.user, delivery_id=delivery_id)
    return redirect("today:today")


# --- Notifications on this device (Web Push) --------------------------------------------


def _device_label(user_agent: str) -> str:
    """A plain name for the list of devices, from the browser's own description."""
    agent = user_agent.lower()
    browser = next((name for key, name in BROWSERS if key in agent), "A browser")
    system = next((name for key, name in SYSTEMS if key in agent), "")
    return f"{browser} on {system}" if system else browser


BROWSERS = (("edg/", "Edge"), ("firefox", "Firefox"), ("chrom", "Chrome"), ("safari", "Safari"))
SYSTEMS = (
    ("android", "Android"),
    ("iphone", "iPhone"),
    ("ipad", "iPad"),
    ("mac os", "a Mac"),
    ("windows", "Windows"),
    ("linux", "Linux"),
)


@login_required
@require_POST
def push_subscribe(request: HttpRequest) -> HttpResponse:
    """Called by the page's script with the browser's subscription (JSON). CSRF-checked."""
    try:
        subscription = json.loads(request.body or b"{}")
        endpoint = str(subscription["endpoint"])
        keys = subscription["keys"]
        p256dh, auth = str(keys["p256dh"]), str(keys["auth"])
    except (ValueError, KeyError, TypeError):
        return JsonResponse(
            {"error": "That wasn't a subscription heartwork understands."}, status=400
        )
    label = _device_label(request.headers.get("User-Agent", ""))
    try:
        push.device_add(
            person=request.user, endpoint=endpoint, p256dh=p256dh, auth=auth, label=label
        )
    except ApplicationError as error:
        return JsonResponse({"error": str(error)}, status=400)
    messages.success(request, "Reminders will come to this device as notifications too.")
    return JsonResponse({"ok": True})


@login_required
@require_POST
def push_remove(request: HttpRequest, device_id) -> HttpResponse:
    return act(
        request,
        lambda: push.device_remove(person=request.user, device_id=device_id),
        done="That device won't get notifications any more.",
        to="reminders:settings",
    )


@login_required
@require_POST
def push_choice(request: HttpRequest) -> HttpResponse:
    show = request.POST.get("show_what_for") == "on"
    push.choice_save(person=request.user, show=show)
    messages.success(
        request,
        "Notifications will say what they are for."
        if show
        else "Notifications will only say: A moment for you in heartwork.",
    )
    return redirect("reminders:settings")
