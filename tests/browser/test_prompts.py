"""Two people answer the prompt of the day in two browsers and see the reveal."""

import pytest

from tests.browser.conftest import log_in


@pytest.fixture
def demo_people(transactional_db):
    from django.core.management import call_command

    call_command("demo", "--empty", verbosity=0)  # neither has answered yet


def open_prompt(page):
    page.goto("/today/")
    page.get_by_role("link", name="Today's prompt").first.click()
    page.wait_for_url("**/prompt/")


def test_answers_open_only_when_both_have_answered(browse, demo_people):
    alex = browse.new_page()
    log_in(alex, email="alex@demo.heartwork", password="demo-heartwork-2026")
    open_prompt(alex)
    prompt_text = alex.locator("#prompt-text").inner_text()
    browse.check(alex, "prompt-unanswered")
    alex.fill("#id_text", "Alex writes about a rainy afternoon.")
    alex.click("button:has-text('Save my answer')")
    assert alex.get_by_text("Both answers open together").is_visible()
    browse.check(alex, "prompt-waiting")

    sam = browse.new_page()
    log_in(sam, email="sam@demo.heartwork", password="demo-heartwork-2026")
    open_prompt(sam)
    assert sam.locator("#prompt-text").inner_text() == prompt_text  # the same prompt for both
    assert "rainy afternoon" not in sam.content()  # not even hidden in the page
    sam.fill("#id_text", "Sam remembers the smell of bread.")
    sam.click("button:has-text('Save my answer')")
    assert sam.get_by_text("Alex writes about a rainy afternoon.").is_visible()
    sam.select_option("#id_reaction", "smile")
    sam.fill("#id_text", "I loved reading this.")
    sam.click("button:has-text('Send')")
    sam.check("input[name=comfort][value='5']")
    sam.click("#comfort-heading ~ form button")
    assert sam.get_by_text("That helps pace what comes next").is_visible()
    browse.check(sam, "prompt-revealed")

    alex.reload()
    assert alex.get_by_text("Sam remembers the smell of bread.").is_visible()
    assert alex.get_by_text("I loved reading this.").is_visible()


def test_skip_lighter_deck_and_ladder(browse, demo_people):
    page = browse.new_page()
    log_in(page, email="alex@demo.heartwork", password="demo-heartwork-2026")
    open_prompt(page)
    first = page.locator("#prompt-text").inner_text()
    page.click("button:has-text('Skip this one')")
    assert page.get_by_text("Here's another one.").is_visible()
    assert page.locator("#prompt-text").inner_text() != first

    page.get_by_role("link", name="Browse the deck").click()
    page.select_option("#id_type", "spiritual")
    page.select_option("#id_depth", "2")
    page.click("form.filters button")
    browse.check(page, "deck")
    chosen = page.locator(".deck-text").first.inner_text()
    page.locator(".deck-item button").first.click()
    assert page.locator("#prompt-text").inner_text() == chosen

    page.get_by_role("link", name="Depth", exact=True).click()
    assert page.get_by_text("You're at light").is_visible()
    browse.check(page, "ladder")
    page.click("button:has-text('Turn them on for me')")
    assert page.get_by_text("Your choice is private to you.").is_visible()

    page.get_by_role("link", name="Past prompts").click()
    browse.check(page, "history")
