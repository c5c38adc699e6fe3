"""The API's personas: alice, bob and charlie (tests/conftest.py), each with a token."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from heartwork.api.services import token_create
from heartwork.domain.api_tokens import Scope


class ApiClient:
    """Django's test client speaking JSON with a bearer token (or none)."""

    def __init__(self, client, token: str | None = None) -> None:
        self.client, self.token = client, token

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def call(self, method: str, path: str, body=None, **params):
        url = path if path.startswith("/api/") else f"/api/v1{path}"
        if method == "get":
            return self.client.get(url, params, headers=self._headers())
        return getattr(self.client, method)(
            url,
            json.dumps(body if body is not None else {}),
            content_type="application/json",
            headers=self._headers(),
        )

    def get(self, path: str, **params):
        return self.call("get", path, **params)

    def post(self, path: str, body=None):
        return self.call("post", path, body)

    def patch(self, path: str, body=None):
        return self.call("patch", path, body)

    def delete(self, path: str):
        return self.call("delete", path)


def token_for(person, scope: Scope = Scope.WRITE) -> str:
    return token_create(person=person, name=f"{person.display_name}'s test", scope=scope).token


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # the rate-limit counters are per test
    yield


@pytest.fixture
def api_as(client):
    """``api_as(person)`` (a write token), ``api_as(person, Scope.READ)``, ``api_as(None)``."""

    def make(person, scope: Scope = Scope.WRITE) -> ApiClient:
        return ApiClient(client, token_for(person, scope) if person is not None else None)

    return make
