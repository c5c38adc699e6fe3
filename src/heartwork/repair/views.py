"""Repair pages for one bond. Every view resolves the bond through ``bond_for_member``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from heartwork.bonds.selectors import bond_for_member, other_members
from heartwork.bonds.services import bond_pause
from heartwork.core.actions import act
from heartwork.domain.language.apology import read_apology
from heartwork.domain.repair import RATING_LABELS, Action, Role, Stage
from heartwork.repair import selectors, services
from heartwork.repair.forms import (
    CommitmentForm,
    DecideForm,
    OpenForm,
    TimeForm,
    WriteForm,
    rating_form,
)
from heartwork.safety.routing import route_if_concerning
from heartwork.safety.selectors import repair_is_offered


def _other_name(bond, person) -> str:
    others = other_members(bond, person)
    return others[0].display_name if others else ""


@login_required
@require_GET
def home(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    current = selectors.open_repair(bond)
    context = {
        "bond": bond,
        "current": current,
        "past": [r for r in selectors.repairs_in(bond) if r != current],
        "offered": repair_is_offered(request.user, bond),
        "other_name": _other_name(bond, request.user),
        "form": OpenForm(),
    }
    return render(request, "repair/home.html", context)


@login_required
@require_POST
def start(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    form = OpenForm(request.POST)
    if not form.is_valid():
        return redirect("repair:home", bond_id=bond.pk)
    i_was_hurt = form.cleaned_data["role"] == "hurt"
    response = act(
        request,
        lambda: services.repair_open(person=request.user, bond=bond, i_was_hurt=i_was_hurt),
        to="repair:home",
        bond_id=bond.pk,
    )
    current = selectors.open_repair(bond)
    return redirect("repair:detail", bond_id=bond.pk, repair_id=current.pk) if current else response


def _page(request: HttpRequest, bond, repair, *, forms=None, status=200) -> HttpResponse:
    view = selectors.repair_view(
        request.user, repair, _other_name(bond, request.user), timezone.now()
    )
    forms = forms or {}
    context = {
        "bond": bond,
        "view": view,
        "repair": repair,
        "Action": Action,
        "Stage": Stage,
        "offered": repair_is_offered(request.user, bond),
        "write_form": forms.get("write")
        or WriteForm(initial={"accountability": repair.accountability, "apology": repair.apology}),
        "commitment_form": forms.get("commitment") or CommitmentForm(),
        "decide_form": forms.get("decide") or DecideForm(),
        "time_form": TimeForm(),
        "coaching": read_apology(repair.apology) if view.role is Role.RESPONSIBLE else None,
        "rating_labels": RATING_LABELS,
    }
    if view.weeks is not None and view.commitments and repair.stage_enum is Stage.REBUILDING:
        context["rating_form"] = forms.get("rating") or rating_form(view.commitments)()
    return render(request, "repair/repair.html", context, status=status)


def _load(request: HttpRequest, bond_id, repair_id):
    bond = bond_for_member(request.user, bond_id)
    return bond, selectors.repair_for_member(bond, repair_id)


def _back(bond, repair) -> dict:
    return {"to": "repair:detail", "bond_id": bond.pk, "repair_id": repair.pk}


@login_required
@require_GET
def detail(request: HttpRequest, bond_id, repair_id) -> HttpResponse:
    bond, repair = _load(request, bond_id, repair_id)
    return _page(request, bond, repair)


@login_required
@require_POST
def write(request: HttpRequest, bond_id, repair_id) -> HttpResponse:
    bond, repair = _load(request, bond_id, repair_id)
    form = WriteForm(request.POST)
    if not form.is_valid():
        return _page(request, bond, repair, forms={"write": form}, status=400)
    data = form.cleaned_data
    # Someone writing about harm they are living with is quietly offered help (never shown
    # to the other person, and nothing is kept of it).
    return act(
        request,
        lambda: services.repair_write(person=request.user, repair=repair, **data),
        done="Saved. Only you can see it until you send it.",
        instead=lambda: route_if_concerning(request, data["accountability"], data["apology"]),
        **_back(bond, repair),
    )


@login_required
@require_POST
def coach(request: HttpRequest, bond_id, repair_id) -> HttpResponse:
    """The live notes on an apology draft, as a fragment: nothing is stored."""
    _load(request, bond_id, repair_id)
    reading = read_apology(request.POST.get("apology", "")[:4000])
    return render(request, "repair/_coaching.html", {"coaching": reading})


@login_required
@require_POST
def add_commitment(request: HttpRequest, bond_id, repair_id) -> HttpResponse:
    bond, repair = _load(request, bond_id, repair_id)
    form = CommitmentForm(request.POST)
    if not form.is_valid():
        return _page(request, bond, repair, forms={"commitment": form}, status=400)
    data = form.cleaned_data
    return act(
        request,
        lambda: services.commitment_add(person=request.user, repair=repair, **data),
        done="Added.",
        instead=lambda: route_if_concerning(request, data["change"], data["evidence"]),
        **_back(bond, repair),
    )


@login_required
@require_POST
def remove_commitment(request: HttpRequest, bond_id, repair_id, commitment_id) -> HttpResponse:
    bond, repair = _load(request, bond_id, repair_id)
    return act(
        request,
        lambda: services.commitment_remove(
            person=request.user, repair=repair, commitment_id=commitment_id
        ),
        done="Removed.",
        **_back(bond, repair),
    )


# Posts that take nothing but the repair: a service and what to say once it is done.
SIMPLE_ACTIONS = {
    "send": (
        services.repair_send,
        "Sent. It's theirs now, to read when they're ready. There's nothing to chase.",
    ),
    "read": (services.repair_mark_read, None),
    "close": (services.repair_close, "This repair is closed."),
    "restart": (
        services.repair_agree_to_restart,
        lambda restarted: (
            "You've both agreed: prompts start again from the lightest."
            if restarted
            else "Noted. If they agree too, prompts start again from the lightest."
        ),
    ),
}


@login_required
@require_POST
def simple_action(request: HttpRequest, bond_id, repair_id, action: str) -> HttpResponse:
    bond, repair = _load(request, bond_id, repair_id)
    service, done = SIMPLE_ACTIONS[action]
    return act(
        request,
        lambda: service(person=request.user, repair=repair),
        done=done,
        **_back(bond, repair),
    )


@login_required
@require_POST
def decide(request: HttpRequest, bond_id, repair_id) -> HttpResponse:
    bond, repair = _load(request, bond_id, repair_id)
    form = DecideForm(request.POST)
    if not form.is_valid():
        return _page(request, bond, repair, forms={"decide": form}, status=400)
    data = form.cleaned_data
    said = {
        "accept": "Thank you. You can rebuild from here, at your own pace.",
        "not-yet": "Noted: not yet. Nothing is asked of you.",
        "decline": "Understood. This repair is closed, as you asked.",
    }
    return act(
        request,
        lambda: services.repair_decide(person=request.user, repair=repair, **data),
        done=said[data["decision"]],
        instead=lambda: route_if_concerning(request, data["note"]),
        **_back(bond, repair),
    )


@login_required
@require_POST
def ask_for_time(request: HttpRequest, bond_id, repair_id) -> HttpResponse:
    bond, repair = _load(request, bond_id, repair_id)
    form = TimeForm(request.POST)
    days = form.cleaned_data["days"] if form.is_valid() else 0
    return act(
        request,
        lambda: services.repair_ask_for_time(person=request.user, repair=repair, days=days),
        done="Take the time you need. Nothing can be sent to you before then.",
        **_back(bond, repair),
    )


@login_required
@require_POST
def pause_bond(request: HttpRequest, bond_id, repair_id) -> HttpResponse:
    """The hurt person may pause the whole bond from here."""
    bond, repair = _load(request, bond_id, repair_id)
    return act(
        request,
        lambda: bond_pause(person=request.user, bond=bond),
        done="Paused. Nothing happens in this bond until you resume it.",
        **_back(bond, repair),
    )


@login_required
@require_POST
def rate(request: HttpRequest, bond_id, repair_id) -> HttpResponse:
    bond, repair = _load(request, bond_id, repair_id)
    commitments = list(repair.commitments.all())
    form = rating_form(commitments)(request.POST)
    if not form.is_valid():
        return _page(request, bond, repair, forms={"rating": form}, status=400)
    ratings = {
        key.removeprefix("c_"): value
        for key, value in form.cleaned_data.items()
        if key.startswith("c_")
    }
    note = form.cleaned_data.get("note", "")
    return act(
        request,
        lambda: services.week_rate(person=request.user, repair=repair, ratings=ratings, note=note),
        done="Saved. You'll see each other's once you've both rated this week.",
        instead=lambda: route_if_concerning(request, note),
        **_back(bond, repair),
    )
