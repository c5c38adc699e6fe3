"""A feelings check-in on a phone and a desktop, shared with the other person, who answers."""

import pytest

from tests.browser.conftest import log_in


@pytest.fixture
def demo_people(transactional_db):
    from django.core.management import call_command

    call_command("demo", verbosity=0)


def test_check_in_through_the_wheel_share_and_acknowledge(browse, demo_people):
    alex = browse.new_page()
    log_in(alex, email="alex@demo.heartwork", password="demo-heartwork-2026")
    alex.get_by_role("link", name="How are you feeling?").click()
    browse.check(alex, "checkin-form")
    alex.locator("details.core-scared > summary").click()
    alex.locator("details.core-scared details.middle > summary", has_text="Anxious").click()
    alex.check("input[value=worried]")
    alex.fill("#id_typed", "hopeful")
    alex.check("input[name=intensity][value='4']")
    alex.fill("#id_note", "Waiting to hear about the new job.")
    alex.fill("#id_feel", "nervous")
    alex.fill("#id_when", "I wait for news")
    alex.fill("#id_because", "it matters a lot to me")
    alex.select_option("#id_share_with", label="Share with Alex & Sam")
    alex.click("button:has-text('Check in')")
    assert alex.get_by_text("Checked in. Shared with Alex & Sam.").is_visible()
    assert alex.get_by_text("I feel nervous when I wait for news because it matters a lot to me.").is_visible()
    browse.check(alex, "history")

    sam = browse.new_page()
    log_in(sam, email="sam@demo.heartwork", password="demo-heartwork-2026")
    sam.wait_for_url("**/today/")
    assert sam.get_by_text("Alex shared how they feel").is_visible()
    browse.check(sam, "today-shared")
    sam.get_by_role("link", name="Read and respond").click()
    sam.select_option("select[name=phrase]", label="Thank you for telling me.")
    sam.click("button:has-text('Send')")
    assert sam.get_by_text("Sent to Alex.").is_visible()
    browse.check(sam, "bond-checkins")

    alex.reload()
    assert alex.get_by_text("Thank you for telling me.").is_visible()


def test_a_check_in_with_nothing_picked_gets_a_clear_message(browse, demo_people):
    page = browse.new_page()
    log_in(page, email="alex@demo.heartwork", password="demo-heartwork-2026")
    page.goto("/checkin/")
    page.click("button:has-text('Check in')")
    assert page.get_by_text("Pick at least one feeling").is_visible()
    page.fill("#id_typed", "blorpy, worry")
    page.click("button:has-text('Check in')")
    assert page.get_by_text("“blorpy” isn't on the wheel yet").is_visible()
    assert page.get_by_text("Is it close to “worried”?").is_visible()
    browse.check(page, "checkin-errors")


def test_reminder_settings(browse, demo_people):
    page = browse.new_page()
    log_in(page, email="alex@demo.heartwork", password="demo-heartwork-2026")
    page.goto("/settings/")
    page.get_by_role("link", name="Choose reminders").click()
    page.check("#id_checkin-enabled")
    page.fill("#id_checkin-local_time", "21:15")
    page.check("#id_quality_time-enabled")
    page.select_option("#id_quality_time-weekday", "5")
    page.click("main button:has-text('Save')")
    assert page.get_by_text("Saved. You can change or turn these off").is_visible()
    assert page.input_value("#id_checkin-local_time") == "21:15"
    browse.check(page, "reminders")
