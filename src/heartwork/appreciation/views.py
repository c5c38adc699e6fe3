"""Appreciation pages for one bond. Every view resolves the bond through ``bond_for_member``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from heartwork.appreciation import selectors, services
from heartwork.appreciation.forms import ItemForm, NoteForm, ThankYouForm
from heartwork.bonds.selectors import bond_for_member
from heartwork.core.actions import act
from heartwork.core.errors import ApplicationError
from heartwork.domain.appreciation import chart_layout
from heartwork.domain.language import COACH_INPUT_MAX, FRAME, coach_appreciation

NOTES_PER_PAGE = 20


def _to_home(bond) -> HttpResponse:
    return redirect("appreciation:home", bond_id=bond.pk)


def _to_list(bond) -> HttpResponse:
    return redirect("appreciation:list", bond_id=bond.pk)


def _note_form(request: HttpRequest, bond, state, data=None) -> NoteForm:
    return NoteForm(
        data,
        coach_url=reverse("appreciation:coach", args=[bond.pk]),
        recipient=state.other.display_name if state.other else "them",
    )


def _render_home(
    request: HttpRequest, bond, *, note_form: NoteForm | None = None, held=None, status: int = 200
):
    """The bond's appreciation page. ``held`` is the coaching for a note paused before sending."""
    person = request.user
    state = selectors.send_state(bond, person)
    note_form = note_form or _note_form(request, bond, state)
    draft = note_form["text"].value() or ""
    context = {
        "bond": bond,
        "state": state,
        "note_form": note_form,
        "coaching": held or coach_appreciation(str(draft)[:COACH_INPUT_MAX]),
        "held": held is not None,
        "frame": FRAME,
        "section": selectors.today_section(person, bond=bond, with_nudge=False),
        "page": Paginator(selectors.notes_for(person, bond), NOTES_PER_PAGE).get_page(
            request.GET.get("page")
        ),
        "nudge_setting": selectors.nudge_setting(bond, person),
    }
    return render(request, "appreciation/home.html", context, status=status)


@login_required
@require_GET
def home(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    return _render_home(request, bond)


@login_required
@require_POST
def send(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    state = selectors.send_state(bond, request.user)
    if not state.can_send:
        messages.error(request, state.reason)
        return _to_home(bond)
    form = _note_form(request, bond, state, request.POST)
    if not form.is_valid():
        return _render_home(request, bond, note_form=form, status=400)
    coaching = coach_appreciation(form.cleaned_data["text"])
    if coaching.findings and not form.skip_coaching:
        # Not a refusal: the note waits, with a hint and a "Send it as it is" button.
        return _render_home(request, bond, note_form=form, held=coaching)
    return act(
        request,
        lambda: services.note_send(sender=request.user, bond=bond, text=form.cleaned_data["text"]),
        done=f"Sent. It's waiting for {state.other.display_name} on their Today page.",
        to="appreciation:home",
        bond_id=bond.pk,
        once=True,
    )


@login_required
@require_POST
def coach(request: HttpRequest, bond_id) -> HttpResponse:
    """The live hint: only the coaching for the text just posted, as a fragment."""
    bond_for_member(request.user, bond_id)
    text = request.POST.get("text", "")[: COACH_INPUT_MAX + 1]
    return render(
        request,
        "appreciation/_coaching.html",
        {"coaching": coach_appreciation(text), "frame": FRAME, "live": True},
    )


def _render_note(
    request: HttpRequest, bond, note, *, form: ThankYouForm | None = None, status: int = 200
):
    thanks = selectors.thank_you_for(note)
    is_recipient = note.recipient_id == request.user.pk
    context = {
        "bond": bond,
        "note": note,
        "thanks": thanks,
        "is_recipient": is_recipient,
        "can_reply": is_recipient and thanks is None and bond.is_active,
        "form": form or ThankYouForm(),
    }
    return render(request, "appreciation/note.html", context, status=status)


@login_required
@require_GET
def note(request: HttpRequest, bond_id, note_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    note_ = selectors.note_for_member(request.user, bond, note_id)
    # A GET that writes: opening a note is what "read" means, for its recipient (and a
    # thank-you is "seen" when its sender opens the note). Nothing else changes.
    services.note_open(person=request.user, note=note_)
    return _render_note(request, bond, note_)


@login_required
@require_POST
def reply(request: HttpRequest, bond_id, note_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    note_ = selectors.note_for_member(request.user, bond, note_id)
    form = ThankYouForm(request.POST)
    if not form.is_valid():
        return _render_note(request, bond, note_, form=form, status=400)
    return act(
        request,
        lambda: services.thank_you_send(
            person=request.user,
            bond=bond,
            note=note_,
            reaction=form.cleaned_data["reaction"],
            text=form.cleaned_data["text"],
        ),
        done=f"Sent. {note_.sender.display_name} will see your thank-you.",
        to="appreciation:note",
        bond_id=bond.pk,
        note_id=note_.pk,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_list(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return act(
            request,
            lambda: services.item_add(
                person=request.user, bond=bond, text=form.cleaned_data["text"]
            ),
            done="Added to your list. Only you can see it.",
            to="appreciation:list",
            bond_id=bond.pk,
            once=True,
        )
    context = {
        "bond": bond,
        "form": form,
        "items": list(selectors.items_for(request.user, bond)),
        "state": selectors.send_state(bond, request.user),
    }
    return render(request, "appreciation/list.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, bond_id, item_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    item = selectors.item_for_owner(request.user, bond, item_id)
    form = ItemForm(request.POST or None, initial={"text": item.text})
    if request.method == "POST" and form.is_valid():
        return act(
            request,
            lambda: services.item_edit(
                person=request.user, item=item, text=form.cleaned_data["text"]
            ),
            done="Saved.",
            to="appreciation:list",
            bond_id=bond.pk,
        )
    return render(
        request,
        "appreciation/item_edit.html",
        {"bond": bond, "item": item, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request: HttpRequest, bond_id, item_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    item = selectors.item_for_owner(request.user, bond, item_id)
    if request.method == "POST":
        return act(
            request,
            lambda: services.item_delete(person=request.user, item=item),
            done="Deleted from your list.",
            to="appreciation:list",
            bond_id=bond.pk,
        )
    return render(request, "appreciation/item_delete.html", {"bond": bond, "item": item})


@login_required
@require_http_methods(["GET", "POST"])
def item_share(request: HttpRequest, bond_id, item_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    item = selectors.item_for_owner(request.user, bond, item_id)
    state = selectors.send_state(bond, request.user)
    if request.method == "POST":
        return act(
            request,
            lambda: services.item_share(person=request.user, bond=bond, item=item),
            done=lambda _: f"Shared. {state.other.display_name} will find it as a note from you.",
            to="appreciation:list",
            bond_id=bond.pk,
        )
    context = {
        "bond": bond,
        "item": item,
        "state": state,
        "coaching": coach_appreciation(item.text),
        "frame": FRAME,
    }
    return render(request, "appreciation/item_share.html", context)


@login_required
@require_GET
def over_time(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    weeks = selectors.weeks_for(request.user, bond)
    context = {
        "bond": bond,
        "weeks": weeks,
        "chart": chart_layout(weeks),
        "other": selectors.other_member(bond, request.user),
    }
    return render(request, "appreciation/over_time.html", context)


@login_required
@require_POST
def nudge(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    choice = request.POST.get("choice", "")
    try:
        services.nudge_set(person=request.user, bond=bond, choice=choice)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            {
                "today": "No suggestion for the rest of today.",
                "off": "Daily suggestions for this bond are off. You can turn them on again here.",
                "on": "Daily suggestions are back on for this bond.",
            }[choice],
        )
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return _to_home(bond)
