"""Every page, on phone and desktop: it renders, it is accessible, and it has Help and a
quick exit."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

PUBLIC = [
    "/",
    "/login/",
    "/signup/",
    "/password-reset/",
    "/help/",
    "/help/?country=GB",
    "/help/safety/",
    "/no-such-page/",
]
PRIVATE = ["/today/", "/settings/", "/settings/password/", "/settings/delete/", "/bonds/new/"]


@pytest.fixture
def demo_people(transactional_db):
    from django.core.management import call_command

    call_command("demo", verbosity=0)


def test_public_pages(browse, transactional_db):
    page = browse.new_page()
    for path in PUBLIC:
        page.goto(path)
        expect(page.locator("[data-quick-exit]")).to_be_visible()
        expect(page.get_by_role("link", name="Help", exact=True)).to_be_visible()
        browse.check(page, path.strip("/").replace("/", "-").replace("?", "-") or "home")


def test_private_pages_and_the_bond_page(browse, demo_people):
    page = browse.new_page()
    log_in(page, email="alex@demo.heartwork", password="demo-heartwork-2026")
    page.wait_for_url("**/today/")
    for path in PRIVATE:
        page.goto(path)
        expect(page.locator("[data-quick-exit]")).to_be_visible()
        browse.check(page, path.strip("/").replace("/", "-"))
    page.goto("/today/")
    page.get_by_role("link", name="Sam and me", exact=True).click()
    browse.check(page, "bond-detail")


def test_quick_exit_leaves_at_once_and_back_does_not_return(browse, demo_people):
    page = browse.new_page()
    page.goto("/help/")
    page.goto("/login/")
    page.click("[data-quick-exit]")
    page.wait_for_url("http://neutral.invalid/weather")
    page.go_back()
    assert "/login/" not in page.url  # the heartwork page was replaced in history


def test_escape_three_times_is_a_quick_exit(browse, transactional_db):
    page = browse.new_page()
    page.goto("/help/")
    for _ in range(3):
        page.keyboard.press("Escape")
    page.wait_for_url("http://neutral.invalid/weather")


def test_settings_and_account_deletion(browse, demo_people):
    page = browse.new_page()
    log_in(page, email="sam@demo.heartwork", password="demo-heartwork-2026")
    page.goto("/settings/")
    page.fill("#id_display_name", "Samira")
    page.select_option("#id_time_zone", "America/Toronto")
    page.fill("#id_reminder_time", "07:45")
    page.click("button:has-text('Save')")
    expect(page.get_by_text("Saved.")).to_be_visible()
    assert page.input_value("#id_reminder_time") == "07:45"
    page.get_by_role("link", name="Delete my account…").click()
    page.fill("#id_password", "demo-heartwork-2026")
    page.fill("#id_confirmation", "delete my account")
    page.click("button:has-text('Delete everything')")
    expect(page.get_by_text("Your account and everything you wrote are deleted")).to_be_visible()
    log_in(page, email="sam@demo.heartwork", password="demo-heartwork-2026")
    expect(page.get_by_text("match an account")).to_be_visible()
