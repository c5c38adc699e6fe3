"""Friendly error pages. They render without touching the database."""

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token


def _page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    html = render_to_string("error.html", {"title": title, "message": message, "status": status}, request)
    return HttpResponse(html, status=status)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404, "We couldn't find that page", "It may have moved, or it may not be yours to see.")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403, "That didn't go through", "Please go back, reload the page and try again.")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400, "That request didn't make sense to us", "Please go back and try again.")


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    return _page(request, 500, "Something went wrong on our side", "Nothing you did caused this. Please try again in a moment.")
