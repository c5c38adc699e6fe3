"""Setting up two-step login and logging in with it, on phone and desktop, the way a person
would: scanning is replaced by reading the key shown as text, and the test computes the
code an authenticator app would show."""

from __future__ import annotations

import base64
import time

from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.conftest import PASSWORD


def app_code(secret_text: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for this key (optionally for a later 30 s step)."""
    secret = secret_text.replace(" ", "").upper()
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key, 30, 0, 6, 0)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def test_set_up_two_step_login_and_log_in_with_it(browse, people):
    page = browse.new_page()
    log_in(page, email="alice@example.com", password=PASSWORD)
    page.wait_for_url("**/today/")

    page.goto("/settings/")
    page.get_by_role("link", name="Set up two-step login").click()
    page.wait_for_url("**/settings/two-step/")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    secret = page.locator("[data-secret]").inner_text()
    browse.check(page, "setup")

    page.fill("#id_code", app_code(secret))
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Turn on two-step login").click()
    page.get_by_role("heading", name="Two-step login is on").wait_for()
    codes = page.locator("[data-recovery-codes] code").all_inner_texts()
    assert len(codes) == 10
    browse.check(page, "recovery-codes")
    page.get_by_role("link", name="I've saved them").click()
    page.wait_for_url("**/settings/")
    assert "10 recovery codes left" in page.locator("#two-step").inner_text()
    browse.check(page, "settings-on")

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/")

    # The password alone leads to the code step, not in.
    log_in(page, email="alice@example.com", password=PASSWORD)
    page.wait_for_url("**/login/code/")
    page.goto("/today/")
    assert "/login/" in page.url
    page.goto("/login/code/")
    page.fill("#id_code", "000000" if app_code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="isn't right")).to_be_visible()
    browse.check(page, "code-step-wrong")
    # After a wrong code the next try waits a second (longer after each wrong one), as
    # a person retyping would anyway. The code used to turn it on is spent; the app's next
    # one is within the window.
    page.wait_for_timeout(1500)
    page.fill("#id_code", app_code(secret, steps_ahead=1))
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url("**/today/")

    # Another browser, after losing the phone: a recovery code, once.
    other = browse.new_page()
    log_in(other, email="alice@example.com", password=PASSWORD)
    other.wait_for_url("**/login/code/")
    other.get_by_text("Lost your phone, or can't use the app?").click()
    browse.check(other, "code-step-recovery")
    other.fill("#id_recovery_code", codes[0])
    other.get_by_role("button", name="Log in with a recovery code").click()
    other.wait_for_url("**/today/")
    assert "9 left" in other.locator(".messages").inner_text()
