"""The private safety check, and the page of help someone is routed to."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from heartwork.bonds.selectors import bond_for_member, other_members
from heartwork.domain.help import help_directory
from heartwork.domain.safety_check import Answer, SafeNow, score_safety_check
from heartwork.help.selectors import likely_country
from heartwork.safety import selectors, services
from heartwork.safety.forms import SafetyCheckForm
from heartwork.safety.routing import take_route


def _country(request: HttpRequest):
    return likely_country(request)


@login_required
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    others = other_members(bond, request.user)
    other_name = others[0].display_name if others else "them"
    form = SafetyCheckForm(request.POST or None, other_name=other_name)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answers = {key: Answer(value) for key, value in data.items() if key != "safe_now" and value}
        result = score_safety_check(answers, SafeNow(data["safe_now"]))
        services.safety_check_record(person=request.user, bond=bond, result=result)
        form = SafetyCheckForm(other_name=other_name)
    context = {
        "bond": bond,
        "form": form,
        "result": result,
        "latest": selectors.latest_check(request.user, bond),
        "other_name": other_name,
        "country": _country(request),
    }
    return render(request, "safety/check.html", context, status=400 if form.errors else 200)


@require_GET
def for_you(request: HttpRequest) -> HttpResponse:
    """Where someone whose writing suggested danger is taken, privately. A reload or a
    direct visit shows the same help without the tailored opening."""
    kinds = take_route(request)
    context = {
        "kinds": kinds,
        "self_harm": "self_harm" in kinds,
        "danger": any(k in kinds for k in ("violence", "threat", "coercive_control")),
        "country": _country(request),
        "directory": help_directory(),
    }
    return render(request, "safety/for_you.html", context)
