"""Suggested feelings on a phone: typing what happened offers wheel words; tapping one ticks
it on the wheel and opens the wheel there; without JavaScript the button does the same."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, open_as

STORY = "my sister drove three hours to be at my graduation"


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_typing_what_happened_offers_words_and_tapping_one_chooses_it(browse, people):
    alice = open_as(browse, "alice@example.com", "/checkin/")
    alice.locator("#id_note").press_sequentially(STORY, delay=5)
    first = alice.locator("#feeling-suggestions label.suggestion").first
    first.wait_for()
    assert alice.locator("#feeling-suggestions label.suggestion").count() >= 3
    assert alice.locator("input[name=feelings]:checked").count() == 0  # nothing by itself
    word = first.get_attribute("for")
    first.click()
    box = alice.locator(f"#{word}")
    assert box.is_checked()
    # The round wheel shows what is chosen as a chip, which one tap removes.
    chosen = alice.get_by_role("list", name="Chosen feelings")
    expect(chosen.get_by_role("listitem").count() == 1 and chosen).to_be_visible()
    browse.check(alice, "suggested-and-chosen")
    alice.check("input[name=intensity][value='4']")
    alice.click("button:has-text('Check in')")
    expect(alice.get_by_text("Checked in.")).to_be_visible()


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_without_javascript_the_button_suggests_and_a_tap_still_chooses(browse, people):
    alice = open_as(browse, "alice@example.com", "/checkin/", javascript=False)
    alice.fill("#id_note", STORY)
    alice.click("button:has-text('Suggest feelings')")
    first = alice.locator("#feeling-suggestions label.suggestion").first
    first.wait_for()
    assert alice.locator("#id_note").input_value() == STORY
    word = first.get_attribute("for")
    first.click()
    assert alice.locator(f"#{word}").is_checked()
    # axe needs JavaScript to run, so this page is only photographed.
    SCREENSHOTS.mkdir(exist_ok=True)
    alice.screenshot(path=SCREENSHOTS / f"{browse.test_name}-no-javascript.png", full_page=True)
