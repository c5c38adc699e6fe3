"""Links in e-mails lead where the server really is: `heartwork serve` works the site's
address out from its --host and --port unless HEARTWORK_SITE_URL says otherwise, and a
system check warns when that address is not one the server answers to."""

from __future__ import annotations

import os
import subprocess
import sys
from unittest import mock

import pytest
from django.test import override_settings

from heartwork.checks import check_site_url
from heartwork.core.management.commands.serve import Command as Serve
from heartwork.site_url import derive_site_url

DEFAULT_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


@pytest.mark.parametrize(
    ("host", "port", "allowed", "https", "expected"),
    [
        ("127.0.0.1", 8000, DEFAULT_HOSTS, False, "http://127.0.0.1:8000"),
        ("127.0.0.1", 8765, DEFAULT_HOSTS, False, "http://127.0.0.1:8765"),
        ("localhost", 9000, DEFAULT_HOSTS, False, "http://localhost:9000"),
        ("::1", 9000, DEFAULT_HOSTS, False, "http://[::1]:9000"),
        ("192.168.1.20", 8000, ["192.168.1.20"], False, "http://192.168.1.20:8000"),
        ("heartwork.lan", 80, ["heartwork.lan"], False, "http://heartwork.lan"),
        # Every interface: nobody can visit 0.0.0.0; the names the site answers to say where.
        ("0.0.0.0", 8080, DEFAULT_HOSTS, False, "http://127.0.0.1:8080"),
        ("0.0.0.0", 8080, ["localhost", "heartwork.lan"], False, "http://heartwork.lan:8080"),
        ("::", 8080, [".heartwork.lan"], False, "http://heartwork.lan:8080"),
        ("0.0.0.0", 8080, ["*"], False, "http://127.0.0.1:8080"),
        # Behind a TLS proxy: its address, not gunicorn's port.
        ("127.0.0.1", 8000, ["heartwork.example.org"], True, "https://heartwork.example.org"),
        ("0.0.0.0", 8000, ["localhost", "hw.example.org"], True, "https://hw.example.org"),
    ],
)
def test_the_site_url_follows_where_the_server_listens(host, port, allowed, https, expected):
    assert derive_site_url(host, port, allowed_hosts=allowed, https=https) == expected


@mock.patch.dict(os.environ)  # serve changes the environment: put it back afterwards
def test_serve_hands_its_own_address_to_the_workers(settings):
    os.environ.pop("HEARTWORK_SITE_URL", None)
    os.environ.pop("HEARTWORK_SITE_URL_FILE", None)
    settings.ALLOWED_HOSTS = DEFAULT_HOSTS
    settings.HTTPS = False
    assert Serve()._site_url("127.0.0.1", 8765) == "http://127.0.0.1:8765"
    # gunicorn's workers and the background runner inherit it; the checks here see it too.
    assert os.environ["HEARTWORK_SITE_URL"] == "http://127.0.0.1:8765"
    assert settings.SITE_URL == "http://127.0.0.1:8765"


@mock.patch.dict(os.environ, {"HEARTWORK_SITE_URL": "https://heartwork.example.org"})
def test_serve_keeps_the_operator_s_address(settings):
    settings.SITE_URL = "https://heartwork.example.org"
    assert Serve()._site_url("0.0.0.0", 8765) == "https://heartwork.example.org"
    assert os.environ["HEARTWORK_SITE_URL"] == "https://heartwork.example.org"


def test_the_settings_follow_heartwork_port_without_serve(tmp_path):
    """`heartwork background` run as its own service reads the same variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEARTWORK_", "DJANGO_"))}
    env.update(HEARTWORK_DATA_DIR=str(tmp_path), HEARTWORK_PORT="8765")
    code = "from heartwork import settings; print(settings.SITE_URL)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "http://127.0.0.1:8765", result.stderr


@override_settings(SITE_URL="https://heartwork.example.org", ALLOWED_HOSTS=["127.0.0.1"])
def test_the_check_warns_when_the_site_url_and_allowed_hosts_disagree():
    [warning] = check_site_url(None)
    assert warning.id == "heartwork.W007"
    assert "heartwork.example.org" in warning.msg and "HEARTWORK_ALLOWED_HOSTS" in warning.hint


@pytest.mark.parametrize(
    ("site_url", "allowed"),
    [
        ("http://127.0.0.1:8000", DEFAULT_HOSTS),
        ("https://heartwork.example.org", ["heartwork.example.org"]),
        ("https://app.heartwork.example.org", [".heartwork.example.org"]),
        ("https://HEARTWORK.example.org", ["heartwork.example.org"]),
        ("http://[::1]:8000", DEFAULT_HOSTS),
        ("https://anything.example", ["*"]),
    ],
)
def test_the_check_is_quiet_when_they_agree(site_url, allowed):
    with override_settings(SITE_URL=site_url, ALLOWED_HOSTS=allowed):
        assert check_site_url(None) == []


@override_settings(SITE_URL="http://localhost:8000", ALLOWED_HOSTS=[], DEBUG=True)
def test_the_check_knows_what_debug_mode_allows():
    assert check_site_url(None) == []


@pytest.mark.parametrize("site_url", ["heartwork.example.org", "ftp://example.org", "http://"])
def test_the_check_warns_about_an_address_that_is_not_one(site_url):
    with override_settings(SITE_URL=site_url):
        [warning] = check_site_url(None)
    assert warning.id == "heartwork.W006"
