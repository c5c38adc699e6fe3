import logging
import os
import subprocess
import sys

import pytest
from django.test import Client
from django.urls import reverse

from heartwork.core.logging import RedactSecretsFilter, redact

PUBLIC_PAGES = [
    "home",
    "accounts:login",
    "accounts:signup",
    "accounts:password_reset",
    "help:help",
    "help:safety",
]
PRIVATE_PAGES = [
    "today:today",
    "accounts:settings",
    "accounts:delete",
    "accounts:password_change",
    "bonds:new",
]


def assert_private_headers(response):
    assert "no-store" in response["Cache-Control"]
    csp = response["Content-Security-Policy"]
    assert (
        "frame-ancestors 'none'" in csp
        and "script-src 'self'" in csp
        and "unsafe-inline" not in csp
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_carry_every_header(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_private_headers(response)


@pytest.mark.parametrize("name", PRIVATE_PAGES)
def test_private_pages_carry_every_header(alice_client, name):
    response = alice_client.get(reverse(name))
    assert response.status_code == 200
    assert_private_headers(response)


@pytest.mark.parametrize("name", PRIVATE_PAGES)
def test_private_pages_need_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_every_page_has_help_and_quick_exit(alice_client):
    for page_client, names in ((Client(), PUBLIC_PAGES), (alice_client, PRIVATE_PAGES)):
        for name in names:
            body = page_client.get(reverse(name)).content.decode()
            assert "data-quick-exit" in body and reverse("help:help") in body, name


def test_not_found_page_is_friendly(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "find that page" in response.content.decode()


def test_logging_redacts_invite_and_reset_tokens():
    assert redact("Not Found: /invite/abcDEF123-_xyz/") == "Not Found: /invite/[redacted]/"
    assert redact("GET /reset/MQ/c2x-abc123/") == "GET /reset/MQ/[redacted]/"
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        ("/invite/secret-token/",),
        None,
    )
    record.request = object()
    RedactSecretsFilter().filter(record)
    assert "secret-token" not in record.getMessage() and record.request is None


def test_invite_token_never_reaches_the_logs(client, alice, bob, solo_bond, caplog):
    client.force_login(alice)
    url = reverse("bonds:invite_create", args=[solo_bond.pk])
    body = client.post(url, follow=True).content.decode()
    token = body.split("/invite/")[1].split("/")[0]
    client.force_login(bob)
    with caplog.at_level(logging.DEBUG):
        client.get(f"/invite/{token}/", follow=True)
        client.get(f"/invite/{token}x/", follow=True)
    handler_filter = RedactSecretsFilter()
    for record in caplog.records:
        handler_filter.filter(record)
        assert token not in record.getMessage()


def test_check_deploy_passes_in_production_mode(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "heartwork.settings",
        "HEARTWORK_DATA_DIR": str(tmp_path),
        "HEARTWORK_HTTPS": "true",
        "HEARTWORK_ALLOWED_HOSTS": "heartwork.example.org",
    }
    env.pop("HEARTWORK_SECRET_KEY", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own process
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    key_file = tmp_path / "secret_key"
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"


def test_session_cookie_is_httponly_and_samesite(client, alice):
    response = client.post(
        reverse("accounts:login"),
        {"username": "alice@example.com", "password": "a-long-test-password-1"},
    )
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_every_response_carries_the_cross_origin_rules(alice_client):
    for url in (reverse("today:today"), reverse("help:help"), "/static/heartwork/base.css"):
        response = alice_client.get(url)
        assert response.status_code == 200, url
        assert response["Cross-Origin-Resource-Policy"] == "same-origin", url


def test_permissions_policy_is_current(client, db):
    policy = client.get(reverse("help:help"))["Permissions-Policy"]
    assert "interest-cohort" not in policy
    for feature in ("camera", "microphone", "geolocation", "browsing-topics", "payment"):
        assert f"{feature}=()" in policy


@pytest.mark.parametrize(
    "cookie", ["abc\x00def12345678", "a" * 5000, "'; DROP TABLE django_session; --", "é" * 32]
)
def test_a_malformed_session_cookie_is_no_session(client, db, cookie):
    """A NUL byte in the cookie once reached PostgreSQL and became a 500 on every page."""
    client.cookies["sessionid"] = cookie
    assert client.get(reverse("help:help")).status_code == 200
    response = client.get(reverse("today:today"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:login")
    )


def test_the_500_page_renders_without_the_session(client, db, settings):
    settings.ROOT_URLCONF = "tests.core.failing_urls"
    client.raise_request_exception = False
    client.cookies["sessionid"] = "abc\x00def12345678"
    response = client.get("/fail/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body and "data-quick-exit" in body
    assert "no-store" in response["Cache-Control"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
