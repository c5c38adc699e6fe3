"""Two-step login: setting it up, logging in with it, and every way it can be got wrong.

The clock is frozen, because a code belongs to a 30-second step: the tests move time on
where a real person would wait for the next code.
"""

from __future__ import annotations

import datetime
import html
import re
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from heartwork.accounts import second_factor, throttle
from heartwork.accounts.models import RecoveryCode, TOTPDevice
from tests.conftest import PASSWORD

START = datetime.datetime(2026, 11, 3, 9, 0, 5, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def turn_on(person, clock) -> tuple[TOTPDevice, list[str]]:
    """Alice sets up two-step login, then waits for her app's next code."""
    device = second_factor.totp_setup_start(person=person)
    codes = second_factor.totp_setup_confirm(
        person=person, device=device, code=second_factor.current_code(device)
    )
    assert codes is not None
    clock.shift(30)
    device.refresh_from_db()
    return device, codes


@pytest.fixture
def alice_totp(alice, clock):
    return turn_on(alice, clock)


def password_step(client, email="alice@example.com", password=PASSWORD, **extra):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, **extra
    )


def code_step(client, code="", recovery_code=""):
    return client.post(
        reverse("accounts:login_code"), {"code": code, "recovery_code": recovery_code}
    )


def wrong_code(device: TOTPDevice) -> str:
    """A code that is not right at this moment, nor one step either side."""
    taken = {
        second_factor.current_code(device, at=START.timestamp() + d) for d in range(-60, 3600, 30)
    }
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in taken)


def page(response) -> str:
    return html.unescape(response.content.decode())


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


# --- Setting it up ------------------------------------------------------------------------


def test_the_setup_page_shows_a_qr_code_and_the_secret_as_text(client, alice, clock):
    client.force_login(alice)
    shown = client.get(reverse("accounts:second_factor_setup")).content.decode()
    device = TOTPDevice.objects.get(user=alice)
    assert not device.confirmed
    assert '<svg class="qr"' in shown and re.search(r"<path d=\"M\d", shown)
    assert second_factor.secret_text(device) in shown
    # Opening the page again shows the same secret, not a new one each time.
    again = client.get(reverse("accounts:second_factor_setup"))
    assert second_factor.secret_text(device) in page(again)
    assert TOTPDevice.objects.filter(user=alice).count() == 1


def test_the_qr_code_holds_the_otpauth_address(alice, clock):
    device = second_factor.totp_setup_start(person=alice)
    uri = second_factor.provisioning_uri(device)
    assert uri.startswith("otpauth://totp/heartwork%3Aalice%40example.com?secret=")
    assert "issuer=heartwork" in uri and "digits=6" in uri and "period=30" in uri
    size, path = second_factor.qr_svg_path(uri)
    assert size > 21 and set(path) <= set("Mhvz0123456789 -")


def test_an_unconfirmed_setup_asks_nothing_at_login(client, alice, clock):
    second_factor.totp_setup_start(person=alice)
    response = password_step(client)
    assert response.status_code == 302 and logged_in(client)


def test_confirming_with_a_code_and_the_password_turns_it_on(client, alice, clock):
    client.force_login(alice)
    client.get(reverse("accounts:second_factor_setup"))
    device = TOTPDevice.objects.get(user=alice)
    response = client.post(
        reverse("accounts:second_factor_setup"),
        {"code": second_factor.current_code(device), "password": PASSWORD},
    )
    text = page(response)
    assert response.status_code == 200 and "Two-step login is on" in text
    codes = re.findall(r"<code>([0-9a-z-]{29})</code>", text)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert second_factor.has_second_factor(alice)
    # Recovery codes are stored as digests only.
    digests = set(RecoveryCode.objects.filter(person=alice).values_list("digest", flat=True))
    assert len(digests) == 10 and not any(code in d for code in codes for d in digests)
    settings_page = client.get(reverse("accounts:settings")).content.decode()
    assert "<strong>10</strong> recovery codes left" in settings_page


@pytest.mark.parametrize("wrong", ["code", "password"])
def test_a_wrong_code_or_password_leaves_it_off(client, alice, clock, wrong):
    client.force_login(alice)
    client.get(reverse("accounts:second_factor_setup"))
    device = TOTPDevice.objects.get(user=alice)
    right = second_factor.current_code(device)
    data = {
        "code": wrong_code(device) if wrong == "code" else right,
        "password": "not-the-password" if wrong == "password" else PASSWORD,
    }
    response = client.post(reverse("accounts:second_factor_setup"), data)
    assert response.status_code == 200 and "isn't right" in page(response)
    assert not second_factor.has_second_factor(alice)
    assert not RecoveryCode.objects.filter(person=alice).exists()


def test_the_secret_is_sealed_at_rest(alice_totp, alice):
    device, _ = alice_totp
    with connection.cursor() as cursor:
        cursor.execute("SELECT key_sealed FROM accounts_totpdevice WHERE id = %s", [device.pk.hex])
        (stored,) = cursor.fetchone()
    assert stored.startswith("v1:") and device.key not in stored
    assert len(bytes.fromhex(device.key)) == 20
    # Bound to its row and person: copied onto another device, it does not open.
    from heartwork.core.crypto import DecryptionError

    other = TOTPDevice(user=alice, name="copy", confirmed=False)
    other.key_sealed = stored
    with pytest.raises(DecryptionError):
        _ = other.key


# --- Logging in ---------------------------------------------------------------------------


def test_someone_without_two_step_login_logs_in_with_the_password_alone(client, alice):
    response = password_step(client)
    assert response.status_code == 302 and response["Location"] == reverse("today:today")
    assert logged_in(client)


def test_the_password_alone_does_not_log_in_once_it_is_on(client, alice_totp):
    device, _ = alice_totp
    response = password_step(client)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login_code")
    assert not logged_in(client)
    # Every page still treats the session as nobody's.
    assert client.get(reverse("today:today")).status_code == 302
    assert not logged_in(client)
    response = code_step(client, code=second_factor.current_code(device))
    assert response.status_code == 302 and response["Location"] == reverse("today:today")
    assert logged_in(client)
    assert throttle.DEVICE_COOKIE in response.cookies


def test_the_code_step_keeps_where_the_person_was_going(client, alice_totp):
    device, _ = alice_totp
    client.post(
        reverse("accounts:login"),
        {"username": "alice@example.com", "password": PASSWORD, "next": "/settings/"},
    )
    response = code_step(client, code=second_factor.current_code(device))
    assert response["Location"] == "/settings/"


def test_a_wrong_password_never_reaches_the_code_step(client, alice_totp):
    response = password_step(client, password="wrong-password-here")
    assert response.status_code == 200 and "login_code" not in response.get("Location", "")
    assert code_step(client, code="123456")["Location"] == reverse("accounts:login")


def test_a_wrong_code_does_not_log_in(client, alice_totp):
    device, _ = alice_totp
    password_step(client)
    response = code_step(client, code=wrong_code(device))
    assert response.status_code == 200 and "isn't right" in page(response)
    assert not logged_in(client)


def test_a_code_works_only_once(client, alice_totp, clock):
    device, _ = alice_totp
    code = second_factor.current_code(device)
    password_step(client)
    code_step(client, code=code)
    assert logged_in(client)
    # Someone who saw the code over her shoulder tries it at once, with her password.
    thief = Client()
    password_step(thief)
    response = code_step(thief, code=code)
    assert not logged_in(thief) and "isn't right" in page(response)
    # An older code is refused too, once a newer one has been used.
    clock.shift(30)
    device.refresh_from_db()
    older = second_factor.current_code(device, at=START.timestamp() + 30)
    assert not second_factor.second_factor_check(person=device.user, code=older).accepted


def test_the_code_step_expires(client, alice_totp, clock):
    device, _ = alice_totp
    password_step(client)
    clock.shift(11 * 60)
    device.refresh_from_db()
    response = code_step(client, code=second_factor.current_code(device))
    assert response["Location"] == reverse("accounts:login") and not logged_in(client)


def test_wrong_codes_count_like_wrong_passwords(client, alice_totp, clock):
    device, _ = alice_totp
    password_step(client)
    for _ in range(5):
        clock.shift(60)  # past the device's own growing wait, so only axes is tested
        code_step(client, code=wrong_code(device))
    assert throttle.account_failures("alice@example.com") == 5
    clock.shift(60)
    device.refresh_from_db()
    response = code_step(client, code=second_factor.current_code(device))
    assert response.status_code == 429 and not logged_in(client)
    assert "wrong passwords or codes" in page(response)
    # The password step is paused for this address as well.
    assert password_step(Client()).status_code == 429


def test_after_a_wrong_code_the_next_try_waits_longer_each_time(client, alice_totp, clock):
    device, _ = alice_totp
    password_step(client)
    waits = []
    code_step(client, code="00000x")  # not even a code: the device ignores it
    code_step(client, recovery_code="not-a-recovery-code")
    device.refresh_from_db()
    assert device.throttling_failure_count == 0
    for _ in range(3):
        assert not second_factor.totp_code_verify(device=device, code=wrong_code(device))
        waits.append(second_factor.wait_before_next_code(device))
        clock.shift(waits[-1].total_seconds())
    assert [w.total_seconds() for w in waits] == [1, 2, 4]
    second_factor.totp_code_verify(device=device, code=wrong_code(device))
    # Even the right code waits its turn, with a kind explanation.
    client2 = Client()
    password_step(client2)
    response = code_step(client2, code=second_factor.current_code(device))
    assert response.status_code == 429 and "please wait" in page(response)
    assert not logged_in(client2)
    clock.shift(9)
    device.refresh_from_db()
    assert code_step(client2, code=second_factor.current_code(device)).status_code == 302
    assert logged_in(client2)


def test_a_recovery_code_gets_in_while_app_codes_wait(client, alice_totp):
    device, codes = alice_totp
    for _ in range(3):
        second_factor.totp_code_verify(device=device, code=wrong_code(device))
    password_step(client)
    response = code_step(client, recovery_code=codes[0].upper().replace("-", " "))
    assert response.status_code == 302 and logged_in(client)


def test_a_recovery_code_works_once(client, alice_totp):
    _, codes = alice_totp
    password_step(client)
    response = code_step(client, recovery_code=codes[3])
    assert response.status_code == 302 and logged_in(client)
    assert RecoveryCode.objects.filter(person__email="alice@example.com").count() == 9
    again = Client()
    password_step(again)
    response = code_step(again, recovery_code=codes[3])
    assert not logged_in(again) and "used already" in page(response)


def test_one_persons_recovery_code_does_not_open_anothers_account(client, alice_totp, bob, clock):
    _, alice_codes = alice_totp
    turn_on(bob, clock)
    password_step(client, email="bob@example.com")
    code_step(client, recovery_code=alice_codes[0])
    assert not logged_in(client)


# --- Changing it in Settings ----------------------------------------------------------------


def test_removing_asks_for_the_password_and_a_code(client, alice_totp, alice, clock):
    device, _ = alice_totp
    client.force_login(alice)
    url = reverse("accounts:second_factor_remove")
    response = client.post(url, {"password": "wrong-password-here", "code": "123456"})
    assert response.status_code == 200 and second_factor.has_second_factor(alice)
    response = client.post(url, {"password": PASSWORD, "code": wrong_code(device)})
    assert "isn't right" in page(response) and second_factor.has_second_factor(alice)
    clock.shift(30)
    device.refresh_from_db()
    response = client.post(url, {"password": PASSWORD, "code": second_factor.current_code(device)})
    assert response.status_code == 302 and not second_factor.has_second_factor(alice)
    assert not RecoveryCode.objects.filter(person=alice).exists()
    client.post(reverse("accounts:logout"))
    assert password_step(client).status_code == 302 and logged_in(client)


def test_a_wrong_password_when_removing_does_not_use_up_a_recovery_code(client, alice_totp, alice):
    _, codes = alice_totp
    client.force_login(alice)
    client.post(
        reverse("accounts:second_factor_remove"),
        {"password": "wrong-password-here", "code": codes[0]},
    )
    assert RecoveryCode.objects.filter(person=alice).count() == 10


def test_new_recovery_codes_replace_the_old_ones(client, alice_totp, alice):
    _, old = alice_totp
    client.force_login(alice)
    response = client.post(
        reverse("accounts:recovery_codes_new"), {"password": PASSWORD, "code": old[0]}
    )
    new = re.findall(r"<code>([0-9a-z-]{29})</code>", page(response))
    assert len(new) == 10 and not set(new) & set(old)
    assert RecoveryCode.objects.filter(person=alice).count() == 10
    assert not second_factor.recovery_code_use(person=alice, code=old[1])
    assert second_factor.recovery_code_use(person=alice, code=new[1])


def test_settings_pages_for_a_factor_that_is_not_on_lead_back_to_settings(client, alice):
    client.force_login(alice)
    for name in ("accounts:second_factor_remove", "accounts:recovery_codes_new"):
        assert client.get(reverse(name))["Location"] == reverse("accounts:settings")


def test_setup_when_already_on_leads_back_to_settings(client, alice_totp, alice):
    client.force_login(alice)
    response = client.get(reverse("accounts:second_factor_setup"))
    assert response["Location"] == reverse("accounts:settings")


def test_codes_are_never_kept_in_the_throttles_records(client, alice_totp):
    from axes.models import AccessAttempt

    password_step(client)
    code_step(client, code="314159")
    code_step(client, recovery_code="abcde-fghjk-mnpqr-stvwx-yz012")
    posted = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert "314159" not in posted and "abcde" not in posted


# --- The operator's reset -------------------------------------------------------------------


def test_the_operator_can_turn_it_off(client, alice_totp, alice):
    out = StringIO()
    call_command("reset_second_factor", "Alice@Example.com", stdout=out)
    assert "Two-step login is off for alice@example.com" in out.getvalue()
    assert not second_factor.has_second_factor(alice)
    assert not RecoveryCode.objects.filter(person=alice).exists()
    assert password_step(client).status_code == 302 and logged_in(client)


def test_resetting_someone_without_it_changes_nothing(alice):
    out = StringIO()
    call_command("reset_second_factor", "alice@example.com", stdout=out)
    assert "nothing changed" in out.getvalue()


def test_resetting_an_unknown_address_says_so(db):
    with pytest.raises(CommandError, match="No account has the address"):
        call_command("reset_second_factor", "nobody@example.com")


def test_a_reset_in_the_middle_of_logging_in_sends_the_person_back(client, alice_totp):
    device, _ = alice_totp
    password_step(client)
    call_command("reset_second_factor", "alice@example.com", stdout=StringIO())
    response = code_step(client, code=second_factor.current_code(device))
    assert response["Location"] == reverse("accounts:login") and not logged_in(client)


def test_the_admin_login_cannot_skip_the_code(client, alice_totp, alice, clock):
    alice.is_staff = alice.is_superuser = True
    alice.save()
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response["Location"] == "/login/?next=%2Fadmin%2F"
    response = client.post(
        "/admin/login/", {"username": "alice@example.com", "password": PASSWORD, "next": "/admin/"}
    )
    assert not logged_in(client)
    password_step(client)
    device, _ = alice_totp
    client.post(
        reverse("accounts:login") + "?next=/admin/",
        {"username": "alice@example.com", "password": PASSWORD, "next": "/admin/"},
    )
    response = code_step(client, code=second_factor.current_code(device))
    assert response["Location"] == "/admin/" and client.get("/admin/").status_code == 200


# --- Telling the person ---------------------------------------------------------------------


def test_each_change_is_told_to_the_person_by_e_mail(
    client, alice, clock, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        device, codes = turn_on(alice, clock)
    with django_capture_on_commit_callbacks(execute=True):
        second_factor.recovery_codes_regenerate(person=alice)
    with django_capture_on_commit_callbacks(execute=True):
        second_factor.second_factor_remove(person=alice)
    with django_capture_on_commit_callbacks(execute=True):
        turn_on(alice, clock)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reset_second_factor", "alice@example.com", stdout=StringIO())
    subjects = [m.subject for m in mailoutbox]
    assert subjects == [
        "Two-step login is on for your heartwork account",
        "New recovery codes for your heartwork account",
        "Two-step login is off for your heartwork account",
        "Two-step login is on for your heartwork account",
        "Two-step login was turned off for your heartwork account",
    ]
    assert all(m.to == ["alice@example.com"] for m in mailoutbox)
    assert "/password-reset/" in mailoutbox[2].body
    # Never a code or the secret.
    bodies = " ".join(m.body for m in mailoutbox)
    assert not any(code in bodies for code in codes) and device.key not in bodies


def test_a_password_reset_still_asks_for_the_code(client, alice, alice_totp):
    import re as re_

    from django.core import mail

    device, _ = alice_totp
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.com"})
    link = re_.search(r"http://testserver(/reset/\S+/)", mail.outbox[-1].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = {"new_password1": "a-brand-new-secret-9", "new_password2": "a-brand-new-secret-9"}
    response = client.post(form_url, new)
    assert response["Location"] == reverse("accounts:login_code")
    assert not logged_in(client)  # the e-mailed link proves the inbox, not the phone
    assert "One more step" in client.get(response["Location"]).content.decode()
    response = code_step(client, code=second_factor.current_code(device))
    assert response["Location"] == reverse("today:today") and logged_in(client)
