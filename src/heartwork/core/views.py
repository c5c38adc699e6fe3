"""Friendly error pages. They render without touching the database."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views.decorators.http import require_safe


def _page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    html = render_to_string(
        "error.html", {"title": title, "message": message, "status": status}, request
    )
    return HttpResponse(html, status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        404,
        "We couldn't find that page",
        "It may have moved, or it may not be yours to see.",
    )


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request, 403, "That didn't go through", "Please go back, reload the page and try again."
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request, 400, "That request didn't make sense to us", "Please go back and try again."
    )


def _static_or_none(path: str) -> str | None:
    try:
        return static(path)
    except ValueError:  # not collected: no manifest entry
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page. It is rendered without the request, so it never touches the session,
    the person or the database, whichever of them failed; and it sets the privacy headers
    itself in case the middleware that normally adds them is what broke."""
    context = {
        "site_name": settings.SITE_NAME,
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "help_url": "/help/",
    }
    response = HttpResponse(render_to_string("500.html", context), status=500)
    response["Cache-Control"] = "no-store, no-cache, must-revalidate, private, max-age=0"
    response["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Nothing here is for search engines: every page past the front door is private."""
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon."""
    return HttpResponsePermanentRedirect(static("heartwork/icon.svg"))
