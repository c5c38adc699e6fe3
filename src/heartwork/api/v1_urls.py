"""The API's own addresses, under /api/v1/ (mounted by heartwork.api.urls).

A module of its own so that it is imported only when something needs it: a request under
/api/v1/, or a ``reverse("api:…")``. Importing it builds the API with every practice's
router and its pydantic schemas, some 13 MB a process; the pages never need them, so a web
worker that only serves pages, and the background runner, never pay for them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from heartwork.api.api import api


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, "fields": []}, status=status)


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


urlpatterns, _app_name, _namespace = api.urls
for _pattern in urlpatterns:
    _pattern.callback = _json_405(_pattern.callback)
