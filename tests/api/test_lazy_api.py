"""The API is built only in a process that uses it (heartwork.api.urls).

Building it (django-ninja, pydantic, every practice's router and its schemas) costs each
process some 27 MB; a web worker that serves pages and the background runner never need it
(nor pywebpush, which only sending a reminder does). These run
in a fresh interpreter, since the test process has long imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from heartwork.api.api import api
from heartwork.api.urls import API_APP_NAME, API_NAMESPACE
from tests.processes import heartwork_env

pytestmark = pytest.mark.engine_free

PROBE = """
import json, sys
import django
django.setup()
from django.urls import resolve, reverse
out = {}
HEAVY = ("heartwork.api.api", "ninja", "pydantic", "pywebpush", "aiohttp")
def loaded():
    return {m: m in sys.modules for m in HEAVY}
for step in sys.argv[1:]:
    if step == "background checks":
        from django.core.checks.registry import registry
        from heartwork.reminders.management.commands.background import Command
        before = set(registry.registered_checks)
        Command().check()
        out[step] = registry.registered_checks == before
    elif step.startswith("/"):
        out[step] = resolve(step).url_name
    else:
        out[step] = reverse(step)
    out[step + " loaded"] = loaded()
print(json.dumps(out))
"""


def probe(tmp_path, *steps: str) -> dict:
    env = heartwork_env(
        tmp_path / "data", tmp_path / "key", DJANGO_SETTINGS_MODULE="heartwork.settings"
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *steps],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_namespace_written_down_is_the_one_ninja_gives():
    _patterns, app_name, namespace = api.urls
    assert (app_name, namespace) == (API_APP_NAME, API_NAMESPACE)


def test_pages_resolve_and_reverse_without_building_the_api(tmp_path):
    out = probe(tmp_path, "today:today", "/today/", "help:help")
    assert out["today:today"] == "/today/"
    for step in ("today:today", "/today/", "help:help"):
        assert not any(out[f"{step} loaded"].values()), out[f"{step} loaded"]


def test_the_api_is_built_when_a_request_reaches_it(tmp_path):
    out = probe(tmp_path, "today:today", "/api/v1/docs/", "api:openapi-view")
    assert out["/api/v1/docs/"] == "openapi-view"
    assert out["/api/v1/docs/ loaded"]["heartwork.api.api"] is True
    assert out["api:openapi-view"] == "/api/v1/docs/"


def test_the_api_is_built_when_one_of_its_names_is_reversed(tmp_path):
    out = probe(tmp_path, "api:openapi-view", "/api/v1/docs/", "today:today")
    assert out["api:openapi-view"] == "/api/v1/docs/"
    assert out["api:openapi-view loaded"]["heartwork.api.api"] is True
    assert out["/api/v1/docs/"] == "openapi-view"
    assert out["today:today"] == "/today/"


def test_the_background_runner_checks_all_but_the_urls_without_building_the_api(tmp_path):
    out = probe(tmp_path, "background checks")
    assert out["background checks"] is True  # every check registered again afterwards
    assert not any(out["background checks loaded"].values()), out["background checks loaded"]
