"""The quick exit ends the session on the server, whether the page's script asks (POST,
without waiting) or the link is followed without JavaScript (GET), and every page's
*Leave this site now* link goes there."""

from __future__ import annotations

from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

NEUTRAL = "http://neutral.invalid/weather"  # tests/settings.py


def logged_in(client: Client) -> bool:
    response = client.get(reverse("today:today"))
    return response.status_code == 200


def test_following_the_link_logs_out_and_goes_to_the_neutral_site(alice_client):
    assert logged_in(alice_client)
    response = alice_client.get(reverse("help:leave"))
    assert response.status_code == 302 and response["Location"] == NEUTRAL
    assert response["Clear-Site-Data"] == '"cookies", "storage"'
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert not logged_in(alice_client)
    assert alice_client.get(reverse("today:today"))["Location"].startswith(
        reverse("accounts:login")
    )


def test_the_script_posts_without_a_token_and_is_not_kept_waiting(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse("help:leave"))
    assert response.status_code == 204 and response.content == b""
    assert response["Clear-Site-Data"] == '"cookies", "storage"'
    assert not logged_in(client)


@pytest.mark.parametrize("header", [{"HTTP_SEC_PURPOSE": "prefetch"}, {"HTTP_PURPOSE": "prefetch"}])
def test_a_browser_fetching_ahead_ends_nobody_s_session(alice_client, header):
    response = alice_client.get(reverse("help:leave"), **header)
    assert response.status_code == 204
    assert logged_in(alice_client)


def test_leaving_works_for_someone_not_logged_in(client, db):
    response = client.get(reverse("help:leave"))
    assert response.status_code == 302 and response["Location"] == NEUTRAL


def test_leaving_goes_on_when_the_session_cannot_be_ended(alice_client):
    with mock.patch("heartwork.help.views.logout", side_effect=RuntimeError("store down")):
        response = alice_client.get(reverse("help:leave"))
    assert response.status_code == 302 and response["Location"] == NEUTRAL


def test_other_methods_are_refused(alice_client):
    assert alice_client.put(reverse("help:leave")).status_code == 405
    assert logged_in(alice_client)


@pytest.mark.parametrize(
    ("name", "logged_in_as_alice"),
    [
        ("home", False),
        ("accounts:login", False),
        ("help:help", False),
        ("help:safety", True),
        ("today:today", True),
        ("pwa:offline", False),
    ],
)
def test_every_quick_exit_link_ends_the_session_on_its_way(alice, name, logged_in_as_alice):
    client = Client()
    if logged_in_as_alice:
        client.force_login(alice)
    body = client.get(reverse(name)).content.decode()
    link = (
        f'<a class="quick-exit" href="{reverse("help:leave")}" rel="noreferrer nofollow" '
        f'data-quick-exit="{NEUTRAL}">'
    )
    assert link in body, name


def test_private_pages_say_so_for_the_back_forward_cache(alice_client):
    assert "data-private" in alice_client.get(reverse("today:today")).content.decode()
    assert "data-private" not in Client().get(reverse("help:help")).content.decode()


def test_the_worker_knows_where_to_end_a_session(client, db):
    from tests.pwa.test_pwa import worker_config

    assert worker_config(client)["leave"] == reverse("help:leave")
