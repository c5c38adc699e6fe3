import re

import pytest
from django.core import mail
from django.urls import reverse

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from tests.conftest import PASSWORD

SIGNUP = {
    "email": "dana@example.com",
    "display_name": "Dana",
    "password1": "sunlight-over-the-hills",
    "password2": "sunlight-over-the-hills",
    "time_zone": "Europe/Berlin",
}


def test_signup_logs_in_and_lands_on_today(client, db):
    response = client.post(reverse("accounts:signup"), SIGNUP, follow=True)
    assert response.redirect_chain[-1][0] == reverse("today:today")
    person = Person.objects.get(email="dana@example.com")
    assert person.time_zone == "Europe/Berlin"
    assert person.password.startswith("md5$")  # test hasher; production uses Argon2
    assert b"Hello, Dana" in response.content


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": ""}, "Please fill this in"),
        ({"email": "not-an-email"}, "look like an e-mail address"),
        ({"email": "a" * 250 + "@example.com"}, "254 characters or fewer"),
        ({"display_name": "   "}, "required"),
        ({"display_name": "x" * 61}, "60 characters or fewer"),
        ({"password2": "something-else-entirely"}, "The two passwords aren&#x27;t the same"),
        ({"password1": "short", "password2": "short"}, "at least 10 characters long"),
        ({"time_zone": "Mars/Olympus"}, "Please pick one of the choices"),
    ],
)
def test_signup_bad_input_gives_a_clear_message_and_changes_nothing(client, db, change, message):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, **change})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("password", "words"),
    [
        ("short", "Please make it at least 10 characters long"),
        ("password123", "Lots of people use this password"),
        ("83920174650", "only numbers is quick to guess"),
        ("dana@example.com", "close to your e-mail address"),
    ],
)
def test_password_advice_is_in_our_own_words(client, db, password, words):
    page = client.post(
        reverse("accounts:signup"), {**SIGNUP, "password1": password, "password2": password}
    ).content.decode()
    assert words in page.replace("&#x27;", "'")
    for stock in ("too short", "too common", "entirely numeric", "too similar", "It must contain"):
        assert stock not in page
    assert Person.objects.count() == 0


def test_the_stock_length_message_is_replaced_everywhere(client, alice):
    from django import forms
    from django.core.exceptions import ValidationError

    field = forms.CharField(max_length=4000)
    with pytest.raises(ValidationError) as refused:
        field.clean("x" * 4012)
    assert refused.value.messages == [
        "Please shorten this to 4000 characters or fewer. It has 4012 now."
    ]


@pytest.mark.parametrize("name", ["accounts:signup", "accounts:login", "accounts:password_reset"])
def test_every_form_says_e_mail_the_same_way(client, db, name):
    page = client.get(reverse(name)).content.decode()
    assert "E-mail address" in page
    assert ">Email" not in page and "Email address" not in page


def test_signup_with_an_existing_email_in_another_case(client, alice):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "email": "ALICE@example.com"})
    assert "already an account" in response.content.decode()
    assert Person.objects.count() == 1


def test_login_and_logout(client, alice):
    response = client.post(
        reverse("accounts:login"), {"username": "Alice@Example.com", "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("today:today")
    response = client.post(reverse("accounts:logout"))
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert client.get(reverse("today:today")).status_code == 302


def test_logout_by_get_is_refused(alice_client):
    assert alice_client.get(reverse("accounts:logout")).status_code == 405


def test_wrong_password_is_a_clear_message(client, alice):
    response = client.post(
        reverse("accounts:login"), {"username": "alice@example.com", "password": "nope"}
    )
    assert "match an account" in response.content.decode()


def test_login_is_throttled_after_five_failures(client, alice):
    for _ in range(5):
        client.post(
            reverse("accounts:login"), {"username": "alice@example.com", "password": "wrong"}
        )
    response = client.post(
        reverse("accounts:login"), {"username": "alice@example.com", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "short break" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_round_trip(client, alice):
    response = client.post(reverse("accounts:password_reset"), {"email": "alice@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/reset/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "a-brand-new-secret-9", "new_password2": "a-brand-new-secret-9"}
    )
    # In at once, on Today: no second trip through the login form with the new password.
    assert response.status_code == 302 and response["Location"] == reverse("today:today")
    assert client.session["_auth_user_id"] == str(alice.pk)
    assert "you&#x27;re logged in" in client.get(reverse("today:today")).content.decode()
    alice.refresh_from_db()
    assert alice.check_password("a-brand-new-secret-9")
    # The same link does not work twice.
    assert "no longer works" in client.get(link, follow=True).content.decode()


def test_password_reset_for_unknown_address_looks_the_same(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_settings_update_and_bad_time_zone(alice_client, alice):
    url = reverse("accounts:settings")
    response = alice_client.post(
        url, {"display_name": "Al", "time_zone": "Asia/Tokyo", "reminder_time": "08:15"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.display_name, alice.time_zone, alice.reminder_time.strftime("%H:%M")) == (
        "Al",
        "Asia/Tokyo",
        "08:15",
    )
    response = alice_client.post(
        url, {"display_name": "Al", "time_zone": "Nowhere/Here", "reminder_time": "25:99"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Please pick one of the choices" in body and "look like a time" in body
    alice.refresh_from_db()
    assert alice.time_zone == "Asia/Tokyo"


def test_the_theme_is_chosen_in_settings_and_put_on_the_page(alice_client, alice):
    url = reverse("accounts:settings")
    page = alice_client.get(url).content.decode()
    assert "Same as this device" in page and '<html lang="en">' in page
    form = {"display_name": "Alice", "time_zone": "UTC", "reminder_time": "19:30"}
    assert alice_client.post(url, {**form, "theme": "dark"}).status_code == 302
    alice.refresh_from_db()
    assert alice.theme == "dark"
    assert 'data-theme="dark"' in alice_client.get(url).content.decode()
    # Left out, the theme stays; an unknown one is refused and changes nothing.
    assert alice_client.post(url, form).status_code == 302
    response = alice_client.post(url, {**form, "theme": "purple", "display_name": "Al"})
    assert response.status_code == 200
    assert "Please pick one of the choices" in response.content.decode()
    alice.refresh_from_db()
    assert (alice.theme, alice.display_name) == ("dark", "Alice")
    alice_client.post(url, {**form, "theme": "system"})
    assert "data-theme" not in alice_client.get(url).content.decode()


def test_delete_account_needs_password_and_confirmation(alice_client, alice):
    url = reverse("accounts:delete")
    response = alice_client.post(url, {"password": "wrong", "confirmation": "delete my account"})
    assert "password isn" in response.content.decode()
    response = alice_client.post(url, {"password": PASSWORD, "confirmation": "yes"})
    assert "exactly" in response.content.decode()
    assert Person.objects.filter(pk=alice.pk).exists()


def test_delete_account_removes_person_ends_shared_bonds_and_deletes_solo_ones(
    alice_client, alice, bob, shared_bond, solo_bond
):
    response = alice_client.post(
        reverse("accounts:delete"), {"password": PASSWORD, "confirmation": "Delete my account"}
    )
    assert response.status_code == 302
    assert not Person.objects.filter(pk=alice.pk).exists()
    assert not Bond.objects.filter(pk=solo_bond.pk).exists()
    shared_bond.refresh_from_db()
    assert shared_bond.status == "ended"
    assert list(shared_bond.memberships.values_list("person", flat=True)) == [bob.pk]
    assert alice_client.get(reverse("today:today")).status_code == 302


def test_the_session_and_user_reads_keep_djangos_rules(client, alice):
    """An expired session or an inactive person is logged out (Django's own reads)."""
    import datetime

    from django.contrib.auth.backends import ModelBackend
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(alice)
    assert client.get(reverse("today:today")).status_code == 200
    assert ModelBackend().get_user(str(alice.pk)) == alice
    type(alice).objects.filter(pk=alice.pk).update(is_active=False)
    assert client.get(reverse("today:today")).status_code == 302
    type(alice).objects.filter(pk=alice.pk).update(is_active=True)
    client.force_login(alice)
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert client.get(reverse("today:today")).status_code == 302
