"""Help, staying safe, and the quick exit: open to everyone, logged in or not, and never
logged per person."""

import logging

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from heartwork.domain.help import help_directory
from heartwork.help.selectors import likely_country

log = logging.getLogger(__name__)

# What the browser is asked to forget when someone leaves in a hurry: the session cookie
# and everything stored for this site (local storage, the service worker and its caches).
# Not "cache": every page is no-store, so the HTTP cache holds only static files, and
# clearing it can hold the response up, which a quick exit cannot afford.
LEAVE_CLEARS = '"cookies", "storage"'


def help_page(request: HttpRequest) -> HttpResponse:
    """Crisis lines and support. The country chosen on the page wins; otherwise the
    person's likely country comes first (heartwork.help.selectors.likely_country)."""
    country = likely_country(request, chosen=request.GET.get("country"))
    return render(request, "help/help.html", {"directory": help_directory(), "country": country})


def safety_page(request: HttpRequest) -> HttpResponse:
    return render(request, "help/safety.html")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest) -> HttpResponse:
    """The quick exit: end the session here, then go to the neutral site.

    With JavaScript, quick-exit.js POSTs here (fetch with keepalive) while it replaces the
    page with the neutral site, and the 204 answer is never waited for. Without it, the
    *Leave this site now* link itself comes here (GET) and is redirected.

    No CSRF check, on purpose (docs/safety.md): the worst a forged request can do is log
    someone out and show them a weather page. A check could fail on a stale token (a page
    left open across a login in another tab), and then the session would stay open at the
    very moment someone needs it closed. The session cookie is SameSite=Lax, so another
    site can only do this by sending the whole tab here, which is plain to see.
    """
    if _is_prefetch(request):
        # A browser fetching ahead of a tap must not end anyone's session.
        return HttpResponse(status=204)
    try:
        logout(request)
    except Exception:
        # Leaving must work even when the session store is what failed: the neutral site
        # still opens, and the cookie is cleared by Clear-Site-Data below.
        log.warning("quick exit: the session could not be ended")
    response = (
        HttpResponse(status=204)
        if request.method == "POST"
        else HttpResponseRedirect(settings.QUICK_EXIT_URL)
    )
    response["Clear-Site-Data"] = LEAVE_CLEARS
    response["Referrer-Policy"] = "no-referrer"
    return response


def _is_prefetch(request: HttpRequest) -> bool:
    purpose = request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose", "")
    return "prefetch" in purpose.lower() or "prerender" in purpose.lower()
