"""With e-mail set up, sign-up never tells anyone whether an address already has an account.

Someone controlling a partner could otherwise type the partner's address into the sign-up
form to find out whether they use heartwork. The page, its status and what is stored
look the same for a new and for an existing address; only the e-mail differs, and it goes
to the owner of the address.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from heartwork.accounts.models import PendingSignup, Person
from tests.accounts.test_throttling import without_tokens
from tests.conftest import PASSWORD

FORM = {
    "display_name": "Robin",
    "password1": "sunlight-over-the-hills",
    "password2": "sunlight-over-the-hills",
    "time_zone": "Pacific/Auckland",
}


@pytest.fixture(autouse=True)
def confirm_by_email(settings):
    settings.SIGNUP_CONFIRMS_EMAIL = True


def sign_up(client, email):
    client.cookies.clear()
    return client.post(reverse("accounts:signup"), {**FORM, "email": email}, follow=True)


def link_in(message) -> str:
    return (
        re.search(r"https?://\S+/signup/confirm/\S+/", message.body).group(0).split("testserver")[1]
    )


def test_new_and_existing_addresses_look_the_same(client, alice):
    new = sign_up(client, "robin@example.com")
    existing = sign_up(client, "ALICE@example.com")
    assert new.status_code == existing.status_code == 200
    assert [url for url, _ in new.redirect_chain] == [url for url, _ in existing.redirect_chain]
    page_new = without_tokens(new.content).replace("robin@example.com", "ADDRESS")
    page_existing = without_tokens(existing.content).replace("alice@example.com", "ADDRESS")
    assert page_new == page_existing
    assert Person.objects.count() == 1  # nothing made until the link is confirmed
    assert not any(m for m in mail.outbox if "robin" in m.to[0] and "already" in m.body)
    to_alice = [m for m in mail.outbox if m.to == ["alice@example.com"]]
    assert len(to_alice) == 1 and "already have one" in to_alice[0].body
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)


def test_the_link_shows_a_button_and_the_button_makes_the_account(client, db):
    sign_up(client, "robin@example.com")
    (message,) = mail.outbox
    path = link_in(message)
    page = client.get(path)
    assert page.status_code == 200 and "Confirm my account" in page.content.decode()
    assert not Person.objects.exists()  # opening the link (as a mail scanner would) changes nothing
    response = client.post(path, follow=True)
    assert response.redirect_chain[-1][0] == reverse("today:today")
    person = Person.objects.get(email="robin@example.com")
    assert person.time_zone == "Pacific/Auckland" and person.check_password(FORM["password1"])
    assert not PendingSignup.objects.exists()
    assert client.get(path).status_code == 404  # used once


def test_a_made_up_link_is_a_clear_dead_end(client, db):
    response = client.get(reverse("accounts:signup_confirm", args=["x" * 43]))
    assert response.status_code == 404 and "doesn't work any more" in response.content.decode()


def test_no_token_or_address_is_in_the_task_queue(client, db):
    from django_tasks_db.models import DBTaskResult

    sign_up(client, "robin@example.com")
    for row in DBTaskResult.objects.all():
        assert "robin" not in str(row.args_kwargs)
