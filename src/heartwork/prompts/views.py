"""Prompt pages for one bond. Every view resolves the bond through ``bond_for_member``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from heartwork.bonds.selectors import bond_for_member, other_members
from heartwork.core.actions import act, tell
from heartwork.core.errors import ApplicationError
from heartwork.domain.prompt_changes import ChangeKind, needs_agreement
from heartwork.domain.prompts import DEPTH_LABELS, IntimacyType, prompt_library
from heartwork.prompts import selectors, services
from heartwork.prompts.forms import (
    AnswerForm,
    ChangeAnswerForm,
    ChangeWithdrawForm,
    ComfortForm,
    DeckFilterForm,
    ReplyForm,
)
from heartwork.prompts.models import PromptChange
from heartwork.safety.routing import route_if_concerning

# Drafts kept in the browser are stored under this prefix (prompts/answer-draft.js), and
# cleared by heartwork/drafts.js on logging out and by the quick exit.
DRAFT_PREFIX = "heartwork-draft:"


def _to_today(bond) -> HttpResponse:
    return redirect("prompts:today", bond_id=bond.pk)


def _answer_form(view: selectors.RoundView, bond, form: AnswerForm | None) -> AnswerForm:
    form = form or AnswerForm(initial={"text": view.my_answer.text if view.my_answer else ""})
    field = form.fields["text"]
    if view.solo:
        field.help_text = "Only you can see it."
    # prompts/answer-draft.js keeps what is typed on this device, per bond and round.
    field.widget.attrs.update(
        {"data-draft-key": f"{DRAFT_PREFIX}{bond.pk}:{view.round.pk}", "data-draft-bond": bond.pk}
    )
    return form


def _render_today(
    request: HttpRequest, bond, *, answer_form=None, reply_form=None, comfort_form=None, status=200
):
    context = {"bond": bond, "ladder": selectors.ladder_for(bond), "depth_labels": DEPTH_LABELS}
    if bond.is_active:
        # A GET that may write: the first look at the day chooses its prompt, so both
        # people see the same one whoever opens the page first (a unique slot keeps it one).
        round_ = services.round_for_today(bond=bond)
        view = selectors.round_view(request.user, bond, round_)
        context.update(
            view=view,
            change=selectors.change_view(request.user, bond, round_),
            draft_key=f"{DRAFT_PREFIX}{bond.pk}:{round_.pk}",
            answer_form=_answer_form(view, bond, answer_form),
            reply_form=reply_form or ReplyForm(),
            comfort_form=comfort_form
            or ComfortForm(initial={"comfort": view.my_answer.comfort if view.my_answer else None}),
        )
    return render(request, "prompts/today.html", context, status=status)


@login_required
@require_GET
def today(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    return _render_today(request, bond)


def _answer_saved(answer) -> str:
    """Said after saving an answer: true to what happened (it may just have opened both)."""
    if answer.written_alone:
        return "Saved. It stays private: only you can see it."
    if selectors.is_revealed(answer.round):
        return "Saved. You've both answered, so your answers are open now."
    return "Saved. Your answer stays private until you've both answered."


@dataclass(frozen=True)
class RoundAction:
    run: Callable[..., object]  # a service taking person, bond, round_ and the form's fields
    form_class: type | None = None
    form_name: str = ""  # the page's name for that form, to show it again with its errors
    done: str | Callable[[Any], str] | None = None
    once: bool = False  # it makes something new: a form posted twice makes one


# What can be posted about one round of today's prompt (the URL names which).
ROUND_ACTIONS = {
    "answer": RoundAction(services.answer_submit, AnswerForm, "answer_form", _answer_saved),
    "share_answer": RoundAction(
        services.answer_share,
        done="Shared. Your answers open together once they've written theirs.",
    ),
    "comfort": RoundAction(
        lambda comfort, **kw: services.comfort_rate(rating=comfort, **kw),
        ComfortForm,
        "comfort_form",
        "Thank you. That helps pace what comes next.",
    ),
    "reply": RoundAction(services.reply_submit, ReplyForm, "reply_form", once=True),
}


@login_required
@require_POST
def on_round(request: HttpRequest, bond_id, round_id, action: str) -> HttpResponse:
    """Check the action's form (showing the page again with its errors), run the service,
    say how it went, and go back to today's prompt."""
    spec = ROUND_ACTIONS[action]
    bond = bond_for_member(request.user, bond_id)
    round_ = selectors.round_for_member(bond, round_id)
    form = spec.form_class(request.POST) if spec.form_class else None
    if form is not None and not form.is_valid():
        return _render_today(request, bond, status=400, **{spec.form_name: form})
    data = form.cleaned_data if form is not None else {}
    written = [value for value in data.values() if isinstance(value, str)]
    return act(
        request,
        lambda: spec.run(person=request.user, bond=bond, round_=round_, **data),
        done=spec.done,
        once=spec.once,
        instead=lambda: route_if_concerning(request, *written),
        to="prompts:today",
        bond_id=bond.pk,
    )


def _asked(person, bond) -> str:
    others = other_members(bond, person)
    return f"Asked {others[0].display_name}" if others else "Asked"


def _asked_or_changed(person, bond, *, changed: str, then: str) -> Callable[[Any], str]:
    """What to say after asking for a change: it happened (a bond of one), or it waits."""

    def say(change) -> str:
        if change.status == PromptChange.Status.ACCEPTED:
            return changed
        return f"{_asked(person, bond)}. {then}"

    return say


@login_required
@require_POST
def skip(request: HttpRequest, bond_id) -> HttpResponse:
    """Ask for another prompt, or a lighter one (at once in a bond of one)."""
    bond = bond_for_member(request.user, bond_id)
    lighter = request.POST.get("lighter") == "1"
    kind = ChangeKind.LIGHTER if lighter else ChangeKind.ANOTHER
    return act(
        request,
        lambda: services.change_propose(person=request.user, bond=bond, kind=kind),
        done=_asked_or_changed(
            request.user,
            bond,
            changed="Here's a lighter one." if lighter else "Here's another one.",
            then="Today's prompt changes once they say yes.",
        ),
        to="prompts:today",
        bond_id=bond.pk,
    )


@login_required
@require_POST
def change_answer(request: HttpRequest, bond_id) -> HttpResponse:
    """Say yes or no to the other person's request to change today's prompt."""
    bond = bond_for_member(request.user, bond_id)
    form = ChangeAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That didn't work. Please choose yes or no again.")
        return _to_today(bond)
    accept = form.cleaned_data["accept"]
    return act(
        request,
        lambda: services.change_answer(
            person=request.user, bond=bond, change_id=form.cleaned_data["change"], accept=accept
        ),
        done=(
            "Changed. Here's today's new prompt, for you both."
            if accept
            else "Kept. Today's prompt stays as it is."
        ),
        to="prompts:today",
        bond_id=bond.pk,
    )


@login_required
@require_POST
def change_withdraw(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    form = ChangeWithdrawForm(request.POST)
    change_id = form.cleaned_data["change"] if form.is_valid() else None
    return act(
        request,
        lambda: services.change_withdraw(person=request.user, bond=bond, change_id=change_id),
        done="Withdrawn. Today's prompt stays as it is.",
        to="prompts:today",
        bond_id=bond.pk,
    )


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
            p
            for p in prompts
            if (not wanted["type"] or p.type.value == wanted["type"])
            and (not wanted["depth"] or p.depth == wanted["depth"])
            and (not wanted["theme"] or p.theme == wanted["theme"])
        ]
    page = Paginator(prompts, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    members = len(selectors.member_ids(bond))
    return render(
        request,
        "prompts/deck.html",
        {
            "bond": bond,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "depth_labels": DEPTH_LABELS,
            "total": len(prompts),
            "together": needs_agreement(members),
            "ladder_depth": selectors.ladder_for(bond).depth,
        },
    )


@login_required
@require_POST
def choose(request: HttpRequest, bond_id) -> HttpResponse:
    """Ask for a prompt from the deck as today's (at once in a bond of one)."""
    bond = bond_for_member(request.user, bond_id)
    try:
        change = services.change_propose(
            person=request.user,
            bond=bond,
            kind=ChangeKind.CHOSEN,
            prompt_id=request.POST.get("prompt_id", ""),
        )
    except ApplicationError as error:
        tell(request, error)
        return redirect("prompts:deck", bond_id=bond.pk)
    if change.status == PromptChange.Status.ACCEPTED:
        messages.success(request, "That's your prompt for today.")
    else:
        messages.success(
            request, f"{_asked(request.user, bond)}. It becomes today's prompt once they say yes."
        )
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
        # Told to both at once, and only once both have chosen: a match, never a hint.
        "both_opted_in": selectors.sexual_allowed(bond),
        "is_partner": bond.kind == "partner",
    }
    return render(request, "prompts/ladder.html", context)


@login_required
@require_POST
def step_back(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    return act(
        request,
        lambda: services.ladder_step_back(person=request.user, bond=bond),
        done=lambda depth: (
            f"Stepped back to {DEPTH_LABELS[depth].lower()} prompts. There's no rush."
        ),
        to="prompts:ladder",
        bond_id=bond.pk,
    )


@login_required
@require_POST
def opt_in(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    wanted = request.POST.get("opted_in") == "1"

    def outcome(_) -> str:
        if not wanted:
            return "Turned off. Prompts about desire are out of your deck."
        if selectors.sexual_allowed(bond):
            return "You've both chosen them, so prompts about desire are in your deck now."
        return "Saved, privately. They appear only if you both choose them."

    return act(
        request,
        lambda: services.sexual_opt_in_set(person=request.user, bond=bond, opted_in=wanted),
        done=outcome,
        to="prompts:ladder",
        bond_id=bond.pk,
    )


@login_required
@require_GET
def history(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    return render(
        request,
        "prompts/history.html",
        {"bond": bond, "views": selectors.history_for(request.user, bond)},
    )
