"""The OpenAPI document's links (heartwork.api.links) cannot rot: each names a real
operation, gives it every path parameter it needs and nothing it does not take, and each
expression names a real parameter of the request or a real field of the response."""

from __future__ import annotations

from typing import Any

import pytest

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    import json

    from django.test import Client

    return json.loads(Client().get("/api/v1/openapi.json").content)


def _operations(document) -> dict[str, dict[str, Any]]:
    found = {}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                found[operation["operationId"]] = {**operation, "_path": path}
    return found


def _path_parameters(operation) -> set[str]:
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}


def _resolve(document, schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        schema = document["components"]["schemas"][name]
    return schema


def _field(document, schema: dict[str, Any], pointer: str) -> dict[str, Any] | None:
    """The schema at ``pointer`` (a JSON pointer into the body), or None if there is none."""
    for part in pointer.strip("/").split("/"):
        schema = _resolve(document, schema)
        if schema.get("type") == "array" and part.isdigit():
            schema = schema["items"]
        elif part in schema.get("properties", {}):
            schema = schema["properties"][part]
        else:
            return None
    return _resolve(document, schema)


def _links(document):
    for operation_id, operation in _operations(document).items():
        for status, response in operation["responses"].items():
            for name, link in response.get("links", {}).items():
                yield operation_id, operation, status, response, name, link


@pytest.mark.django_db
def test_every_link_names_a_real_operation_and_real_fields(document):
    operations = _operations(document)
    problems = []
    for operation_id, operation, status, response, name, link in _links(document):
        where = f"{operation_id} {status} → {name}"
        target = operations.get(link["operationId"])
        if target is None:
            problems.append(f"{where}: no operation {link['operationId']}")
            continue
        given = set(link["parameters"])
        if given != _path_parameters(target):
            problems.append(f"{where}: gives {sorted(given)}, needs {_path_parameters(target)}")
        for parameter, expression in link["parameters"].items():
            if expression.startswith("$request.path."):
                if expression.removeprefix("$request.path.") not in _path_parameters(operation):
                    problems.append(f"{where}: {parameter} = {expression}: no such parameter")
            elif expression.startswith("$response.body#"):
                body = response["content"]["application/json"]["schema"]
                field = _field(document, body, expression.removeprefix("$response.body#"))
                if field is None:
                    problems.append(f"{where}: {parameter} = {expression}: no such field")
                elif field.get("format") != "uuid":
                    problems.append(f"{where}: {parameter} = {expression}: not an id")
            else:
                problems.append(f"{where}: {parameter} = {expression}: not an expression we use")
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_the_links_the_issue_asks_for_are_there(document):
    found = {(op, link["operationId"]) for op, _o, _s, _r, _n, link in _links(document)}
    wanted = {
        ("bonds_bond_create", "bonds_invite_create"),
        ("bonds_bond_create", "prompts_prompt_today"),
        ("bonds_bond_create", "checkins_bond_checkins"),
        ("checkins_checkin_create", "checkins_checkin_detail"),
        ("checkins_checkin_create", "checkins_checkin_delete"),
        ("appreciation_note_send", "appreciation_note_detail"),
        ("prompts_answer", "prompts_prompt_today"),
        ("prompts_answer", "prompts_reply"),
        ("repair_repair_open", "repair_repair_detail"),
        ("conflict_draft_save", "conflict_message_send"),
        ("together_time_log", "together_time_detail"),
    }
    assert wanted <= found, sorted(wanted - found)
    # Links sit only on answers that made or found the thing they point from.
    for _op, _o, status, *_ in _links(document):
        assert status in {"200", "201"}
