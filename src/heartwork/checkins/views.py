from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from heartwork.bonds.selectors import bond_for_member, name_bonds
from heartwork.checkins import selectors, services
from heartwork.checkins.forms import AcknowledgementForm, CheckInForm
from heartwork.checkins.models import NOTE_MAX
from heartwork.core.actions import act
from heartwork.core.errors import ApplicationError
from heartwork.core.idempotency import AlreadySubmitted, submitted_once
from heartwork.domain.checkins import (
    INTENSITY_LABELS,
    acknowledgement_phrases,
    granularity_last_days,
    month_grid,
    weekly_chart,
    weekly_core_counts,
)
from heartwork.domain.feelings import feelings_wheel
from heartwork.domain.language import suggest_feelings
from heartwork.domain.safety import screen
from heartwork.safety.routing import heavy_feelings_line, route_if_concerning


def suggestions_for(text: str) -> dict:
    """Feeling words for what happened, to choose from; never chosen for the person. Writing
    that sounds like danger gets a pointer to help instead. Nothing of the text is kept."""
    text = text[:NOTE_MAX]
    if not text.strip():
        return {"asked": False, "suggestions": []}
    if screen(text):
        return {"asked": True, "unsafe": True, "suggestions": []}
    return {"asked": True, "unsafe": False, "suggestions": suggest_feelings(text, k=5)}


@login_required
@require_POST
def suggest(request: HttpRequest) -> HttpResponse:
    """Suggestions for the "What happened?" box, as the person types (htmx)."""
    context = suggestions_for(request.POST.get("note", ""))
    return render(request, "checkins/_feeling-suggestions.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def checkin_new(request: HttpRequest) -> HttpResponse:
    bonds = selectors.shareable_bonds(request.user)
    if request.method == "POST" and "suggest" in request.POST:
        # "Suggest feelings" without JavaScript: the same page, nothing saved, what was
        # typed and ticked kept in the form, the suggestions beside the note.
        return _checkin_page(request, bonds, suggestions_for(request.POST.get("note", "")))
    form = CheckInForm(
        request.POST or None, bonds=bonds, initial={"share_with": request.GET.get("share", "")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        share = next((b for b in bonds if str(b.pk) == data["share_with"]), None)
        try:
            with submitted_once(request):
                services.checkin_record(
                    person=request.user,
                    feelings=data["chosen"],
                    intensity=data["intensity"],
                    note=data["note"],
                    feel=data["feel"],
                    when=data["when"],
                    because=data["because"],
                    share_with=share,
                )
        except AlreadySubmitted as already:
            messages.info(request, already.message)
            return redirect("checkins:history")
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                f"Checked in. Shared with {share.name}."
                if share
                else "Checked in. This one is just for you.",
            )
            if line := heavy_feelings_line(request.user, data["chosen"], data["intensity"]):
                messages.info(request, line)
            written = (data["note"], data["feel"], data["when"], data["because"])
            return route_if_concerning(request, *written) or redirect("checkins:history")
    return _checkin_page(request, bonds, {}, form=form)


def _checkin_page(request, bonds, suggested: dict, *, form=None) -> HttpResponse:
    if form is None:  # redisplaying what was typed, without judging it yet
        fields = ("typed", "intensity", "note", "feel", "when", "because", "share_with")
        initial = {name: request.POST.get(name, "") for name in fields}
        initial["feelings"] = request.POST.getlist("feelings")
        form = CheckInForm(None, bonds=bonds, initial=initial)
        chosen = set(initial["feelings"])
    else:
        chosen = set(form["feelings"].value() or [])
    return render(
        request,
        "checkins/new.html",
        {
            "form": form,
            "tree": feelings_wheel().tree(),
            "chosen": chosen,
            "opened": feelings_wheel().opened_by(chosen),
            "suggested": suggested,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _month(request: HttpRequest, today: datetime.date) -> datetime.date:
    """The month asked for in ?month=YYYY-MM, kept between a century ago and this month
    (a far-off year would overflow the date arithmetic, the future holds nothing)."""
    this_month = today.replace(day=1)
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        asked = datetime.date(year, month, 1)
    except (ValueError, OverflowError):  # not a month, or a year too large for a date
        return this_month
    return max(this_month.replace(year=this_month.year - 100), min(asked, this_month))


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    wheel = feelings_wheel()
    today = timezone.localdate()
    month = _month(request, today)
    since = min(month, today - datetime.timedelta(weeks=8))
    recent = list(
        selectors.own_checkins(request.user, since=since)
        .select_related("shared_with")
        .prefetch_related("acknowledgements__person")
    )
    name_bonds(request.user, [c.shared_with for c in recent if c.shared_with is not None])
    facts = selectors.facts(recent)
    previous = (month - datetime.timedelta(days=1)).replace(day=1)
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    this_month = month == today.replace(day=1)
    if this_month:
        listed = [c for c in recent if c.day >= today - datetime.timedelta(days=60)]
    else:  # an earlier month: the check-ins of that month, to go with its calendar
        listed = [c for c in recent if (c.day.year, c.day.month) == (month.year, month.month)]
    context = {
        "checkins": listed,
        "list_heading": "Recent check-ins" if this_month else f"Check-ins in {month:%B %Y}",
        "granularity": granularity_last_days(facts, wheel, today),
        "chart": weekly_chart(weekly_core_counts(facts, wheel, today)),
        "legend": list(wheel.cores),  # each drawn in its colour token (base.css, dark.css)
        "grid": month_grid(month.year, month.month, facts),
        "month": month,
        "previous": previous,
        "following": following if following <= today.replace(day=1) else None,
        "intensity_labels": INTENSITY_LABELS,
        "phrases": acknowledgement_phrases(),
    }
    return render(request, "checkins/history.html", context)


# What a person can do to one of their own check-ins (the URL names which).
OWN_CHECKIN_ACTIONS = {
    "unshare": (services.checkin_unshare, "That check-in is private again."),
    "delete": (services.checkin_delete, "Deleted."),
}


# Actions that ask first: a GET of their URL shows what will happen and a button to go on.
ASKS_FIRST = {"delete": "checkins/delete.html"}


@login_required
@require_http_methods(["GET", "POST"])
def own_checkin_action(request: HttpRequest, checkin_id, action: str) -> HttpResponse:
    service, done = OWN_CHECKIN_ACTIONS[action]
    if request.method == "GET" and action not in ASKS_FIRST:
        return HttpResponseNotAllowed(["POST"])
    checkin = selectors.own_checkin(request.user, checkin_id)
    if request.method == "GET":
        if checkin.shared_with is not None:
            name_bonds(request.user, [checkin.shared_with])
        return render(
            request,
            ASKS_FIRST[action],
            {
                "checkin": checkin,
                "intensity_labels": INTENSITY_LABELS,
                "phrases": acknowledgement_phrases(),
            },
        )
    return act(
        request,
        lambda: service(person=request.user, checkin=checkin),
        done=done,
        to="checkins:history",
    )


@login_required
@require_GET
def bond_checkins(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    shared = list(selectors.shared_in_bond(request.user, bond).order_by("-created_at")[:50])
    return render(
        request,
        "checkins/bond.html",
        {
            "bond": bond,
            "shared": shared,
            "form": AcknowledgementForm(),
            "phrases": acknowledgement_phrases(),
            "intensity_labels": INTENSITY_LABELS,
        },
    )


@login_required
@require_POST
def acknowledge(request: HttpRequest, bond_id, checkin_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    checkin = selectors.shared_checkin_for_other(request.user, bond, checkin_id)
    form = AcknowledgementForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            " ".join(form.non_field_errors())
            or "Choose one of the phrases, or write up to 500 characters.",
        )
        return redirect("checkins:bond", bond_id=bond.pk)
    try:
        services.acknowledge(
            person=request.user,
            checkin=checkin,
            phrase=form.cleaned_data["phrase"],
            reply=form.cleaned_data["reply"],
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Sent to {checkin.person.display_name}.")
        return route_if_concerning(request, form.cleaned_data["reply"]) or redirect(
            "checkins:bond", bond_id=bond.pk
        )
    return redirect("checkins:bond", bond_id=bond.pk)
