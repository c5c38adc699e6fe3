"""Dark mode and phone fit (issue 16): the key pages in the dark pass axe (contrast AA among
it) at phone size; a chosen theme wins over the device's; nothing scrolls sideways at
360 px; the bottom bar's and forms' targets are 44 px high; the bar steps aside for the
on-screen keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, VIEWPORTS, log_in
from tests.browser.test_insights import seed
from tests.conftest import PASSWORD

PHONE = {"width": 390, "height": 844}
NARROW = {"width": 360, "height": 740}


def pages(bond) -> dict[str, str]:
    return {
        "today": "/today/",
        "bond": f"/bonds/{bond.pk}/",
        "checkin": "/checkin/",
        "prompt": f"/bonds/{bond.pk}/prompt/",
        "insights": f"/bonds/{bond.pk}/insights/",
        "settings": "/settings/",
        "help": "/help/",
    }


def open_in(
    browse, *, viewport=PHONE, color_scheme="light", email="alice@example.com", touch=False
):
    context = browse.chromium.new_context(
        viewport=viewport, base_url=browse.base_url, color_scheme=color_scheme, has_touch=touch
    )
    browse.contexts.append(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, email=email, password=PASSWORD)
    page.wait_for_url("**/today/")
    return page


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


LIGHT_PAPER, DARK_PAPER = "rgb(251, 247, 242)", "rgb(23, 19, 18)"


@pytest.mark.parametrize("viewport", ["phone"])
def test_key_pages_in_the_dark_pass_axe_at_phone_size(browse, people):
    alice, bob, bond = people
    seed(bond, alice, bob)
    page = open_in(browse, color_scheme="dark")
    assert background(page) == DARK_PAPER
    for label, path in pages(bond).items():
        page.goto(path)
        if label == "checkin":
            expect(page.locator(".wheel-svg")).to_be_visible()
            page.locator(".wheel-svg .sector").first.click()  # into Joyful
            page.locator(".wheel-svg .sector").nth(1).click()  # a family
            page.locator(".wheel-svg .sector").nth(1).click()  # a word, chosen
            expect(page.locator(".chips .chip")).to_have_count(1)
        browse.check(page, f"dark-{label}")


@pytest.mark.parametrize("viewport", ["phone"])
def test_a_chosen_theme_wins_over_the_device(browse, people):
    page = open_in(browse, color_scheme="light")
    assert background(page) == LIGHT_PAPER
    page.goto("/settings/")
    page.get_by_label("Dark", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    assert background(page) == DARK_PAPER
    page.emulate_media(media="print")  # paper stays light
    assert background(page) == LIGHT_PAPER
    page.emulate_media(media="screen")
    page.get_by_label("Light", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("html")).to_have_attribute("data-theme", "light")
    dark_device = open_in(browse, color_scheme="dark")
    assert background(dark_device) == LIGHT_PAPER
    page.get_by_label("Same as this device").check()
    page.get_by_role("button", name="Save").click()
    dark_device.reload()
    assert background(dark_device) == DARK_PAPER
    assert dark_device.locator("html").get_attribute("data-theme") is None


@pytest.mark.parametrize("viewport", ["phone"])
@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_the_main_pages_fit_360_px_without_scrolling_sideways(browse, people, color_scheme):
    alice, bob, bond = people
    seed(bond, alice, bob)
    page = open_in(browse, viewport=NARROW, color_scheme=color_scheme)
    too_wide = {}
    for label, path in pages(bond).items():
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            too_wide[label] = width
    assert too_wide == {}


SMALL_TARGETS = """() => [...document.querySelectorAll(
    '.main-nav a, .settings-link, .back a, .subnav a, main button, main .button, main summary,'
    + ' main form input:not([type=hidden]):not([type=checkbox]):not([type=radio]),'
    + ' main form select, main .actions a, main .actions button, .site-footer button')]
  .filter(e => e.offsetParent !== null)
  .map(e => [e.textContent.trim().slice(0, 30) || e.name || e.type,
             e.getBoundingClientRect().height])
  .filter(([, h]) => h < 43.5)"""


@pytest.mark.parametrize("viewport", ["phone"])
def test_touch_targets_are_44_px_high(browse, people):
    alice, bob, bond = people
    seed(bond, alice, bob)
    page = open_in(browse, viewport=NARROW)
    small = {}
    for label, path in pages(bond).items():
        page.goto(path)
        found = page.evaluate(SMALL_TARGETS)
        if found:
            small[label] = found
    assert small == {}


@pytest.mark.parametrize("viewport", ["phone"])
def test_the_bottom_bar_steps_aside_while_typing(browse, people):
    page = open_in(browse, viewport=NARROW, touch=True)
    page.goto("/checkin/")
    nav = page.locator(".main-nav")
    expect(nav).to_be_visible()
    page.locator("#id_note").focus()
    expect(nav).to_be_hidden()
    page.locator("#id_note").blur()
    expect(nav).to_be_visible()
    # Without a touch screen there is no on-screen keyboard to make room for.
    desk = open_in(browse, viewport=NARROW)
    desk.goto("/checkin/")
    desk.locator("#id_note").focus()
    expect(desk.locator(".main-nav")).to_be_visible()
    margin = page.evaluate("getComputedStyle(document.querySelector('#id_note')).scrollMarginTop")
    assert margin != "0px"


@pytest.mark.parametrize("viewport", ["phone"])
def test_dark_screenshots_to_look_at(browse, people):
    """Today, the wheel and insights in the dark at 390 x 844, above the fold, to look at."""
    alice, bob, bond = people
    seed(bond, alice, bob)
    page = open_in(browse, color_scheme="dark")
    SCREENSHOTS.mkdir(exist_ok=True)
    assert VIEWPORTS["phone"] == PHONE
    for label, path in (
        ("today", "/today/"),
        ("wheel", "/checkin/"),
        ("insights", f"/bonds/{bond.pk}/insights/"),
    ):
        page.goto(path)
        if label == "wheel":
            sectors = page.locator(".wheel-svg .sector")
            sectors.first.click()  # Joyful
            sectors.nth(2).click()  # one of its families
            sectors.nth(1).click()  # a word in it, chosen
            page.locator(".wheel-where").evaluate("e => e.scrollIntoView()")
        page.screenshot(path=SCREENSHOTS / f"dark-390-{label}.png")
