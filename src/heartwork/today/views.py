from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from heartwork.bonds.forms import BondForm
from heartwork.bonds.selectors import bond_summaries_for_person
from heartwork.core.live import live_token
from heartwork.core.practices import today_sections, waiting_for
from heartwork.today.cache import TODAY_SECONDS, today_cache_key


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("today:today")
    return render(request, "today/home.html")


def first_step(summaries) -> tuple[str, object]:
    """Where a new person is in the first run, and the bond summary that step is about:
    "name" (no bond yet), "invite" (only bonds of one, none with a link out, and one they
    haven't said "Not now" to), "waiting" (an invite is out) or "" (under way, or happy to
    start alone)."""
    current = [s for s in summaries if s.bond.status != "ended"]
    if not current:
        return "name", None
    if any(s.others for s in current):
        return "", None
    out = [s for s in current if s.invite_expires_at]
    if out:
        return "waiting", out[0]
    to_ask = [s for s in current if not s.invite_step_hidden]
    return ("invite", to_ask[0]) if to_ask else ("", None)


@login_required
def today(request: HttpRequest) -> HttpResponse:
    person = request.user
    summaries = bond_summaries_for_person(person)
    step, step_summary = first_step(summaries)
    token = live_token(person)
    request.live_token = token  # type: ignore[attr-defined]  # the page's own poll reuses it
    context = {
        "current": [s for s in summaries if s.bond.status != "ended"],
        "ended": [s for s in summaries if s.bond.status == "ended"],
        "first_step": step,
        "first_summary": step_summary,
        "bond_form": BondForm() if step == "name" else None,
        # What waits for the person, one card each, and each practice's own section,
        # from the registry (heartwork.core.practices). Read only when the body is drawn,
        # not when it is shown again from the cache.
        "waiting": SimpleLazyObject(lambda: waiting_for(person)),
        "sections": SimpleLazyObject(lambda: today_sections(person)),
        # The first run is never kept: its form carries a one-time submission key.
        "cache_key": None if step else today_cache_key(request, token),
        "cache_seconds": TODAY_SECONDS,
    }
    return render(request, "today/today.html", context)


@login_required
@require_GET
def live(request: HttpRequest) -> HttpResponse:
    """Polled by open pages: 204 while nothing changed, 200 when the page should update
    (static/heartwork/live.js then fetches the page again and swaps it in)."""
    if request.GET.get("v") == live_token(request.user):
        return HttpResponse(status=204)
    return HttpResponse(status=200)
