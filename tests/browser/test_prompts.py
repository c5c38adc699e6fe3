"""Two people answer the prompt of the day in two browsers and see the reveal; changing
the prompt takes both; what someone is typing is never lost."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, open_as

DRAFTS = "Object.keys(localStorage).filter(k => k.startsWith('heartwork-draft:'))"


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
    expect(alex.get_by_text("Both answers open together")).to_be_visible()
    browse.check(alex, "prompt-waiting")

    sam = browse.new_page()
    log_in(sam, email="sam@demo.heartwork", password="demo-heartwork-2026")
    open_prompt(sam)
    assert sam.locator("#prompt-text").inner_text() == prompt_text  # the same prompt for both
    assert "rainy afternoon" not in sam.content()  # not even hidden in the page
    sam.fill("#id_text", "Sam remembers the smell of bread.")
    sam.click("button:has-text('Save my answer')")
    expect(sam.get_by_text("Alex writes about a rainy afternoon.")).to_be_visible()
    sam.select_option("#id_reaction", "smile")
    sam.fill("#id_text", "I loved reading this.")
    sam.click("button:has-text('Send')")
    sam.check("input[name=comfort][value='5']")
    sam.click("#comfort-heading ~ form button")
    expect(sam.get_by_text("That helps pace what comes next")).to_be_visible()
    browse.check(sam, "prompt-revealed")

    alex.reload()
    expect(alex.get_by_text("Sam remembers the smell of bread.")).to_be_visible()
    expect(alex.get_by_text("I loved reading this.")).to_be_visible()
    # A reply to the reply joins the thread; neither replaces the other.
    alex.fill("#id_text", "It was the bakery by the lake.")
    alex.click("button:has-text('Send')")
    thread = alex.locator("ol.replies > li")
    expect(thread).to_have_count(2)
    expect(thread.nth(0)).to_contain_text("I loved reading this.")
    expect(thread.nth(1)).to_contain_text("It was the bakery by the lake.")
    expect(thread.nth(1).locator(".reply-meta")).to_contain_text("You")
    browse.check(alex, "reply-thread")


def test_asking_to_change_deck_and_ladder(browse, demo_people):
    page = browse.new_page()
    log_in(page, email="alex@demo.heartwork", password="demo-heartwork-2026")
    open_prompt(page)
    first = page.locator("#prompt-text").inner_text()
    page.click("button:has-text('Ask for another')")
    expect(page.get_by_text("Asked Sam.")).to_be_visible()
    assert page.locator("#prompt-text").inner_text() == first  # not changed by one alone
    page.click("button:has-text('Withdraw my request')")
    expect(page.get_by_text("Withdrawn.")).to_be_visible()

    page.get_by_role("link", name="Browse the deck").click()
    page.select_option("#id_type", "spiritual")
    page.select_option("#id_depth", "2")
    page.click("form.filters button")
    browse.check(page, "deck")
    chosen = page.locator(".deck-text").first.inner_text()
    page.locator(".deck-item button").first.click()
    expect(page.get_by_text("You asked Sam to use this one from the deck today")).to_be_visible()
    assert page.locator("#prompt-text").inner_text() == first
    expect(page.locator(".deck-text")).to_have_text(chosen)

    page.get_by_role("link", name="Depth", exact=True).click()
    expect(page.get_by_text("You're at light")).to_be_visible()
    browse.check(page, "ladder")
    page.click("button:has-text('Turn them on for me')")
    expect(page.get_by_text("Saved, privately.")).to_be_visible()

    page.get_by_role("link", name="Past prompts").click()
    browse.check(page, "history")


def test_a_change_takes_both_and_a_typed_draft_survives(browse, people):
    """Alice starts writing, then asks Bob for another prompt; his open page notices, he
    says yes, and after a reload Alice's half-written words are still in her box. Saving
    clears the draft from the device, and so does the quick exit."""
    _, _, bond = people
    url = f"/bonds/{bond.pk}/prompt/"
    bob = open_as(browse, "bob@example.com", url)
    alice = open_as(browse, "alice@example.com", url)
    first = alice.locator("#prompt-text").inner_text()
    draft = "Half a thought about the lake, not finished yet"
    alice.fill("#id_text", draft)
    alice.click("button:has-text('Ask for another')")
    expect(alice.get_by_text("Asked Bob.")).to_be_visible()
    expect(alice.locator("#id_text")).to_have_value(draft)  # kept through the page change
    expect(alice.get_by_text("We kept what you were writing on this device")).to_be_visible()
    expect(alice.get_by_text("You asked Bob to change today's prompt: another one")).to_be_visible()
    browse.check(alice, "change-asked")

    # Bob's open page notices the request without a reload.
    request = bob.get_by_role("heading", name="Alice asked to change today's prompt")
    request.wait_for(timeout=20_000)
    bob.goto("/today/")
    expect(bob.get_by_text("Alice asked to change today's prompt: another one.")).to_be_visible()
    bob.get_by_role("link", name="Say yes or no").click()
    expect(request).to_be_visible()
    browse.check(bob, "change-request")
    bob.click("button:has-text('Yes, change it')")
    expect(bob.get_by_text("Changed. Here's today's new prompt")).to_be_visible()
    second = bob.locator("#prompt-text").inner_text()
    assert second != first

    alice.reload()
    expect(alice.locator("#prompt-text")).to_have_text(second)
    expect(alice.locator("#id_text")).to_have_value(draft)
    expect(alice.get_by_text("You'd started writing this for the earlier prompt")).to_be_visible()
    browse.check(alice, "draft-carried")
    alice.click("button:has-text('Save my answer')")
    expect(alice.get_by_text("Saved. Your answer stays private")).to_be_visible()
    expect(alice.locator("#id_text")).to_have_value(draft)
    assert alice.evaluate(DRAFTS) == []  # saved: nothing left on the device

    alice.fill("#id_text", "Words I would not want anyone to find")
    assert len(alice.evaluate(DRAFTS)) == 1
    alice.click("[data-quick-exit]")
    alice.wait_for_url("http://neutral.invalid/**")
    alice.goto(browse.base_url + "/today/")
    assert alice.evaluate(DRAFTS) == []
