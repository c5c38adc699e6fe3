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


def first_step(summaries) -> str:
    """Where a new person is in the first run: "name" (no bond yet), "invite" (only bonds
    of one, none with a link out), "waiting" (an invite is out) or "" (under way)."""
    current = [s for s in summaries if s.bond.status != "ended"]
    if not current:
        return "name"
    if any(s.others for s in current):
        return ""
    return "waiting" if any(s.invite_expires_at for s in current) else "invite"


@login_required
def today(request: HttpRequest) -> HttpResponse:
    person = request.user
    summaries = bond_summaries_for_person(person)
    step = first_step(summaries)
    token = live_token(person)
    request.live_token = token  # type: ignore[attr-defined]  # the page's own poll reuses it
    context = {
        "current": [s for s in summaries if s.bond.status != "ended"],
        "ended": [s for s in summaries if s.bond.status == "ended"],
        "first_step": step,
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
