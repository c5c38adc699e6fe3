"""Notes of thanks in two browsers: coaching while typing, opening and thanking back, the
private list, and the weekly chart; plus the same coaching without JavaScript."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import open_as

VAGUE = "Thanks for everything"
SPECIFIC = (
    "You stayed up on Sunday to fix my bike before my ride. That was generous, and I felt "
    "looked after."
)


def test_alice_is_coached_toward_specifics_and_bob_thanks_her(browse, people):
    _alice_person, _bob_person, bond = people
    home = f"/bonds/{bond.pk}/appreciation/"
    alice = open_as(browse, "alice@example.com", home)
    expect(alice.get_by_role("heading", name="Write to Bob")).to_be_visible()
    expect(alice.get_by_text("The notes people keep")).to_be_visible()
    browse.check(alice, "compose")

    box = alice.locator("#id_text")
    box.press_sequentially(VAGUE, delay=10)
    hint = alice.locator("#coaching .coach-hint")
    hint.wait_for()
    assert "could be said to almost anyone" in hint.inner_text()
    alice.get_by_text("Examples to borrow from").click()
    expect(alice.locator(".coach-examples li").first).to_be_visible()
    browse.check(alice, "coaching-vague")

    box.fill("")
    box.press_sequentially(SPECIFIC, delay=2)
    alice.locator("#coaching .coach-good").wait_for()
    expect(alice.get_by_text("That's a lovely, specific note.")).to_be_visible()
    browse.check(alice, "coaching-specific")
    alice.click("button:has-text('Send')")
    expect(alice.get_by_text("Sent. It's waiting for Bob")).to_be_visible()
    expect(alice.get_by_text(SPECIFIC)).to_be_visible()
    browse.check(alice, "sent")

    bob = open_as(browse, "bob@example.com", "/today/")
    expect(bob.get_by_text("sent you a note of thanks")).to_be_visible()
    assert SPECIFIC not in bob.content()  # closed until he opens it
    browse.check(bob, "today-new-note")
    bob.goto(home)
    expect(bob.get_by_text("sent you a note of thanks")).to_be_visible()
    assert SPECIFIC not in bob.content()
    browse.check(bob, "new-note")
    bob.get_by_role("link", name="Open it").click()
    expect(bob.get_by_role("heading", name="Alice wrote to you")).to_be_visible()
    expect(bob.get_by_text(SPECIFIC)).to_be_visible()
    bob.select_option("#id_reaction", "smile")
    bob.fill("#id_text", "It was fun, honestly. Thank you for noticing.")
    browse.check(bob, "note-open")
    bob.click("button:has-text('Send my thank-you')")
    expect(bob.get_by_text("Alice will see your thank-you")).to_be_visible()
    browse.check(bob, "thanked")

    alice.goto(home)
    expect(alice.get_by_text("Bob answered your note")).to_be_visible()
    alice.get_by_role("link", name="See what they said").click()
    expect(alice.get_by_text("It was fun, honestly.")).to_be_visible()
    expect(alice.get_by_text("This made me smile")).to_be_visible()
    browse.check(alice, "thank-you-seen")


def test_without_javascript_a_vague_note_waits_with_examples(browse, people):
    from tests.browser.conftest import SCREENSHOTS

    _, _, bond = people
    home = f"/bonds/{bond.pk}/appreciation/"
    alice = open_as(browse, "alice@example.com", home, javascript=False)
    alice.fill("#id_text", "You're great")
    alice.click("button:has-text('Send')")
    expect(alice.get_by_text("Before it goes, a thought")).to_be_visible()
    expect(alice.locator(".coach-examples li").first).to_be_visible()  # examples shown open
    assert alice.input_value("#id_text") == "You're great"
    # axe needs JavaScript, so this one is only photographed; the same page is checked below.
    SCREENSHOTS.mkdir(exist_ok=True)
    alice.screenshot(
        path=SCREENSHOTS / f"{browse.test_name}-00-held-without-js.png", full_page=True
    )
    alice.click("button:has-text('Send it as it is')")
    expect(alice.get_by_text("Sent. It's waiting for Bob")).to_be_visible()
    expect(alice.get_by_text("You're great")).to_be_visible()

    # Pressing Send before any live hint arrived holds the note the same way with JavaScript on.
    page = open_as(browse, "alice@example.com", home)
    page.fill("#id_text", "love you")  # filled at once: no keystrokes, so no live hint yet
    page.click("button:has-text('Send')")
    expect(page.get_by_text("Before it goes, a thought")).to_be_visible()
    browse.check(page, "held")
    page.click("[data-edit-note]")
    assert page.evaluate("document.activeElement.id") == "id_text"
    page.locator("#id_text").press_sequentially(
        ". You brought me tea in bed this morning.", delay=2
    )
    page.locator("#coaching .coach-good").wait_for()
    page.click("button:has-text('Send it as it is')")
    expect(page.get_by_text("love you. You brought me tea in bed this morning.")).to_be_visible()


def test_the_private_list_add_and_share(browse, people):
    _, _, bond = people
    alice = open_as(browse, "alice@example.com", f"/bonds/{bond.pk}/appreciation/list/")
    expect(alice.get_by_role("heading", name="Things I appreciate about Bob")).to_be_visible()
    browse.check(alice, "list-empty")
    alice.fill("#id_text", "The way you hum when you cook, badly and happily.")
    alice.click("button:has-text('Add it')")
    alice.fill("#id_text", "You always ask how my day really went, and wait for the answer.")
    alice.click("button:has-text('Add it')")
    expect(alice.get_by_text("Added to your list. Only you can see it.")).to_be_visible()
    browse.check(alice, "list-two-items")

    bob = open_as(browse, "bob@example.com", f"/bonds/{bond.pk}/appreciation/")
    assert "hum when you cook" not in bob.content()

    alice.locator(".list-item", has_text="The way you hum").get_by_role(
        "link", name="Share with Bob"
    ).click()
    expect(alice.get_by_role("heading", name="Send this to Bob?")).to_be_visible()
    browse.check(alice, "share-confirm")
    alice.click("button:has-text('Send it to Bob')")
    expect(alice.get_by_text("Shared. Bob will find it as a note from you.")).to_be_visible()
    assert alice.locator(".list-item.shared").count() == 1
    browse.check(alice, "list-shared")

    bob.reload()
    bob.get_by_role("link", name="Open it").click()
    expect(bob.get_by_text("The way you hum when you cook")).to_be_visible()
    expect(bob.get_by_text("From the list of things Alice appreciates about you.")).to_be_visible()
    assert "wait for the answer" not in bob.content()


def test_given_and_received_over_twelve_weeks(browse, people):
    from heartwork.appreciation import services
    from heartwork.appreciation.models import Note

    alice_person, bob_person, bond = people
    now = timezone.now()
    for weeks_ago, sender in [
        (0, alice_person),
        (0, bob_person),
        (1, bob_person),
        (2, alice_person),
        (2, alice_person),
        (5, bob_person),
        (7, alice_person),
        (10, bob_person),
    ]:
        note = services.note_send(sender=sender, bond=bond, text="You made soup on a cold day.")
        Note.objects.filter(pk=note.pk).update(
            created_at=now - datetime.timedelta(weeks=weeks_ago), read_at=now
        )
    alice = open_as(browse, "alice@example.com", f"/bonds/{bond.pk}/appreciation/over-time/")
    expect(alice.get_by_role("heading", name="Notes over time")).to_be_visible()
    assert alice.locator("svg.week-chart rect.bar").count() == 8 - 1  # two in week 2 share a bar
    expect(
        alice.get_by_role("img", name="Notes from you and to you, each week for the last 12 weeks")
    ).to_be_visible()
    assert alice.locator(".week-table tbody tr").count() == 12
    browse.check(alice, "over-time")
