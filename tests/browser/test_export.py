"""Downloading an archive from Settings and reading it offline; a bond's story, on screen
and as it prints. At phone and desktop size, with screenshots in .screenshots/."""

from __future__ import annotations

import zipfile

from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, open_as
from tests.exports.world import write_everything


def say(what: str) -> str:
    return f"Words {what} <b>here</b>"


def test_download_the_archive_and_read_it_offline(browse, people, tmp_path):
    alice, bob, _ = people
    world = write_everything(alice, bob, say)
    page = open_as(browse, alice.email, "/settings/")
    browse.check(page, "settings")
    with page.expect_download() as waiting:
        page.click("button:has-text('Download my archive')")
    download = waiting.value
    assert download.suggested_filename.startswith("heartwork-")
    archive = tmp_path / download.suggested_filename
    download.save_as(archive)
    with zipfile.ZipFile(archive) as unpacked:
        unpacked.extractall(tmp_path / "archive")

    # Offline; scripts are allowed only so the accessibility check can run (the page has
    # none, and its own policy would forbid them).
    offline = browse.chromium.new_context(
        viewport=page.viewport_size, offline=True, bypass_csp=True
    )
    browse.contexts.append(offline)
    reader = offline.new_page()
    reader.goto((tmp_path / "archive" / "index.html").as_uri())
    expect(reader.get_by_role("heading", name="Everything you wrote in heartwork")).to_be_visible()
    expect(reader.get_by_text(say("answer-Bob")).first).to_be_visible()  # escaped, shown as text
    assert reader.locator("b").count() == 0 and reader.locator("script").count() == 0
    expect(reader.get_by_text("Not in this archive")).to_be_visible()
    width = reader.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]  # nothing runs off a phone's screen
    browse.check(reader, "archive-offline")
    for top in (0, 1200, 2600):  # the same at screen size, to look at
        reader.evaluate(f"window.scrollTo(0, {top})")
        reader.screenshot(
            path=SCREENSHOTS / f"{browse.test_name}-archive-at-{top}.png", full_page=False
        )

    story = open_as(browse, bob.email, f"/bonds/{world['bond'].pk}/")
    story.get_by_role("link", name="Our story").click()
    expect(story.get_by_text(say("note-a")).first).to_be_visible()
    browse.check(story, "our-story")
    story.screenshot(path=SCREENSHOTS / f"{browse.test_name}-story-screen.png")
    story.emulate_media(media="print")
    story.screenshot(path=SCREENSHOTS / f"{browse.test_name}-story-print.png")
    expect(story.locator(".site-header")).not_to_be_visible()
    expect(story.get_by_role("link", name="Download as JSON")).not_to_be_visible()
    browse.check(story, "our-story-print")
