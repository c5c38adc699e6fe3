"""Tokens (made in Settings, shown once, hashed, scoped, revocable, last use kept), the
session with CSRF, the error shape, pagination and rate limits."""

from __future__ import annotations

import logging

from django.test import Client
from django.urls import reverse

from heartwork.api import auth
from heartwork.api.models import AccessToken
from heartwork.core.logging import RedactSecretsFilter
from heartwork.core.ratelimit import Limit
from heartwork.domain.api_tokens import hash_token
from tests.api.conftest import ApiClient, token_for


def made_in_settings(client, alice, scope="write", name="My phone") -> str:
    client.force_login(alice)
    page = client.post(reverse("tokens:list"), {"name": name, "scope": scope})
    assert page.status_code == 200
    token = page.context["issued"].token
    assert token in page.content.decode()
    client.logout()
    return token


def test_a_token_is_shown_once_and_stored_hashed(client, alice):
    token = made_in_settings(client, alice)
    record = AccessToken.objects.get(person=alice)
    assert record.token_hash == hash_token(token) and token not in record.token_hash
    client.force_login(alice)
    again = client.get(reverse("tokens:list")).content.decode()
    assert token not in again and "My phone" in again and "never used" in again


def test_a_token_works_keeps_its_last_use_and_stops_when_revoked(client, alice):
    token = made_in_settings(client, alice)
    api = ApiClient(Client(), token)
    assert api.get("/me").json()["email"] == "alice@example.com"
    record = AccessToken.objects.get(person=alice)
    assert record.last_used_at is not None
    assert api.get("/tokens").json()[0]["name"] == "My phone"
    client.force_login(alice)
    client.post(reverse("tokens:revoke", args=[record.pk]))
    response = api.get("/me")
    assert response.status_code == 401
    assert response.json() == {
        "code": "unauthenticated",
        "message": "Sign in, or send a valid access token.",
        "fields": [],
    }


def test_a_read_token_reads_and_may_not_write(client, alice):
    api = ApiClient(client, made_in_settings(client, alice, scope="read"))
    assert api.get("/bonds").status_code == 200
    response = api.post("/bonds", {"name": "x", "kind": "friend"})
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_someone_elses_token_cannot_be_revoked(client, alice, bob):
    made_in_settings(client, alice)
    record = AccessToken.objects.get(person=alice)
    client.force_login(bob)
    assert client.post(reverse("tokens:revoke", args=[record.pk])).status_code == 404
    assert ApiClient(client).delete(f"/tokens/{record.pk}").status_code == 404  # bob's session


def test_the_session_works_for_reads_and_needs_csrf_for_writes(alice):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    assert browser.get("/api/v1/me").status_code == 200
    body = '{"name": "Ours", "kind": "friend"}'
    refused = browser.post("/api/v1/bonds", body, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    browser.get(reverse("accounts:settings"))  # sets the CSRF cookie, as any page does
    csrf = browser.cookies["csrftoken"].value
    made = browser.post(
        "/api/v1/bonds", body, content_type="application/json", headers={"X-CSRFToken": csrf}
    )
    assert made.status_code == 201


def test_validation_errors_name_the_field_and_why(api_as, alice):
    response = api_as(alice).post("/checkins", {"feelings": ["calm"], "intensity": 9})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert [f["field"] for f in body["fields"]] == ["intensity"]
    assert "5" in body["fields"][0]["message"]
    off_wheel = api_as(alice).post("/checkins", {"feelings": ["zzz"], "intensity": 2})
    assert off_wheel.status_code == 422
    assert off_wheel.json()["fields"][0]["field"] == "feelings"


def test_a_business_rule_is_409_with_its_message(api_as, alice, shared_bond):
    api = api_as(alice)
    response = api.post(f"/bonds/{shared_bond.pk}/resume")
    assert response.status_code == 409
    assert response.json()["message"] == "This bond isn't paused."


def test_unknown_addresses_under_api_are_json_404(api_as, alice):
    response = api_as(alice).get("/api/v2/anything")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_unknown_addresses_are_json_404_for_writes_too(alice):
    """Found by the stateful schemathesis run: a POST to an address no route takes (an id
    that is not an id) got Django's HTML page about CSRF, not the API's 404."""
    api = ApiClient(Client(enforce_csrf_checks=True), token_for(alice))
    for method in ("post", "patch", "delete"):
        response = api.call(method, "/bonds/not-an-id/prompt/x/answer", {"text": "hi"})
        assert response.status_code == 404, method
        assert response.json()["code"] == "not_found"


def test_pagination_is_by_cursor_and_stable(api_as, alice):
    api = api_as(alice)
    for i in range(5):
        made = api.post("/checkins", {"feelings": ["calm"], "intensity": 1, "note": f"n{i}"})
        assert made.status_code == 201
    first = api.get("/checkins", limit=2).json()
    assert [c["note"] for c in first["items"]] == ["n4", "n3"]
    api.post("/checkins", {"feelings": ["calm"], "intensity": 1, "note": "new"})  # meanwhile
    second = api.get("/checkins", limit=2, cursor=first["next_cursor"]).json()
    third = api.get("/checkins", limit=2, cursor=second["next_cursor"]).json()
    assert [c["note"] for c in second["items"] + third["items"]] == ["n2", "n1", "n0"]
    assert third["next_cursor"] is None
    bad = api.get("/checkins", cursor="not-a-cursor")
    assert bad.status_code == 422 and bad.json()["fields"][0]["field"] == "cursor"


def test_each_token_has_its_own_rate_limit(api_as, alice, monkeypatch):
    monkeypatch.setattr(auth, "RATE", Limit(scope="api-test", count=3, seconds=60))
    first, second = api_as(alice), api_as(alice)
    assert [first.get("/me").status_code for _ in range(3)] == [200, 200, 200]
    limited = first.get("/me")
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited"
    assert limited["Retry-After"] == "60"
    assert second.get("/me").status_code == 200


def test_logs_hold_neither_tokens_nor_writing(client, alice, caplog):
    """What the API logs is ids and outcomes; a token that reaches a log line is cut out."""
    secret_words = "words-only-alice-wrote"
    token = made_in_settings(client, alice)
    api = ApiClient(Client(), token)
    with caplog.at_level(logging.DEBUG):
        api.post("/checkins", {"feelings": ["calm"], "intensity": 2, "note": secret_words})
        api.post("/checkins", {"feelings": ["nope"], "intensity": 2, "note": secret_words})
        api.get("/nowhere")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert secret_words not in logged and token not in logged
    record = logging.LogRecord("x", logging.WARNING, "", 0, "Bad: Bearer %s", (token,), None)
    RedactSecretsFilter().filter(record)
    assert token not in record.getMessage() and "hwpat_[redacted]" in record.getMessage()


def test_a_method_an_address_does_not_take_is_405_in_the_error_shape(api_as, alice):
    response = api_as(alice).call("put", "/me")
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert "PATCH" in response["Allow"]


def test_me_reads_and_changes_the_theme(api_as, alice):
    api = api_as(alice)
    assert api.get("/me").json()["theme"] == "system"
    assert api.patch("/me", {"theme": "dark"}).json()["theme"] == "dark"
    # Changing something else keeps it; an unknown theme is refused and changes nothing.
    assert api.patch("/me", {"display_name": "Al"}).json()["theme"] == "dark"
    refused = api.patch("/me", {"theme": "purple", "display_name": "Bea"})
    assert refused.status_code in (400, 422)
    alice.refresh_from_db()
    assert (alice.theme, alice.display_name) == ("dark", "Al")
