"""Password guessing, address spoofing and floods, as an attacker would try them.

A matrix of the ways around a login throttle: case variants of the address, a proxy in
front, many addresses against one account, the forms that ask for the password again,
and the pages that send e-mail or make things.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from heartwork.accounts import throttle
from heartwork.bonds.models import Invite
from tests.conftest import PASSWORD

LOGIN = "accounts:login"


def login(client, email, password, *, forwarded_for=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return client.post(reverse(LOGIN), {"username": email, "password": password}, **extra)


def without_tokens(html: bytes) -> str:
    """A page with its CSRF tokens blanked, to compare two responses."""
    import re

    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', r"\1", html.decode())


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize(
    "variants",
    [
        ["alice@example.com"] * 5,
        [
            "Alice@example.com",
            "ALICE@EXAMPLE.COM",
            "alice@Example.com",
            "aLiCe@example.com",
            " alice@example.com ",
        ],
    ],
)
def test_case_variants_of_one_address_share_one_count(client, alice, variants):
    for variant in variants:
        login(client, variant, "wrong-password")
    response = login(client, "ALICE@example.com", PASSWORD)
    assert response.status_code == 429 and not logged_in(client)


def test_behind_a_proxy_each_client_has_its_own_count(client, alice, settings):
    settings.HEARTWORK_PROXY_COUNT = 1
    for _ in range(5):
        login(client, "alice@example.com", "wrong", forwarded_for="203.0.113.9")
    assert (
        login(client, "alice@example.com", PASSWORD, forwarded_for="203.0.113.9").status_code == 429
    )
    # Alice, at home behind the same proxy, is not locked out by the attacker.
    response = login(client, "alice@example.com", PASSWORD, forwarded_for="198.51.100.4")
    assert response.status_code == 302 and logged_in(client)


def test_a_forged_forwarded_for_does_not_reset_the_count(client, alice, settings):
    settings.HEARTWORK_PROXY_COUNT = 1
    for forged in range(5):
        # The client writes the left part; the proxy appends the real address.
        login(client, "alice@example.com", "wrong", forwarded_for=f"10.0.0.{forged}, 203.0.113.9")
    assert (
        login(
            client, "alice@example.com", PASSWORD, forwarded_for="10.9.9.9, 203.0.113.9"
        ).status_code
        == 429
    )


def test_without_a_proxy_the_forwarded_header_is_ignored(client, alice, settings):
    settings.HEARTWORK_PROXY_COUNT = 0
    for forged in range(5):
        login(client, "alice@example.com", "wrong", forwarded_for=f"10.0.0.{forged}")
    assert login(client, "alice@example.com", PASSWORD, forwarded_for="10.1.1.1").status_code == 429


def test_many_addresses_against_one_account_stop_at_the_ceiling_but_not_for_a_known_device(
    client, alice, settings
):
    settings.HEARTWORK_PROXY_COUNT = 1
    # Alice once logged in from her own phone: it carries the known-device cookie.
    from django.test import Client

    phone = Client()
    assert (
        login(phone, "alice@example.com", PASSWORD, forwarded_for="198.51.100.4").status_code == 302
    )
    phone.post(reverse("accounts:logout"))
    attempts = 0
    for address in range(10):
        for _ in range(4):  # under the per-address limit each time
            login(client, "alice@example.com", "guess", forwarded_for=f"203.0.113.{address}")
            attempts += 1
    assert attempts >= throttle.ACCOUNT_CEILING
    stranger = Client()
    response = login(stranger, "alice@example.com", PASSWORD, forwarded_for="192.0.2.77")
    assert response.status_code == 429 and not logged_in(stranger)
    assert "browser it has been used on before" in response.content.decode()
    response = login(phone, "alice@example.com", PASSWORD, forwarded_for="198.51.100.4")
    assert response.status_code == 302 and logged_in(phone)


def test_one_address_cannot_flood_logins(client, db):
    statuses = [login(client, f"nobody{n}@example.com", "x").status_code for n in range(35)]
    assert statuses[:30] == [200] * 30
    assert set(statuses[30:]) == {429}


def test_password_change_is_throttled_like_login(alice_client, alice):
    url = reverse("accounts:password_change")
    form = {
        "old_password": "not-it",
        "new_password1": "a-brand-new-passphrase-9",
        "new_password2": "a-brand-new-passphrase-9",
    }
    for _ in range(5):
        alice_client.post(url, form)
    response = alice_client.post(url, {**form, "old_password": PASSWORD})
    assert response.status_code == 429
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_account_deletion_is_throttled_like_login(alice_client, alice):
    url = reverse("accounts:delete")
    for _ in range(5):
        alice_client.post(url, {"password": "not-it", "confirmation": "delete my account"})
    response = alice_client.post(url, {"password": PASSWORD, "confirmation": "delete my account"})
    assert response.status_code == 429
    alice.refresh_from_db()
    assert alice.is_active


def test_reset_emails_are_limited_per_inbox(client, alice):
    for _ in range(40):
        response = client.post(reverse("accounts:password_reset"), {"email": "alice@example.com"})
        assert response.status_code == 302
    assert len(mail.outbox) == 3


def test_reset_answers_the_same_for_known_and_unknown_addresses(client, alice):
    known = client.post(
        reverse("accounts:password_reset"), {"email": "alice@example.com"}, follow=True
    )
    unknown = client.post(
        reverse("accounts:password_reset"), {"email": "nobody@example.com"}, follow=True
    )
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert without_tokens(known.content) == without_tokens(unknown.content)
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]


def test_signups_are_limited_per_address(client, db):
    statuses = []
    for n in range(12):
        client.cookies.clear()
        statuses.append(
            client.post(
                reverse("accounts:signup"),
                {
                    "email": f"new{n}@example.com",
                    "display_name": "N",
                    "password1": "sunlight-over-the-hills",
                    "password2": "sunlight-over-the-hills",
                    "time_zone": "UTC",
                },
            ).status_code
        )
    assert statuses[:10] == [302] * 10 and statuses[10:] == [429, 429]


def test_invite_links_are_limited_per_bond(alice_client, solo_bond):
    url = reverse("bonds:invite_new", args=[solo_bond.pk])  # each makes a new link
    for _ in range(12):
        alice_client.post(url)
    assert Invite.objects.filter(bond=solo_bond).count() == 10
