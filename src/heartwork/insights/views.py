"""The insights page of a bond, and the "keep your circle warm" choices. Every view resolves
the bond through ``bond_for_member``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from heartwork.bonds.selectors import bond_for_member
from heartwork.core.actions import act
from heartwork.domain import insights as rules
from heartwork.domain.feelings import feelings_wheel
from heartwork.domain.insights import CADENCE_LABELS
from heartwork.insights import selectors, services
from heartwork.insights.selectors import DEPTHS


@login_required
@require_GET
def bond_insights(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    today = timezone.localdate()
    found = selectors.bond_insights(request.user, bond, today=today)
    cadence, resting = selectors.circle_setting(request.user, bond)
    wheel = feelings_wheel()
    context = {
        "bond": bond,
        "i": found,
        "other_name": found.other_name,
        "weeks_shown": rules.WEEKS_SHOWN,
        "min_points": rules.MIN_POINTS,
        "checkups_shown": selectors.CHECKUPS_SHOWN,
        "cores": [(core, wheel.get(core)) for core in found.feeling_cores],
        "depths": DEPTHS,
        "kind_labels": rules.KIND_LABELS,
        "min_history_days": rules.MIN_HISTORY_DAYS,
        "cadence": cadence,
        "resting": resting if resting and resting > today else None,
        "cadences": list(CADENCE_LABELS.items()),
    }
    return render(request, "insights/bond.html", context)


@login_required
@require_GET
def circle(request: HttpRequest) -> HttpResponse:
    """Keep your circle warm: each of my bonds, when we last connected, my cadence for it."""
    rows = selectors.circle_list(request.user, today=timezone.localdate())
    return render(
        request,
        "insights/circle.html",
        {"rows": rows, "cadence_labels": CADENCE_LABELS, "today": timezone.localdate()},
    )


@login_required
@require_POST
def circle_cadence(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    return act(
        request,
        lambda: services.circle_cadence_set(
            person=request.user, bond=bond, cadence=request.POST.get("cadence", "")
        ),
        done=lambda s: (
            "Saved. Today won't suggest anything for this bond."
            if s.cadence == 0
            else f"Saved. {CADENCE_LABELS[s.cadence]}, Today may offer one small idea."
        ),
        to="insights:bond",
        bond_id=bond.pk,
    )


@login_required
@require_POST
def circle_rest(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    return act(
        request,
        lambda: services.circle_rest(person=request.user, bond=bond, today=timezone.localdate()),
        done="Okay. No more ideas about this one for a while.",
        to="today:today",
    )
