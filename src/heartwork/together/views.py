"""Time-together pages for one bond. Every view resolves the bond through ``bond_for_member``.

Dates and times are read and shown in the person's own time zone.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from heartwork.bonds.selectors import bond_day, bond_for_member, other_members
from heartwork.core.actions import act
from heartwork.core.errors import ApplicationError
from heartwork.core.idempotency import AlreadySubmitted, submitted_once
from heartwork.domain.feelings import feelings_wheel
from heartwork.domain.together import (
    ActivityKind,
    Cost,
    duration_label,
    idea_library,
)
from heartwork.safety.routing import route_if_concerning
from heartwork.together import selectors, services
from heartwork.together.forms import (
    IdeaFilterForm,
    ReflectionForm,
    RitualForm,
    SessionStartForm,
    TimeForm,
)

PAST_PER_PAGE = 20
IDEAS_PER_PAGE = 20


def bond_view(*methods: str):
    """A logged-in view of one bond, for these HTTP methods."""

    def decorate(view):
        return login_required(require_http_methods(list(methods))(view))

    return decorate


def _other_name(bond, person) -> str | None:
    others = other_members(bond, person)
    return others[0].display_name if others else None


def _resting(bond) -> bool:
    return not bond.is_active


def _page(request: HttpRequest, items, per_page: int):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


# --- Times together --------------------------------------------------------------------


@bond_view("GET")
def home(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    # A GET that may write: a session left running for hours is closed and logged the
    # moment anyone looks, so a forgotten timer never shows as still running.
    session = services.session_current(bond=bond)
    now = timezone.now()
    context = {
        "bond": bond,
        "resting": _resting(bond),
        "other": _other_name(bond, request.user),
        "session": session,
        "upcoming": selectors.upcoming_times(request.user, bond, now),
        "due": selectors.due_times(request.user, bond, now),
        "past": _page(request, selectors.past_times(request.user, bond), PAST_PER_PAGE),
    }
    return render(request, "together/home.html", context)


def _now_rounded() -> datetime.datetime:
    now = timezone.localtime()
    return now.replace(minute=now.minute - now.minute % 5, second=0, microsecond=0)


def _initial_from_idea(request: HttpRequest) -> tuple[dict, object]:
    """Prefill the form from an idea ("we did this" or "plan it"), or start at now."""
    idea = idea_library().get(request.GET.get("idea", ""))
    initial = {"kind": ActivityKind.CONVERSATION.value, "minutes": 30}
    if idea is not None:
        initial.update(kind=idea.kind.value, minutes=idea.minutes, title=idea.title, idea=idea.id)
    if request.GET.get("plan") != "1":
        initial["when"] = _now_rounded()
    return initial, idea


@bond_view("GET", "POST")
def time_new(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    other = _other_name(bond, request.user)
    initial, idea = _initial_from_idea(request)
    form = TimeForm(
        request.POST if request.method == "POST" else None, initial=initial, other_name=other
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                with submitted_once(request):
                    time = services.time_log(
                        person=request.user,
                        bond=bond,
                        kind=data["kind"],
                        when=data["when"],
                        minutes=data["minutes"],
                        phones_away=data["phones_away"],
                        title=data["title"],
                        idea_id=data["idea"],
                        reflection=data["reflection"],
                        share_reflection=data["share_reflection"],
                    )
            except AlreadySubmitted as already:
                messages.info(request, already.message)
                return redirect("together:home", bond_id=bond.pk)
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                if time.is_planned:
                    messages.success(request, "Saved as a plan. It's waiting under “Coming up”.")
                elif data["reflection"] and data["share_reflection"] and other:
                    messages.success(request, "Logged, with your reflection shared.")
                elif data["reflection"]:
                    messages.success(request, "Logged. Your reflection is private to you.")
                else:
                    messages.success(request, "Logged. Nice to have had that time.")
                back = redirect("together:time", bond_id=bond.pk, quality_time_id=time.pk)
                return route_if_concerning(request, data["title"], data["reflection"]) or back
        status = 400
    context = {
        "bond": bond,
        "form": form,
        "idea": idea,
        "other": other,
        "resting": _resting(bond),
        "done_from_idea": idea and request.GET.get("plan") != "1",
    }
    return render(request, "together/log.html", context, status=status)


def _render_time(
    request: HttpRequest, bond, time, *, reflection_form=None, status=200
) -> HttpResponse:
    view = selectors.time_view(request.user, bond, time)
    other = view.other.display_name if view.other else None
    if reflection_form is None:
        initial = {"text": view.mine.text, "shared": view.mine.shared} if view.mine else {}
        reflection_form = ReflectionForm(initial=initial, other_name=other)
    context = {
        "bond": bond,
        "view": view,
        "time": time,
        "other": other,
        "resting": _resting(bond),
        "reflection_form": reflection_form,
    }
    return render(request, "together/time.html", context, status=status)


@bond_view("GET")
def time_detail(request: HttpRequest, bond_id, quality_time_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    return _render_time(request, bond, selectors.time_for_member(bond, quality_time_id))


@bond_view("GET", "POST")
def time_edit(request: HttpRequest, bond_id, quality_time_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    time = selectors.time_for_member(bond, quality_time_id)
    initial = {
        "kind": time.kind,
        "title": time.title,
        "when": time.when,
        "minutes": time.minutes,
        "phones_away": time.phones_away,
    }
    form = TimeForm(
        request.POST if request.method == "POST" else None, initial=initial, with_reflection=False
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.time_update(
                    person=request.user,
                    bond=bond,
                    time=time,
                    kind=data["kind"],
                    when=data["when"],
                    minutes=data["minutes"],
                    phones_away=data["phones_away"],
                    title=data["title"],
                )
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, "Saved your changes.")
                return redirect("together:time", bond_id=bond.pk, quality_time_id=time.pk)
        status = 400
    return render(
        request,
        "together/edit.html",
        {"bond": bond, "time": time, "form": form, "resting": _resting(bond)},
        status=status,
    )


# Small actions on one time together, each a service and what to say once it is done.
TIME_ACTIONS = {
    "done": (services.time_mark_done, "Marked as done. Add a reflection if you like."),
    "cancel": (services.time_cancel, "Cancelled. Plans change; there's always another time."),
    "reflection_unshare": (services.reflection_unshare, "Your reflection is private again."),
    "reflection_delete": (services.reflection_delete, "Your reflection is gone."),
}


@login_required
@require_POST
def time_action(request: HttpRequest, bond_id, quality_time_id, action: str) -> HttpResponse:
    """One of TIME_ACTIONS (the URL names which): run it, say how it went, go back."""
    service, done = TIME_ACTIONS[action]
    bond = bond_for_member(request.user, bond_id)
    time = selectors.time_for_member(bond, quality_time_id)
    return act(
        request,
        lambda: service(person=request.user, bond=bond, time=time),
        done=done,
        to="together:time",
        bond_id=bond.pk,
        quality_time_id=time.pk,
    )


@bond_view("POST")
def reflect(request: HttpRequest, bond_id, quality_time_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    time = selectors.time_for_member(bond, quality_time_id)
    form = ReflectionForm(request.POST, other_name=_other_name(bond, request.user))
    if not form.is_valid():
        return _render_time(request, bond, time, reflection_form=form, status=400)
    shared = form.cleaned_data.get("shared", False)
    try:
        services.reflection_save(
            person=request.user, bond=bond, time=time, text=form.cleaned_data["text"], shared=shared
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return _render_time(request, bond, time, reflection_form=form, status=400)
    messages.success(
        request, "Saved and shared." if shared else "Saved. Your reflection is private to you."
    )
    back = redirect("together:time", bond_id=bond.pk, quality_time_id=time.pk)
    return route_if_concerning(request, form.cleaned_data["text"]) or back


# --- Ideas -----------------------------------------------------------------------------


@bond_view("GET")
def ideas(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    form = IdeaFilterForm(request.GET or None, bond_kind=bond.kind_enum)
    wanted = form.cleaned_data if form.is_valid() else {}
    found = idea_library().filter(
        kind=ActivityKind(wanted["kind"]) if wanted.get("kind") else None,
        max_cost=Cost(wanted["cost"]) if wanted.get("cost") else None,
        at_home={"home": True, "out": False}.get(wanted.get("place", "")),
        bond_kind=None if wanted.get("fit") == "all" else bond.kind_enum,
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "bond": bond,
        "form": form,
        "page": _page(request, found, IDEAS_PER_PAGE),
        "total": len(found),
        "query": query.urlencode(),
        "resting": _resting(bond),
    }
    return render(request, "together/ideas.html", context)


# --- No-phone sessions -----------------------------------------------------------------


def _session_context(request: HttpRequest, bond, session) -> dict:
    person = request.user
    return {
        "bond": bond,
        "session": session,
        "resting": _resting(bond),
        "in_session": session is not None
        and person.pk in (session.started_by_id, session.joined_by_id),
        "elapsed_words": duration_label(session.elapsed_seconds // 60) if session else "",
        "other": _other_name(bond, person),
    }


@bond_view("GET")
def nophone(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    session = services.session_current(bond=bond)  # may close a forgotten one (see home)
    if session is None:
        session = selectors.session_just_ended(bond, timezone.now())
    context = _session_context(request, bond, session)
    context.update(form=SessionStartForm(), recent=selectors.recent_no_phone_times(bond))
    return render(request, "together/nophone.html", context)


@bond_view("POST")
def nophone_start(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    form = SessionStartForm(request.POST)
    if not form.is_valid():
        session = services.session_current(bond=bond)
        context = _session_context(request, bond, session)
        context.update(form=form, recent=selectors.recent_no_phone_times(bond))
        return render(request, "together/nophone.html", context, status=400)
    return act(
        request,
        lambda: services.session_start(
            person=request.user, bond=bond, kind=form.cleaned_data["kind"]
        ),
        done="Started. Put your phone somewhere out of reach, and enjoy.",
        to="together:nophone",
        bond_id=bond.pk,
    )


@bond_view("GET")
def nophone_status(request: HttpRequest, bond_id, nophone_id) -> HttpResponse:
    """The live part of the no-phone page, polled by htmx so both devices see the same."""
    bond = bond_for_member(request.user, bond_id)
    session = selectors.session_for_member(bond, nophone_id)
    if not request.htmx:
        return redirect("together:nophone", bond_id=bond.pk)
    if session.is_open:
        services.session_current(bond=bond)  # closes it if it was left running
        session = selectors.session_for_member(bond, nophone_id)
    return render(
        request, "together/_nophone_status.html", _session_context(request, bond, session)
    )


@bond_view("POST")
def nophone_join(request: HttpRequest, bond_id, nophone_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    session = selectors.session_for_member(bond, nophone_id)
    return act(
        request,
        lambda: services.session_join(person=request.user, bond=bond, session=session),
        done="You're in. Phones away, eyes up.",
        to="together:nophone",
        bond_id=bond.pk,
    )


@bond_view("POST")
def nophone_end(request: HttpRequest, bond_id, nophone_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    session = selectors.session_for_member(bond, nophone_id)
    try:
        time = services.session_end(person=request.user, bond=bond, session=session)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("together:nophone", bond_id=bond.pk)
    messages.success(
        request,
        f"Ended and logged: {time.duration} with phones away. Add a reflection if you like.",
    )
    return redirect("together:time", bond_id=bond.pk, quality_time_id=time.pk)


# --- The evening check-in ---------------------------------------------------------------


def _render_ritual(request: HttpRequest, bond, *, form=None, status=200) -> HttpResponse:
    day = bond_day(bond)
    view = selectors.ritual_view(request.user, bond, day)
    if form is None:
        initial = {"day": day}
        if view.mine:
            initial.update(high=view.mine.high, low=view.mine.low, feeling=view.mine.feeling)
        form = RitualForm(initial=initial)
    chosen = {form["feeling"].value()} - {None, ""}
    context = {
        "bond": bond,
        "view": view,
        "form": form,
        "resting": _resting(bond),
        "wheel_tree": feelings_wheel().tree(),
        "chosen_feeling": chosen,
        "opened_feelings": feelings_wheel().opened_by(chosen),
    }
    return render(request, "together/ritual.html", context, status=status)


@bond_view("GET")
def ritual(request: HttpRequest, bond_id) -> HttpResponse:
    return _render_ritual(request, bond_for_member(request.user, bond_id))


@bond_view("POST")
def ritual_submit(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    form = RitualForm(request.POST)
    if not form.is_valid():
        return _render_ritual(request, bond, form=form, status=400)
    data = form.cleaned_data
    try:
        services.ritual_submit(
            person=request.user,
            bond=bond,
            day=data["day"],
            high=data["high"],
            low=data["low"],
            feeling=data["feeling"],
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        view = selectors.ritual_view(request.user, bond, data["day"])
        if view.revealed:
            messages.success(request, "Saved. You've both shared, so here you both are.")
        elif view.solo:
            messages.success(request, "Saved. A quiet moment, just for you.")
        else:
            messages.success(request, "Saved.")
        return route_if_concerning(request, data["high"], data["low"]) or redirect(
            "together:ritual", bond_id=bond.pk
        )
    return redirect("together:ritual", bond_id=bond.pk)


@bond_view("POST")
def ritual_share(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    return act(
        request,
        lambda: services.ritual_share(person=request.user, bond=bond, day=bond_day(bond)),
        done="Shared. You'll see each other's once you've both given yours.",
        to="together:ritual",
        bond_id=bond.pk,
    )


@bond_view("GET")
def ritual_entries(request: HttpRequest, bond_id) -> HttpResponse:
    """The entries part of tonight's check-in, polled by htmx while one person waits."""
    bond = bond_for_member(request.user, bond_id)
    if not request.htmx:
        return redirect("together:ritual", bond_id=bond.pk)
    view = selectors.ritual_view(request.user, bond, bond_day(bond))
    return render(request, "together/_ritual_entries.html", {"bond": bond, "view": view})


@bond_view("GET")
def ritual_past(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    views = selectors.past_rituals(request.user, bond, before=bond_day(bond))
    return render(request, "together/ritual_past.html", {"bond": bond, "views": views})
