from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from heartwork.bonds.selectors import bond_for_member
from heartwork.checkins import selectors, services
from heartwork.checkins.charts import CORE_COLOURS, weekly_chart
from heartwork.checkins.forms import AcknowledgementForm, CheckInForm
from heartwork.core.errors import ApplicationError
from heartwork.domain.checkins import (
    INTENSITY_LABELS,
    acknowledgement_phrases,
    granularity_last_days,
    month_grid,
    weekly_core_counts,
)
from heartwork.domain.feelings import feelings_wheel


def _wheel_tree():
    wheel = feelings_wheel()
    return [
        (wheel.get(core), [(middle, wheel.children(middle.word)) for middle in wheel.children(core)])
        for core in wheel.cores
    ]


@login_required
@require_http_methods(["GET", "POST"])
def checkin_new(request: HttpRequest) -> HttpResponse:
    bonds = selectors.shareable_bonds(request.user)
    form = CheckInForm(request.POST or None, bonds=bonds, initial={"share_with": request.GET.get("share", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        share = next((b for b in bonds if str(b.pk) == data["share_with"]), None)
        try:
            services.checkin_record(
                person=request.user, feelings=data["chosen"], intensity=data["intensity"], note=data["note"],
                feel=data["feel"], when=data["when"], because=data["because"], share_with=share,
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Checked in. Shared with {share.name}." if share else "Checked in. This one is just for you.")
            return redirect("checkins:history")
    chosen = set(form["feelings"].value() or [])
    return render(
        request, "checkins/new.html",
        {"form": form, "tree": _wheel_tree(), "chosen": chosen, "words": list(feelings_wheel().feelings)},
        status=400 if form.errors else 200,
    )


def _month(request: HttpRequest, today: datetime.date) -> datetime.date:
    """The month asked for in ?month=YYYY-MM, kept between a century ago and this month
    (a far-off year would overflow the date arithmetic, the future holds nothing)."""
    this_month = today.replace(day=1)
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        asked = datetime.date(year, month, 1)
    except ValueError:
        return this_month
    return max(this_month.replace(year=this_month.year - 100), min(asked, this_month))


@login_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    wheel = feelings_wheel()
    today = selectors.local_today(request.user)
    month = _month(request, today)
    since = min(month, today - datetime.timedelta(weeks=8))
    recent = list(selectors.own_checkins(request.user, since=since).select_related("shared_with").prefetch_related("acknowledgements__person"))
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
        "legend": [(core, CORE_COLOURS[core]) for core in wheel.cores],
        "grid": month_grid(month.year, month.month, facts),
        "month": month,
        "previous": previous,
        "following": following if following <= today.replace(day=1) else None,
        "intensity_labels": INTENSITY_LABELS,
        "phrases": acknowledgement_phrases(),
    }
    return render(request, "checkins/history.html", context)


@login_required
@require_POST
def checkin_unshare(request: HttpRequest, checkin_id) -> HttpResponse:
    checkin = selectors.own_checkin(request.user, checkin_id)
    services.checkin_unshare(person=request.user, checkin=checkin)
    messages.success(request, "That check-in is private again.")
    return redirect("checkins:history")


@login_required
@require_POST
def checkin_delete(request: HttpRequest, checkin_id) -> HttpResponse:
    checkin = selectors.own_checkin(request.user, checkin_id)
    services.checkin_delete(person=request.user, checkin=checkin)
    messages.success(request, "Deleted.")
    return redirect("checkins:history")


@login_required
@require_GET
def bond_checkins(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    shared = list(selectors.shared_in_bond(request.user, bond).order_by("-created_at")[:50])
    return render(
        request, "checkins/bond.html",
        {"bond": bond, "shared": shared, "form": AcknowledgementForm(), "phrases": acknowledgement_phrases(), "intensity_labels": INTENSITY_LABELS},
    )


@login_required
@require_POST
def acknowledge(request: HttpRequest, bond_id, checkin_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    checkin = selectors.shared_checkin_for_other(request.user, bond, checkin_id)
    form = AcknowledgementForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or "Choose one of the phrases, or write up to 500 characters.")
        return redirect("checkins:bond", bond_id=bond.pk)
    try:
        services.acknowledge(person=request.user, checkin=checkin, phrase=form.cleaned_data["phrase"], reply=form.cleaned_data["reply"])
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Sent to {checkin.person.display_name}.")
    return redirect("checkins:bond", bond_id=bond.pk)
