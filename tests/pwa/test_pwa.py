"""heartwork installs as an app: a valid manifest, a service worker that keeps only static
files and the offline page, and home-screen shortcuts that go to the right place."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from heartwork.bonds.models import Bond
from heartwork.domain.bonds import BondKind
from tests.conftest import join


def worker_config(client) -> dict:
    response = client.get(reverse("pwa:service_worker"))
    assert response.status_code == 200
    first_line = response.content.decode().splitlines()[0]
    return json.loads(re.fullmatch(r"self\.HEARTWORK = (.*);", first_line).group(1))


def test_the_manifest_has_what_installing_needs(client):
    response = client.get(reverse("pwa:manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["display"] == "standalone" and manifest["name"] and manifest["short_name"]
    assert manifest["start_url"] == reverse("today:today") and manifest["scope"] == "/"
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200
    assert [s["name"] for s in manifest["shortcuts"]] == [
        "Check in",
        "Today's prompt",
        "A note of thanks",
    ]


def test_the_service_worker_keeps_only_static_files_and_the_offline_page(client, alice):
    client.force_login(alice)
    response = client.get(reverse("pwa:service_worker"))
    assert response["Content-Type"].startswith("text/javascript")
    assert "no-cache" in response["Cache-Control"]
    config = worker_config(client)
    pages = [url for url in config["precache"] if not url.startswith(config["staticPrefix"])]
    assert pages == [reverse("pwa:offline")]
    for url in config["precache"]:
        assert client.get(url).status_code == 200


def test_the_worker_version_follows_the_static_files(client, settings):
    before = worker_config(client)["version"]
    settings.STATIC_URL = "/static-v2/"
    assert worker_config(client)["version"] != before


def test_the_offline_page_holds_nothing_of_the_person(client, alice):
    client.force_login(alice)
    html = client.get(reverse("pwa:offline")).content.decode()
    assert "You're offline" in html.replace("&#x27;", "'")
    assert alice.display_name not in html and alice.email not in html
    assert "csrf" not in html.lower() and "Leave this site now" in html


@pytest.mark.parametrize(
    "where,name", [("prompt", "prompts:today"), ("thanks", "appreciation:home")]
)
def test_a_shortcut_goes_straight_to_the_only_bond(client, alice, bob, where, name):
    bond = Bond.objects.create(kind=BondKind.FRIEND, created_by=alice)
    join(bond, alice, "Us")
    join(bond, bob, "Us")
    client.force_login(alice)
    response = client.get(reverse("pwa:shortcut", args=[where]))
    assert response["Location"] == reverse(name, args=[bond.pk])


def test_a_shortcut_with_several_bonds_goes_to_today(client, alice, bob, charlie):
    for other in (bob, charlie):
        bond = Bond.objects.create(kind=BondKind.FRIEND, created_by=alice)
        join(bond, alice, "Us")
        join(bond, other, "Us")
    client.force_login(alice)
    response = client.get(reverse("pwa:shortcut", args=["prompt"]))
    assert response["Location"] == reverse("today:today")


def test_shortcuts_ask_for_a_login_and_unknown_ones_are_404(client, alice):
    anonymous = client.get(reverse("pwa:shortcut", args=["prompt"]))
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    client.force_login(alice)
    assert client.get(reverse("pwa:shortcut", args=["elsewhere"])).status_code == 404


def test_every_page_links_the_manifest_and_registers_the_worker(client, alice):
    client.force_login(alice)
    html = client.get(reverse("today:today")).content.decode()
    assert f'rel="manifest" href="{reverse("pwa:manifest")}"' in html
    assert f'data-service-worker="{reverse("pwa:service_worker")}"' in html
