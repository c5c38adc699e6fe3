"""Bond pages. Every view that takes a bond id resolves it through ``bond_for_member``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from heartwork.bonds import selectors, services
from heartwork.bonds.forms import BondForm
from heartwork.core.errors import ApplicationError
from heartwork.domain.bonds import BondKind, BondStatus
from heartwork.domain.invites import InviteState

INVITE_SESSION_KEY = "pending_invite_token"


@login_required
@require_http_methods(["GET", "POST"])
def bond_new(request: HttpRequest) -> HttpResponse:
    form = BondForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bond = services.bond_create(
            person=request.user, name=form.cleaned_data["name"], kind=BondKind(form.cleaned_data["kind"])
        )
        messages.success(request, "Your bond is ready. Invite them whenever you like.")
        return redirect("bonds:detail", bond_id=bond.pk)
    return render(request, "bonds/new.html", {"form": form})


@login_required
def bond_detail(request: HttpRequest, bond_id) -> HttpResponse:
    bond = selectors.bond_for_member(request.user, bond_id)
    invite = selectors.open_invite(bond)
    others = selectors.other_members(bond, request.user)
    context = {
        "bond": bond,
        "others": others,
        "invite": invite,
        "can_invite": bond.status == BondStatus.ACTIVE and not others,
        "paused_by_me": bond.paused_by_id == request.user.pk,
    }
    return render(request, "bonds/detail.html", context)


@login_required
@require_POST
def invite_create(request: HttpRequest, bond_id) -> HttpResponse:
    bond = selectors.bond_for_member(request.user, bond_id)
    try:
        issued = services.invite_create(person=request.user, bond=bond)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("bonds:detail", bond_id=bond.pk)
    link = request.build_absolute_uri(reverse("bonds:invite_open", kwargs={"token": issued.token}))
    # The link is shown this once; only its hash is kept, so it cannot be shown again.
    return render(request, "bonds/invite_link.html", {"bond": bond, "link": link, "invite": issued.invite})


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
        messages.success(request, f"You've joined {bond.name}. You'll both see it on your Today page.")
        return redirect("bonds:detail", bond_id=bond.pk)
    return render(request, "bonds/invite_accept.html", {"invite": invite})


def _bond_action(request: HttpRequest, bond_id, action, success: str) -> HttpResponse:
    bond = selectors.bond_for_member(request.user, bond_id)
    try:
        action(person=request.user, bond=bond)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("bonds:detail", bond_id=bond.pk)


@login_required
@require_POST
def bond_pause(request: HttpRequest, bond_id) -> HttpResponse:
    return _bond_action(request, bond_id, services.bond_pause, "Paused. Take the time you need.")


@login_required
@require_POST
def bond_resume(request: HttpRequest, bond_id) -> HttpResponse:
    return _bond_action(request, bond_id, services.bond_resume, "Welcome back. The bond is active again.")


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
