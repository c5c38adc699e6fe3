"""OpenAPI links: what a client (or schemathesis' state machine) can do next with what an
operation just returned. https://spec.openapis.org/oas/v3.1.0#link-object

An operation names its links next to itself, through django-ninja's ``openapi_extra``::

    @router.post("/checkins", ..., openapi_extra=links(201, "checkins_checkin_detail",
                                                       checkin_id=BODY_ID))

Each parameter is a runtime expression: ``BODY_ID`` is the id in the response body, and
``same("bond_id")`` is the path parameter of the request that was just made.
``tests/api/test_links.py`` checks that every link names a real operation and that each
expression names a real field of the response or a real parameter of the request.
"""

from __future__ import annotations

from typing import Any

BODY_ID = "$response.body#/id"


def same(name: str) -> str:
    """The request's own path parameter ``name``, passed on."""
    return f"$request.path.{name}"


def body(field: str) -> str:
    """A top-level field of the response body."""
    return f"$response.body#/{field}"


def links(status: int, *targets: str | tuple[str, dict[str, str]], **parameters: str) -> dict:
    """``openapi_extra`` giving the ``status`` response links to other operations.

    Each target is an operationId (taking ``parameters``), or an ``(operationId,
    {parameter: expression})`` pair when one target needs other parameters.
    """
    found: dict[str, Any] = {}
    for target in targets:
        operation_id, params = (target, parameters) if isinstance(target, str) else target
        found[operation_id] = {"operationId": operation_id, "parameters": dict(params)}
    # ninja keys responses by int status; a str key would sit beside it, not merge into it.
    return {"responses": {status: {"links": found}}}
