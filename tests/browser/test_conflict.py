"""Hard conversations in two browsers: Alice turns an accusation into what happened, how
she feels, what she needs and what she'd like, and sends it; then the two of them talk it
through, one at a time, with a break in the middle."""

import datetime

import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import open_as

ACCUSATION = "You never help with anything. You're so lazy, it's always me doing everything!"


def test_the_composer_turns_an_accusation_into_a_request(browse, people):
    _, _, bond = people
    alice = open_as(browse, "alice@example.com", f"/bonds/{bond.pk}/talk/")
    alice.locator("#id_text").press_sequentially(ACCUSATION, delay=3)
    alice.locator("#compose-reading mark").first.wait_for()
    assert alice.locator("#compose-reading mark").count() >= 2
    browse.check(alice, "live-reading")
    alice.click("button:has-text('Save and keep shaping it')")
    expect(alice.get_by_role("heading", name="What you want to say to Bob")).to_be_visible()

    alice.fill("#id_observation", "the kitchen was left after dinner three nights this week")
    alice.fill("#id_feeling", "worn out")
    alice.fill("#id_need", "to feel we're a team at home")
    alice.locator("#id_request").press_sequentially("could we take turns with the dishes", delay=3)
    alice.get_by_text(
        "When the kitchen was left after dinner three nights this week, I feel worn out."
    ).wait_for()
    browse.check(alice, "four-parts")
    alice.click("button:has-text('Use the four parts as my message')")
    assert alice.locator("#id_text").input_value().startswith("When the kitchen was left")
    alice.locator("#draft-reading .coach-good").wait_for(state="attached")
    alice.click("button:has-text('Send to Bob')")
    expect(alice.get_by_text("Sent.")).to_be_visible()

    bob = open_as(browse, "bob@example.com", "/today/")
    bob.get_by_role("link", name="Read it").click()
    expect(bob.get_by_text("Could we take turns with the dishes?")).to_be_visible()
    assert "lazy" not in bob.content()
    browse.check(bob, "message-received")


def test_talking_it_through_with_a_break(browse, people):
    _, _, bond = people
    alice = open_as(browse, "alice@example.com", f"/bonds/{bond.pk}/talk/")
    alice.click("button:has-text('Ask Bob to talk')")
    expect(alice.get_by_text("It starts when they join")).to_be_visible()

    bob = open_as(browse, "bob@example.com", "/today/")
    bob.get_by_role("link", name="See the invitation").click()
    browse.check(bob, "invitation")
    bob.click("button:has-text('Join')")
    # Alice's page notices by itself that Bob has joined.
    alice.get_by_role("button", name="We're ready").wait_for(timeout=15_000)
    alice.get_by_role("button", name="We're ready").click()
    bob.reload()
    bob.click("button:has-text('Phones are away')")

    alice.reload()
    alice.fill(
        "#say-text", "When we didn't speak all weekend, I felt far from you. I need us to check in."
    )
    alice.click("button:has-text('Say it')")
    bob.reload()
    expect(bob.get_by_role("heading", name="What did you hear?")).to_be_visible()
    browse.check(bob, "reflect")
    bob.fill(
        "#reflect-text", "You felt far away from me at the weekend and you'd like us to check in."
    )
    bob.click("button:has-text('Say what I heard')")

    alice.reload()
    alice.select_option("#id_minutes", "20")
    alice.click("button:has-text('Take a break')")
    expect(alice.get_by_text("A break until")).to_be_visible()
    browse.check(alice, "on-a-break")
    bob.reload()
    assert bob.get_by_role("button", name="Say what I heard").count() == 0

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=21), tick=True):
        alice.reload()
        alice.get_by_role("button", name="Yes, that's it").click()
        bob.reload()
        bob.click("button:has-text('Say it, and take my turn')")
        bob.reload()
        expect(bob.get_by_role("heading", name="Your turn to speak")).to_be_visible()
        browse.check(bob, "bobs-turn")
