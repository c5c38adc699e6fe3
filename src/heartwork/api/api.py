"""The JSON API, version 1: one NinjaAPI, its routers, its error shape.

Routers come from two places and nowhere else: the few that belong to no practice
(``CORE_ROUTERS``: me, tokens, bonds) and every practice's own ``api`` module, read from
the practice registry (heartwork.core.practices). A new practice plugs in by naming its
module in ``Practice(api=...)``; ``tests/core/test_practices.py`` checks that it did.
"""

from __future__ import annotations

import importlib
import json
import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import Swagger, _csrf_needed

from heartwork.api.auth import CookieSessionAuth, PerCallerThrottle, TokenAuth
from heartwork.api.common import BadCursor
from heartwork.core.errors import ApplicationError
from heartwork.core.practices import practices

log = logging.getLogger("heartwork.api")

CORE_ROUTERS = {
    "me": "heartwork.accounts.api",
    "tokens": "heartwork.api.tokens",
    "bonds": "heartwork.bonds.api",
}


class OwnFilesSwagger(Swagger):
    """The docs page from ninja's own template and static files, never from a CDN.

    django-ninja uses its files only when "ninja" is in INSTALLED_APPS, and a CDN
    otherwise. heartwork names ninja's folders in settings (NINJA_DIR) instead of
    installing it as an app, so that processes that never build the API never import it;
    this renders the page as ninja does for an installed app.
    """

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)


class HeartworkAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        """``<app>_<function>``: stable, readable ids for clients and the authorization walk."""
        module = operation.view_func.__module__.split(".")
        return f"{module[1]}_{operation.view_func.__name__}"


def router_of(dotted: str) -> Router:
    router = importlib.import_module(dotted).router
    if not isinstance(router, Router):
        raise TypeError(f"{dotted}.router is not a ninja Router")
    return router


def _error(
    request: HttpRequest, status: int, code: str, message: str, fields: list | None = None
) -> HttpResponse:
    return api.create_response(
        request, {"code": code, "message": message, "fields": fields or []}, status=status
    )


def _field_name(loc: tuple | list) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] == "body":
        parts = parts[2:] or parts[1:]  # ["body", "payload", "text"] → "text"
    elif parts and parts[0] in ("query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(parts) or "body"


api = HeartworkAPI(
    title="heartwork",
    version="1",
    description="The JSON API of heartwork: everything a phone needs. See docs/api.md.",
    urls_namespace="api",
    auth=[TokenAuth(), CookieSessionAuth()],
    throttle=[PerCallerThrottle()],
    docs=OwnFilesSwagger(),
    docs_url="/docs/",
    openapi_url="/openapi.json",
)

for _prefix, _dotted in CORE_ROUTERS.items():
    api.add_router(f"/{_prefix}", router_of(_dotted))
for _practice in practices():
    if _practice.api:
        api.add_router("/", router_of(_practice.api))


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields = [
        {"field": _field_name(e.get("loc", ())), "message": str(e.get("msg", "Not valid."))}
        for e in exc.errors
    ]
    return _error(request, 422, "invalid", "Some of what was sent is not valid.", fields)


@api.exception_handler(DjangoValidationError)
def _invalid_model(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        fields = [
            {"field": name, "message": " ".join(str(m) for m in messages)}
            for name, messages in exc.message_dict.items()
        ]
    else:
        fields = [{"field": "body", "message": " ".join(exc.messages)}]
    return _error(request, 422, "invalid", "Some of what was sent is not valid.", fields)


@api.exception_handler(BadCursor)
def _bad_cursor(request: HttpRequest, exc: BadCursor) -> HttpResponse:
    fields = [{"field": "cursor", "message": str(exc)}]
    return _error(request, 422, "invalid", "Some of what was sent is not valid.", fields)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(request, 401, "unauthenticated", "Sign in, or send a valid access token.")
    response["WWW-Authenticate"] = 'Bearer realm="heartwork"'
    return response


@api.exception_handler(AuthorizationError)
def _forbidden(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
    return _error(request, 403, "forbidden", exc.message)


@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, "forbidden", "That is not allowed.")


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    return _error(request, 429, "rate_limited", "Too many requests. Wait a minute and try again.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {400: "invalid", 403: "forbidden", 404: "not_found", 409: "refused"}
    return _error(request, exc.status_code, codes.get(exc.status_code, "error"), exc.message)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # One message for "no such thing" and "not yours": nothing says whether it exists.
    return _error(request, 404, "not_found", "Not found.")


@api.exception_handler(ApplicationError)
def _refused(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return _error(request, 409, "refused", exc.message)
