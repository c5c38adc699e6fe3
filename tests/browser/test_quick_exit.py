"""The quick exit does what the safety page promises, at phone and desktop sizes: the page
goes at once, the session ends, and Back (or any heartwork address) shows the login page,
not what was on screen. Without JavaScript too, and in every open tab of heartwork."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import open_as

NEUTRAL = "http://neutral.invalid/weather"
LOGIN = re.compile(r"/login/")


def at_the_login_page(page) -> None:
    expect(page).to_have_url(LOGIN)
    expect(page.locator("#id_username")).to_be_visible()
    assert "Alice &amp; Bob" not in page.content() and "Alice & Bob" not in page.content()


def test_leaving_ends_the_session_and_back_finds_the_login_page(browse, people):
    _, _, bond = people
    page = open_as(browse, "alice@example.com", f"/bonds/{bond.pk}/")
    expect(page.get_by_role("heading", name="Alice & Bob")).to_be_visible()
    page.evaluate(
        "localStorage.setItem('heartwork:draft:checkin', 'words not yet sent');"
        "sessionStorage.setItem('heartwork:note', 'x')"
    )
    page.get_by_role("link", name="Leave this site now").click()
    page.wait_for_url(NEUTRAL)

    page.go_back()  # the bond page's own entry was replaced: this is Today's, asked again
    at_the_login_page(page)
    browse.check(page, "back-after-quick-exit")
    assert page.evaluate("localStorage.getItem('heartwork:draft:checkin')") is None
    assert page.evaluate("sessionStorage.getItem('heartwork:note')") is None

    page.goto(f"/bonds/{bond.pk}/")
    at_the_login_page(page)


def test_escape_three_times_ends_the_session_too(browse, people):
    page = open_as(browse, "alice@example.com", "/settings/")
    expect(page.locator("#id_display_name")).to_have_value("Alice")
    for _ in range(3):
        page.keyboard.press("Escape")
    page.wait_for_url(NEUTRAL)
    page.go_back()
    at_the_login_page(page)
    page.goto("/settings/")
    at_the_login_page(page)


def test_without_javascript_the_link_logs_out_on_its_way(browse, people):
    _, _, bond = people
    page = open_as(browse, "alice@example.com", f"/bonds/{bond.pk}/", javascript=False)
    page.context.route(
        f"{NEUTRAL}**",
        lambda route: route.fulfill(body="<h1>Weather</h1>", content_type="text/html"),
    )
    page.get_by_role("link", name="Leave this site now").click()
    page.wait_for_url(NEUTRAL)
    page.go_back()  # the bond page, asked again
    at_the_login_page(page)


def test_every_open_tab_of_heartwork_leaves(browse, people):
    _, _, bond = people
    first = open_as(browse, "alice@example.com", "/today/")
    second = first.context.new_page()
    second.goto(f"/bonds/{bond.pk}/")
    expect(second.get_by_role("heading", name="Alice & Bob")).to_be_visible()
    first.get_by_role("link", name="Leave this site now").click()
    first.wait_for_url(NEUTRAL)
    second.wait_for_url(NEUTRAL)
