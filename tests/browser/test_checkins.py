"""A feelings check-in on a phone and a desktop, shared with the other person, who answers."""

import pytest
from playwright.sync_api import expect

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
    # The wheel, by touch: core, then family, then the word; the list stays underneath.
    wheel = alex.get_by_role("group", name="Feelings wheel")
    wheel.get_by_role("button", name="Scared").click()
    wheel.get_by_role("button", name="Anxious").click()
    wheel.get_by_role("checkbox", name="Worried").click()
    assert alex.locator("input[value=worried]").is_checked()
    expect(alex.get_by_role("button", name="Remove Worried")).to_be_visible()
    browse.check(alex, "wheel-chosen")
    alex.fill("#id_typed", "hopeful")
    alex.check("input[name=intensity][value='4']")
    alex.fill("#id_note", "Waiting to hear about the new job.")
    alex.fill("#id_feel", "nervous")
    alex.fill("#id_when", "I wait for news")
    alex.fill("#id_because", "it matters a lot to me")
    alex.select_option("#id_share_with", label="Share with Sam and me")
    alex.click("button:has-text('Check in')")
    expect(alex.get_by_text("Checked in. Shared with Sam and me.")).to_be_visible()
    expect(
        alex.get_by_text("I feel nervous when I wait for news because it matters a lot to me.")
    ).to_be_visible()
    browse.check(alex, "history")

    sam = browse.new_page()
    log_in(sam, email="sam@demo.heartwork", password="demo-heartwork-2026")
    sam.wait_for_url("**/today/")
    expect(sam.get_by_text("Alex shared how they feel")).to_be_visible()
    browse.check(sam, "today-shared")
    sam.get_by_role("link", name="Read and respond").click()
    sam.select_option("select[name=phrase]", label="Thank you for telling me.")
    sam.click("button:has-text('Send')")
    expect(sam.get_by_text("Sent to Alex.")).to_be_visible()
    browse.check(sam, "bond-checkins")

    alex.reload()
    expect(alex.get_by_text("Thank you for telling me.")).to_be_visible()


def test_the_wheel_by_keyboard_keeps_choices_through_an_error(browse, demo_people):
    page = browse.new_page()
    log_in(page, email="alex@demo.heartwork", password="demo-heartwork-2026")
    page.goto("/checkin/")
    wheel = page.get_by_role("group", name="Feelings wheel")
    wheel.get_by_role("button").first.focus()
    page.keyboard.press("Enter")  # the first core opens
    page.keyboard.press("Enter")  # "…, in general" is chosen
    first = page.locator(".chips .chip").first
    expect(first).to_be_visible()
    word = first.get_attribute("aria-label").removeprefix("Remove ")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # into a family
    page.keyboard.press("Space")  # the family's own word
    assert page.locator(".chips .chip").count() == 2
    page.fill("#id_typed", "blorpy")  # not on the wheel: the page comes back with an error
    page.click("button:has-text('Check in')")
    expect(page.get_by_text("isn't on the wheel yet")).to_be_visible()
    page.get_by_role("button", name=f"Remove {word}").click()  # kept through the error
    assert page.locator(".chips .chip").count() == 1
    browse.check(page, "wheel-keyboard")


def test_a_check_in_with_nothing_picked_gets_a_clear_message(browse, demo_people):
    page = browse.new_page()
    log_in(page, email="alex@demo.heartwork", password="demo-heartwork-2026")
    page.goto("/checkin/")
    page.click("button:has-text('Check in')")
    expect(page.get_by_text("Pick at least one feeling")).to_be_visible()
    page.fill("#id_typed", "blorpy, worry")
    page.click("button:has-text('Check in')")
    expect(page.get_by_text("“blorpy” isn't on the wheel yet")).to_be_visible()
    expect(page.get_by_text("Is it close to “worried”?")).to_be_visible()
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
    expect(page.get_by_text("Saved. You can change or turn these off")).to_be_visible()
    assert page.input_value("#id_checkin-local_time") == "21:15"
    browse.check(page, "reminders")
