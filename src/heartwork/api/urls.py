from __future__ import annotations

import functools
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt

from heartwork.api.api import api


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, "fields": []}, status=status)


@csrf_exempt  # it changes nothing; without this a POST got Django's HTML page for CSRF
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/ answers in the API's error shape, not with a page,
    whatever the method."""
    return _error(404, "not_found", "Not found.")


def _json_405(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """django-ninja answers a method an address does not take in plain text; this gives
    that answer the API's one error shape too (and keeps its Allow header)."""

    @functools.wraps(view)  # keeps ninja's csrf_exempt mark
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            refused = _error(405, "method_not_allowed", "This address does not take that method.")
            refused["Allow"] = response.get("Allow", "")
            return refused
        return response

    return wrapped


_patterns, _app_name, _namespace = api.urls
for _pattern in _patterns:
    _pattern.callback = _json_405(_pattern.callback)

urlpatterns = [
    path("api/v1/", (_patterns, _app_name, _namespace)),
    re_path(r"^api/(?P<rest>.*)$", not_found),
]
