"""The composer and the guided talk, for one bond. Every view resolves the bond through
``bond_for_member``; the rules live in services and ``heartwork.domain.hard_talk``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from heartwork.bonds.selectors import bond_for_member, other_members
from heartwork.conflict import selectors, services
from heartwork.conflict.forms import BreakForm, ChooseForm, DraftForm, NoteForm, NotNowForm, SayForm
from heartwork.conflict.models import DRAFT_MAX
from heartwork.core.actions import act, tell
from heartwork.core.errors import ApplicationError
from heartwork.domain.composer import PART_MAX, Parts, marked, rebuilt
from heartwork.domain.feelings import feelings_wheel
from heartwork.domain.hard_talk import Action
from heartwork.domain.language import NEEDS, analyze_message, suggest_feelings
from heartwork.domain.safety import screen
from heartwork.domain.together import ActivityKind, idea_library
from heartwork.safety.routing import SESSION_KEY, route_if_concerning
from heartwork.safety.selectors import hard_conversation_is_offered

STRENGTH_LABELS = {
    "i_statement": "You speak for yourself (“I…”).",
    "observation": "You describe what happened.",
    "feeling": "You name a feeling.",
    "need": "You name what you need.",
    "request": "You ask for something clear.",
    "appreciation": "You say what you value.",
    "responsibility": "You own your part.",
    "break": "You ask for a pause, with a way back.",
}
KIND_LABELS = {
    "criticism": "Blame",
    "contempt": "Contempt",
    "defensiveness": "Defending",
    "stonewalling": "Shutting down",
    "demand": "An order",
}


TALK_STEPS = [
    ("invited", "Agree to talk"),
    ("light", "A light moment"),
    ("phones", "Phones away"),
    ("talking", "One at a time"),
    ("steps", "A small step"),
]


def _other_name(bond, person) -> str:
    others = other_members(bond, person)
    return others[0].display_name if others else ""


def _word_lists() -> dict:
    return {
        "feeling_words": sorted(f.word for f in feelings_wheel().feelings.values() if f.ring > 1),
        "needs": NEEDS,
    }


def reading_of(request: HttpRequest, text: str) -> dict:
    """What the composer shows about a draft. Writing that sounds like danger gets help
    (for the writer only, for one page view), never rewrite advice."""
    text = text[:DRAFT_MAX]
    if text.strip() and (kinds := screen(text)):
        request.session[SESSION_KEY] = kinds
        return {"unsafe": True}
    analysis = analyze_message(text)
    findings = list(analysis.findings)
    return {
        "unsafe": False,
        "written": bool(text.strip()),
        "segments": marked(text, findings),
        "findings": [
            (n, f, KIND_LABELS.get(f.kind, f.kind))
            for n, f in enumerate(sorted(findings, key=lambda f: f.start), 1)
        ],
        "strengths": [STRENGTH_LABELS[s] for s in analysis.strengths if s in STRENGTH_LABELS],
    }


def feeling_suggestions(text: str) -> dict:
    """Feeling words for what happened, offered for the feeling part; never filled in for the
    person. Writing that sounds like danger gets a pointer to help instead. Nothing is kept."""
    text = text[:PART_MAX]
    if not text.strip():
        return {"asked": False, "suggestions": []}
    if screen(text):
        return {"asked": True, "unsafe": True, "suggestions": []}
    return {"asked": True, "unsafe": False, "suggestions": suggest_feelings(text, k=5)}


def with_feeling(feeling: str, word: str) -> str:
    """The feeling part with a chosen word added once ("worried" + "lonely" → "worried, lonely")."""
    word = word.strip()[:40]
    have = [w.strip().lower() for w in feeling.split(",") if w.strip()]
    if not word or word.lower() in have:
        return feeling
    added = f"{feeling.rstrip().rstrip(',')}, {word}" if feeling.strip() else word
    return added if len(added) <= PART_MAX else feeling


def _asked_for_feelings(request: HttpRequest) -> bool:
    return request.method == "POST" and ("suggest" in request.POST or "add_feeling" in request.POST)


def _draft_with_suggestions(request, bond, message) -> HttpResponse:
    """ "Suggest feelings" or a tapped suggestion without JavaScript: the same page back, what
    was typed kept, nothing saved; a tapped word is added to the feeling part."""
    data = request.POST.copy()
    if word := data.get("add_feeling", ""):
        data["feeling"] = with_feeling(data.get("feeling", ""), word)
    fields = ("text", "observation", "feeling", "need", "request")
    form = DraftForm(initial={name: data.get(name, "") for name in fields})
    suggested = feeling_suggestions(data.get("observation", ""))
    return _draft_page(request, bond, message, form, suggested=suggested)


# --- the composer ------------------------------------------------------------------------


@login_required
@require_GET
def home(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    context = {
        "bond": bond,
        "other_name": _other_name(bond, request.user),
        "offered": hard_conversation_is_offered(request.user, bond),
        "box": selectors.messages_for(request.user, bond),
        "talk": selectors.open_talk(bond),
        "form": DraftForm(),
    }
    return render(request, "conflict/home.html", context)


@login_required
@require_POST
def compose(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    if _asked_for_feelings(request):
        return _draft_with_suggestions(request, bond, None)
    form = DraftForm(request.POST)
    if not form.is_valid():
        return _draft_page(request, bond, None, form, status=400)
    try:
        message = services.message_save(
            person=request.user,
            bond=bond,
            message=None,
            text=form.cleaned_data["text"],
            parts=form.parts(),
        )
    except ApplicationError as error:
        tell(request, error)
        return redirect("conflict:home", bond_id=bond.pk)
    messages.success(request, "Saved. Only you can see it.")
    return route_if_concerning(request, *form.cleaned_data.values()) or redirect(
        "conflict:message", bond_id=bond.pk, message_id=message.pk
    )


def _draft_page(request, bond, message, form, *, status=200, suggested=None) -> HttpResponse:
    text = form["text"].value() or ""
    parts = Parts(
        **{k: form[k].value() or "" for k in ("observation", "feeling", "need", "request")}
    )
    context = {
        "bond": bond,
        "message": message,
        "form": form,
        "other_name": _other_name(bond, request.user),
        "offered": hard_conversation_is_offered(request.user, bond),
        "reading": reading_of(request, text),
        "rebuilt": rebuilt(parts),
        "suggested": suggested or {},
        **_word_lists(),
    }
    return render(request, "conflict/draft.html", context, status=status)


@login_required
def message(request: HttpRequest, bond_id, message_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    message = selectors.message_for_member(request.user, bond, message_id)
    if message.is_sent or message.author_id != request.user.pk:
        if request.method != "GET":
            return redirect("conflict:message", bond_id=bond.pk, message_id=message.pk)
        context = {
            "bond": bond,
            "message": message,
            "mine": message.author_id == request.user.pk,
            "other_name": _other_name(bond, request.user),
        }
        return render(request, "conflict/message.html", context)
    if request.method == "GET":
        return _draft_page(
            request, bond, message, DraftForm(initial={"text": message.text, **message.parts})
        )
    if _asked_for_feelings(request):
        return _draft_with_suggestions(request, bond, message)
    form = DraftForm(request.POST)
    if not form.is_valid():
        return _draft_page(request, bond, message, form, status=400)
    intent = request.POST.get("intent", "save")
    text = form.cleaned_data["text"]
    if intent == "use-rebuilt":
        text = rebuilt(Parts(**form.parts())) or text

    def save_and_maybe_send():
        saved = services.message_save(
            person=request.user, bond=bond, message=message, text=text, parts=form.parts()
        )
        if intent == "send":
            services.message_send(person=request.user, message=saved)

    done = {
        "send": "Sent.",
        "use-rebuilt": "Your message now uses the four parts. Change anything you like.",
    }
    return act(
        request,
        save_and_maybe_send,
        done=done.get(intent, "Saved. Only you can see it."),
        instead=lambda: route_if_concerning(request, text, *form.parts().values()),
        to="conflict:message" if intent != "send" else "conflict:home",
        bond_id=bond.pk,
        **({"message_id": message.pk} if intent != "send" else {}),
    )


@login_required
@require_POST
def coach(request: HttpRequest, bond_id) -> HttpResponse:
    """The live reading of a draft, as the person types (htmx)."""
    bond_for_member(request.user, bond_id)
    context = {"reading": reading_of(request, request.POST.get("text", ""))}
    return render(request, "conflict/_reading.html", context)


@login_required
@require_POST
def preview(request: HttpRequest, bond_id) -> HttpResponse:
    """The four parts put together, as the person fills them in (htmx)."""
    bond_for_member(request.user, bond_id)
    parts = Parts(
        **{k: request.POST.get(k, "")[:400] for k in ("observation", "feeling", "need", "request")}
    )
    return render(request, "conflict/_rebuilt.html", {"rebuilt": rebuilt(parts)})


@login_required
@require_POST
def suggest(request: HttpRequest, bond_id) -> HttpResponse:
    """Feeling words for the "what happened" part, as the person types (htmx)."""
    bond_for_member(request.user, bond_id)
    context = feeling_suggestions(request.POST.get("observation", ""))
    return render(request, "conflict/_feeling-suggestions.html", context)


@login_required
@require_POST
def remove(request: HttpRequest, bond_id, message_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    message = selectors.message_for_member(request.user, bond, message_id)
    return act(
        request,
        lambda: services.message_remove(person=request.user, message=message),
        done="Removed from your list." if message.is_sent else "Draft deleted.",
        to="conflict:home",
        bond_id=bond.pk,
    )


# --- the guided talk ---------------------------------------------------------------------


@login_required
@require_POST
def talk_start(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    try:
        talk = services.talk_start(person=request.user, bond=bond)
    except ApplicationError as error:
        tell(request, error)
        return redirect("conflict:home", bond_id=bond.pk)
    return redirect("conflict:talk", bond_id=bond.pk, talk_id=talk.pk)


def _light_moment(talk) -> object:
    ideas = idea_library().filter(kind=ActivityKind.LAUGHTER)
    return ideas[talk.pk.int % len(ideas)] if ideas else None


@login_required
@require_GET
def talk(request: HttpRequest, bond_id, talk_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    talk = selectors.talk_for_member(bond, talk_id)
    view = selectors.talk_view(request.user, talk, _other_name(bond, request.user))
    context = {
        "bond": bond,
        "view": view,
        "talk": talk,
        "Action": Action,
        "say_form": SayForm(),
        "break_form": BreakForm(),
        "not_now_form": NotNowForm(),
        "note_form": NoteForm(initial={"text": view.my_note}),
        "light": _light_moment(talk),
        "steps": TALK_STEPS,
        "token": selectors.talk_token(talk),
    }
    return render(request, "conflict/talk.html", context)


_FORMS = {Action.NOT_NOW: NotNowForm, Action.BREAK: BreakForm, Action.CHOOSE: ChooseForm}
_DONE = {
    Action.JOIN: "You've joined. Take it gently.",
    Action.NOT_NOW: "Understood. They'll see that now isn't the time.",
    Action.BREAK: "A break. The talk will wait right here.",
    Action.END: "The talk has ended. You can start another whenever you're both ready.",
}


@login_required
@require_POST
def talk_action(request: HttpRequest, bond_id, talk_id, action: str) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    talk = selectors.talk_for_member(bond, talk_id)
    chosen = Action(action)
    form = _FORMS.get(chosen, SayForm)(request.POST)
    if not form.is_valid() and chosen in (
        *_FORMS,
        Action.SAY,
        Action.REFLECT,
        Action.CORRECT,
        Action.VALIDATE,
        Action.PROPOSE,
    ):
        return act(
            request, lambda: _invalid(form), to="conflict:talk", bond_id=bond.pk, talk_id=talk.pk
        )
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    text = data.get("text", "")
    return act(
        request,
        lambda: services.talk_act(
            person=request.user,
            talk=talk,
            action=chosen,
            text=text,
            minutes=data.get("minutes", 20),
            chosen=data.get("chosen", ""),
        ),
        done=_DONE.get(chosen),
        instead=lambda: route_if_concerning(request, text),
        to="conflict:talk",
        bond_id=bond.pk,
        talk_id=talk.pk,
    )


def _invalid(form) -> None:
    first = next(iter(form.errors.values()))[0]
    raise services.ConflictError(first)


@login_required
@require_POST
def talk_note(request: HttpRequest, bond_id, talk_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    talk = selectors.talk_for_member(bond, talk_id)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return act(
            request, lambda: _invalid(form), to="conflict:talk", bond_id=bond.pk, talk_id=talk.pk
        )
    text = form.cleaned_data["text"]
    return act(
        request,
        lambda: services.note_save(person=request.user, talk=talk, text=text),
        done="Noted. Only you can see it.",
        instead=lambda: route_if_concerning(request, text),
        to="conflict:talk",
        bond_id=bond.pk,
        talk_id=talk.pk,
    )


@login_required
@require_GET
def talk_changed(request: HttpRequest, bond_id, talk_id) -> HttpResponse:
    """Polled by the talk page: nothing (204) until the other person moves, then a reload."""
    bond = bond_for_member(request.user, bond_id)
    talk = selectors.talk_for_member(bond, talk_id)
    if request.GET.get("v") == selectors.talk_token(talk):
        return HttpResponse(status=204)
    response = HttpResponse(status=200)
    response["HX-Refresh"] = "true"
    return response
