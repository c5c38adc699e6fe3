"""Check-up pages for one bond. Every view resolves the bond through ``bond_for_member``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from heartwork.bonds.selectors import bond_for_member, other_members
from heartwork.checkup import selectors, services
from heartwork.checkup.forms import CheckupForm, ReflectionForm
from heartwork.checkup.selectors import suggestion_url
from heartwork.core.actions import act, tell
from heartwork.core.errors import ApplicationError
from heartwork.domain.checkup import (
    ANSWER_LABELS,
    CLOSENESS_LABELS,
    NOTABLE,
    TREND_MIN_POINTS,
    circles,
    item_bank,
    points_to_fear,
    trend,
)
from heartwork.domain.reflections import reflections, score_reflection
from heartwork.safety.routing import route_if_afraid


def _other_name(bond, person) -> str:
    others = other_members(bond, person)
    return others[0].display_name if others else ""


def _pictures() -> list:
    return [(step, label, circles(step)) for step, label in CLOSENESS_LABELS.items()]


@login_required
@require_GET
def home(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    other_name = _other_name(bond, request.user)
    revealed = selectors.latest_revealed(request.user, bond, request.user.display_name)
    mine = selectors.my_latest(request.user, bond)
    bank = item_bank()
    rows = []
    if revealed:
        for row in revealed.comparison.rows:
            rows.append({"row": row, "dimension": bank.dimension(row.dimension)})
    highlights = []
    if revealed:
        for kind, row in (
            ("differ", revealed.comparison.differ_most),
            ("want", revealed.comparison.want_most),
        ):
            if row is not None:
                suggestion = revealed.suggestion(row.dimension)
                highlights.append(
                    {
                        "kind": kind,
                        "row": row,
                        "dimension": bank.dimension(row.dimension),
                        "suggestion": suggestion,
                        "url": suggestion_url(bond, suggestion),
                    }
                )
    my_answers = [
        (a.item, a.text, a.shared)
        for a in (selectors.my_answers(mine, other_name) if mine is not None else [])
    ]
    past = selectors.history(request.user, bond)
    asked_dimensions = [d for d in bank.dimensions if any(d.id in h.mine for h in past)]
    over_time = [
        {
            "dimension": d,
            "cells": [
                (h.mine.get(d.id, (None, None))[0], (h.theirs or {}).get(d.id, (None, None))[0])
                for h in past
            ],
            "trend": trend([h.mine.get(d.id, (None, None))[0] for h in past]),
        }
        for d in asked_dimensions
    ]
    context = {
        "bond": bond,
        "other_name": other_name,
        "revealed": revealed,
        "over_time": over_time,
        "trend_min": TREND_MIN_POINTS,
        "rows": rows,
        "highlights": highlights,
        "mine": mine,
        "waiting": selectors.waiting_to_compare(mine, revealed),
        "taken_alone": mine is not None and mine.written_alone and bool(other_name),
        "due": selectors.retake_due(request.user, bond),
        "history": past,
        "my_answers": my_answers,
        "notable": NOTABLE,
        "pictures": {p[0]: p for p in _pictures()},
        "dimensions": {d.id: d for d in bank.dimensions},
    }
    return render(request, "checkup/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def take(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    other_name = _other_name(bond, request.user)
    items = selectors.items_for(bond)
    data = request.POST if request.method == "POST" else None
    form = CheckupForm(data, items=items, other_name=other_name)
    if request.method == "POST":
        if form.is_valid():
            answers = form.answers()
            try:
                services.checkup_record(
                    person=request.user, bond=bond, answers=answers, closeness=form.closeness()
                )
            except ApplicationError as error:
                tell(request, error)
            else:
                afraid = points_to_fear(items, answers)
                return route_if_afraid(request, afraid) or _saved(request, bond)
        status = 400
    else:
        status = 200
    context = {
        "bond": bond,
        "form": form,
        "other_name": other_name,
        "dimensions": {d.id: d for d in item_bank().dimensions},
        "answer_labels": ANSWER_LABELS,
        "pictures_by_step": {step: c for step, _, c in _pictures()},
    }
    return render(request, "checkup/take.html", context, status=status)


def _saved(request: HttpRequest, bond) -> HttpResponse:
    from django.contrib import messages

    messages.success(request, "Saved. Your answers are yours alone.")
    return redirect("checkup:home", bond_id=bond.pk)


@login_required
@require_POST
def share(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    entry = selectors.my_latest(request.user, bond)
    wanted = [v for v in request.POST.getlist("item") if isinstance(v, str)]

    def do() -> int:
        if entry is None:
            raise services.CheckupError("Take the check-up first.")
        return services.checkup_share_items(person=request.user, entry=entry, item_ids=wanted)

    return act(
        request,
        do,
        done=lambda n: (
            f"{n} answer{'s' if n != 1 else ''} shared. They see them once you've both taken it."
            if n
            else "Nothing of your answers is shared."
        ),
        to="checkup:home",
        bond_id=bond.pk,
    )


@login_required
@require_GET
def reflections_home(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    other_name = _other_name(bond, request.user)
    shown = selectors.reflections_shown(request.user, bond, other_name)
    return render(
        request,
        "checkup/reflections.html",
        {"bond": bond, "other_name": other_name, "shown": shown},
    )


@login_required
@require_http_methods(["GET", "POST"])
def reflect(request: HttpRequest, bond_id, kind: str) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    other_name = _other_name(bond, request.user)
    reflection = reflections()[kind]
    data = request.POST if request.method == "POST" else None
    form = ReflectionForm(data, questions=reflection.questions, other_name=other_name)
    status = 200
    if data is not None:
        status = 400
        if form.is_valid():
            answers = form.answers()
            try:
                services.reflection_record(
                    person=request.user, bond=bond, kind=kind, answers=answers
                )
            except ApplicationError as error:
                tell(request, error)
            else:
                afraid = score_reflection(reflection, answers).afraid
                if (other := route_if_afraid(request, afraid)) is not None:
                    return other
                from django.contrib import messages

                messages.success(request, "Saved, for you alone.")
                return redirect(
                    reverse("checkup:reflections", args=[bond.pk]) + f"#reflection-{kind}"
                )
    return render(
        request,
        "checkup/reflect.html",
        {
            "bond": bond,
            "reflection": reflection,
            "intro": reflection.intro.replace("{name}", other_name or "them"),
            "form": form,
        },
        status=status,
    )
