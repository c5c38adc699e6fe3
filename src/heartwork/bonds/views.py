"""Bond pages. Every view that takes a bond id resolves it through ``bond_for_member``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from heartwork.bonds import selectors, services
from heartwork.bonds.forms import BondForm, RenameForm
from heartwork.core.actions import act
from heartwork.core.errors import ApplicationError
from heartwork.core.idempotency import AlreadySubmitted, submitted_once
from heartwork.core.practices import bond_groups, waiting_for
from heartwork.domain.bonds import BondKind
from heartwork.domain.invites import InviteState

INVITE_SESSION_KEY = "pending_invite_token"


@login_required
def bond_list(request: HttpRequest) -> HttpResponse:
    """Every bond of the person: the ones in use first, ended ones folded away."""
    summaries = selectors.bond_summaries_for_person(request.user)
    context = {
        "current": [s for s in summaries if s.bond.status != "ended"],
        "ended": [s for s in summaries if s.bond.status == "ended"],
    }
    return render(request, "bonds/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def bond_new(request: HttpRequest) -> HttpResponse:
    form = BondForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with submitted_once(request):
                bond = services.bond_create(
                    person=request.user,
                    name=form.cleaned_data["name"],
                    kind=BondKind(form.cleaned_data["kind"]),
                )
        except AlreadySubmitted as already:
            messages.info(request, already.message)
            return redirect("today:today")
        messages.success(request, "Your bond is ready. Invite them whenever you like.")
        return redirect("bonds:detail", bond_id=bond.pk)
    return render(request, "bonds/new.html", {"form": form})


@login_required
def bond_detail(
    request: HttpRequest, bond_id, rename_form: RenameForm | None = None
) -> HttpResponse:
    bond = selectors.bond_for_member(request.user, bond_id)
    invite = selectors.open_invite(bond)
    others = selectors.other_members(bond, request.user)
    context = {
        "bond": bond,
        "others": others,
        "invite": invite,
        "can_invite": bond.is_active and not others,
        "paused_by_me": bond.paused_by_id == request.user.pk,
        "rename_form": rename_form or RenameForm(initial={"name": bond.name}),
        # Each practice's card, from the registry, grouped by what people want to do.
        "groups": bond_groups(request.user, bond),
        "waiting": waiting_for(request.user, bond_id=bond.pk) if others else [],
    }
    return render(request, "bonds/detail.html", context, status=400 if rename_form else 200)


@login_required
@require_POST
def bond_rename(request: HttpRequest, bond_id) -> HttpResponse:
    bond = selectors.bond_for_member(request.user, bond_id)
    form = RenameForm(request.POST)
    if not form.is_valid():
        return bond_detail(request, bond_id, rename_form=form)
    services.bond_rename(person=request.user, bond=bond, name=form.cleaned_data["name"])
    messages.success(request, "Renamed. Only you see this name.")
    return redirect("bonds:detail", bond_id=bond.pk)


@login_required
@require_http_methods(["GET", "POST"])
def invite_create(request: HttpRequest, bond_id) -> HttpResponse:
    """The invite page. GET shows the open link (the same one on every visit) or a button
    to make one; POST makes a link only when none is open, so a reload or a second tap
    never replaces a link already sent. Replacing it is its own action (``invite_new``)."""
    bond = selectors.bond_for_member(request.user, bond_id)
    if request.method == "POST":
        try:
            services.invite_open_or_create(person=request.user, bond=bond)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("bonds:detail", bond_id=bond.pk)
        return redirect("bonds:invite_create", bond_id=bond.pk)
    if not bond.is_active or selectors.other_members(bond, request.user):
        # Nothing to invite to: say why on the bond's own page rather than a dead end.
        return redirect("bonds:detail", bond_id=bond.pk)
    shown = services.shown_invite(person=request.user, bond=bond)
    context = {
        "bond": bond,
        "invite": shown.invite if shown else None,
        "link": _link(request, shown.token) if shown else "",
        # An open link this page cannot show (made before links were kept): it still works.
        "unshown_open": shown is None and selectors.open_invite(bond) is not None,
    }
    return render(request, "bonds/invite_link.html", context)


def _link(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("bonds:invite_open", kwargs={"token": token}))


@login_required
@require_POST
def invite_new(request: HttpRequest, bond_id) -> HttpResponse:
    """Make a new link on purpose: the one already sent stops working."""
    bond = selectors.bond_for_member(request.user, bond_id)
    had_one = selectors.open_invite(bond) is not None
    try:
        services.invite_create(person=request.user, bond=bond)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("bonds:invite_create", bond_id=bond.pk)
    if had_one:
        messages.success(request, "Here's a new link. The one you had before no longer works.")
    return redirect("bonds:invite_create", bond_id=bond.pk)


@login_required
@require_POST
def invite_not_now(request: HttpRequest, bond_id) -> HttpResponse:
    """Today's first run stops asking to invite someone to this bond."""
    bond = selectors.bond_for_member(request.user, bond_id)
    services.invite_step_hide(person=request.user, bond=bond)
    messages.info(
        request, "All right, just you for now. You can invite them any time from the bond's page."
    )
    return redirect("today:today")


@login_required
@require_POST
def invite_revoke(request: HttpRequest, bond_id) -> HttpResponse:
    bond = selectors.bond_for_member(request.user, bond_id)
    services.invite_revoke(person=request.user, bond=bond)
    messages.success(request, "That invite link no longer works.")
    return redirect("bonds:detail", bond_id=bond.pk)


def invite_open(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the invite. The token moves into the session at once, and the
    browser is sent on to a token-free address, so it stays out of history and referrers."""
    request.session[INVITE_SESSION_KEY] = token
    return redirect("bonds:invite_accept")


@require_http_methods(["GET", "POST"])
def invite_accept(request: HttpRequest) -> HttpResponse:
    token = request.session.get(INVITE_SESSION_KEY, "")
    invite, state = selectors.invite_from_token(token)
    if invite is None:
        return render(request, "bonds/invite_problem.html", {"problem": "unknown"}, status=404)
    if state is not InviteState.OPEN:
        return render(request, "bonds/invite_problem.html", {"problem": state.value}, status=410)
    if not request.user.is_authenticated:
        return render(request, "bonds/invite_welcome.html", {"invite": invite})
    if request.method == "POST":
        try:
            bond = services.invite_accept(person=request.user, invite_id=invite.pk)
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("today:today")
        request.session.pop(INVITE_SESSION_KEY, None)
        messages.success(
            request,
            f"You've joined {invite.created_by.display_name}. Give the bond your own name "
            f"whenever you like.",
        )
        return redirect("bonds:detail", bond_id=bond.pk)
    return render(request, "bonds/invite_accept.html", {"invite": invite})


def _bond_action(request: HttpRequest, bond_id, action, success: str) -> HttpResponse:
    bond = selectors.bond_for_member(request.user, bond_id)
    return act(
        request,
        lambda: action(person=request.user, bond=bond),
        done=success,
        to="bonds:detail",
        bond_id=bond.pk,
    )


@login_required
@require_POST
def bond_pause(request: HttpRequest, bond_id) -> HttpResponse:
    return _bond_action(request, bond_id, services.bond_pause, "Paused. Take the time you need.")


@login_required
@require_POST
def bond_resume(request: HttpRequest, bond_id) -> HttpResponse:
    return _bond_action(
        request, bond_id, services.bond_resume, "Welcome back. The bond is active again."
    )


@login_required
@require_http_methods(["GET", "POST"])
def bond_leave(request: HttpRequest, bond_id) -> HttpResponse:
    bond = selectors.bond_for_member(request.user, bond_id)
    if request.method == "POST":
        services.bond_leave(person=request.user, bond=bond)
        messages.success(request, "You've left the bond.")
        return redirect("today:today")
    others = selectors.other_members(bond, request.user)
    return render(request, "bonds/leave.html", {"bond": bond, "others": others})
