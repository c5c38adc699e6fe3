"""Prompt pages for one bond. Every view resolves the bond through ``bond_for_member``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from heartwork.bonds.selectors import bond_for_member
from heartwork.core.errors import ApplicationError
from heartwork.domain.bonds import BondStatus
from heartwork.domain.prompts import DEPTH_LABELS, IntimacyType, prompt_library
from heartwork.prompts import selectors, services
from heartwork.prompts.forms import AnswerForm, ComfortForm, DeckFilterForm, ReplyForm


def _to_today(bond) -> HttpResponse:
    return redirect("prompts:today", bond_id=bond.pk)


def _render_today(request: HttpRequest, bond, *, answer_form=None, reply_form=None, comfort_form=None, status=200):
    context = {"bond": bond, "ladder": selectors.ladder_for(bond), "depth_labels": DEPTH_LABELS}
    if bond.status == BondStatus.ACTIVE:
        view = selectors.round_view(request.user, bond, services.round_for_today(bond=bond))
        context.update(
            view=view,
            answer_form=answer_form or AnswerForm(initial={"text": view.my_answer.text if view.my_answer else ""}),
            reply_form=reply_form or ReplyForm(),
            comfort_form=comfort_form or ComfortForm(initial={"comfort": view.my_answer.comfort if view.my_answer else None}),
        )
    return render(request, "prompts/today.html", context, status=status)


@login_required
@require_GET
def today(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    return _render_today(request, bond)


@login_required
@require_POST
def answer(request: HttpRequest, bond_id, round_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    round_ = selectors.round_for_member(bond, round_id)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _render_today(request, bond, answer_form=form, status=400)
    try:
        services.answer_submit(person=request.user, bond=bond, round_=round_, text=form.cleaned_data["text"])
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Saved. Your answer stays private until you've both answered.")
    return _to_today(bond)


@login_required
@require_POST
def comfort(request: HttpRequest, bond_id, round_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    round_ = selectors.round_for_member(bond, round_id)
    form = ComfortForm(request.POST)
    if not form.is_valid():
        return _render_today(request, bond, comfort_form=form, status=400)
    try:
        services.comfort_rate(person=request.user, bond=bond, round_=round_, rating=form.cleaned_data["comfort"])
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Thank you. That helps pace what comes next.")
    return _to_today(bond)


@login_required
@require_POST
def reply(request: HttpRequest, bond_id, round_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    round_ = selectors.round_for_member(bond, round_id)
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _render_today(request, bond, reply_form=form, status=400)
    try:
        services.reply_submit(
            person=request.user, bond=bond, round_=round_,
            reaction=form.cleaned_data["reaction"], text=form.cleaned_data["text"],
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    return _to_today(bond)


def _tell(request: HttpRequest, error: ApplicationError) -> None:
    # A prompt kept for the other person is news, not a mistake: it is shown as such.
    (messages.info if isinstance(error, services.PromptKept) else messages.error)(request, error.message)


@login_required
@require_POST
def skip(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    lighter = request.POST.get("lighter") == "1"
    try:
        services.round_skip(person=request.user, bond=bond, lighter=lighter)
    except ApplicationError as error:
        _tell(request, error)
    else:
        messages.success(request, "Here's a lighter one." if lighter else "Here's another one.")
    return _to_today(bond)


@login_required
@require_GET
def deck(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    allowed = selectors.sexual_allowed(bond)
    prompts = prompt_library().eligible(kind=bond.kind_enum, sexual_allowed=allowed)
    types = [t for t in IntimacyType if any(p.type is t for p in prompts)]
    form = DeckFilterForm(request.GET or None, types=types)
    if form.is_valid():
        wanted = form.cleaned_data
        prompts = [
            p for p in prompts
            if (not wanted["type"] or p.type.value == wanted["type"])
            and (not wanted["depth"] or p.depth == wanted["depth"])
            and (not wanted["theme"] or p.theme == wanted["theme"])
        ]
    page = Paginator(prompts, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "prompts/deck.html",
        {"bond": bond, "form": form, "page": page, "query": query.urlencode(), "depth_labels": DEPTH_LABELS, "total": len(prompts)},
    )


@login_required
@require_POST
def choose(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    try:
        services.round_choose(person=request.user, bond=bond, prompt_id=request.POST.get("prompt_id", ""))
    except ApplicationError as error:
        _tell(request, error)
        return redirect("prompts:deck", bond_id=bond.pk)
    messages.success(request, "That's your prompt for today. You'll both see it.")
    return _to_today(bond)


@login_required
@require_GET
def ladder(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    state = selectors.ladder_for(bond)
    context = {
        "bond": bond,
        "ladder": state,
        "depth_labels": DEPTH_LABELS,
        "opted_in": selectors.has_opted_in(bond, request.user),
        "is_partner": bond.kind == "partner",
    }
    return render(request, "prompts/ladder.html", context)


@login_required
@require_POST
def step_back(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    try:
        depth = services.ladder_step_back(person=request.user, bond=bond)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Stepped back to {DEPTH_LABELS[depth].lower()} prompts. There's no rush.")
    return redirect("prompts:ladder", bond_id=bond.pk)


@login_required
@require_POST
def opt_in(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    wanted = request.POST.get("opted_in") == "1"
    try:
        services.sexual_opt_in_set(person=request.user, bond=bond, opted_in=wanted)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Saved. Your choice is private to you.")
    return redirect("prompts:ladder", bond_id=bond.pk)


@login_required
@require_GET
def history(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    return render(request, "prompts/history.html", {"bond": bond, "views": selectors.history_for(request.user, bond)})
