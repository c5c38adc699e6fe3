"""A repair from both sides in two browsers: Alice owns what she did, is coached on her
apology as she types, commits to changes and sends; Bob reads it when he chooses, accepts,
and both rate their first week, which opens once both have rated."""

from playwright.sync_api import expect

from tests.browser.conftest import open_as

ACCOUNT = (
    "I read your messages on your phone while you were in the shower. I broke your trust, "
    "and it left you feeling watched in your own home."
)
EXCUSING = "I'm sorry if you were upset, but I was worried about you."
APOLOGY = (
    "I'm sorry I went through your phone. It was wrong, and I understand why you feel you "
    "can't relax around me right now."
)
CHANGE = "I will ask you directly when I'm worried, instead of checking your things"


def test_a_repair_from_both_sides(browse, people):
    _, _, bond = people
    alice = open_as(browse, "alice@example.com", f"/bonds/{bond.pk}/")
    alice.get_by_role("link", name="Start a repair").click()
    alice.get_by_label("I hurt them, and I want to make it right").check()
    browse.check(alice, "repair-home")
    alice.click("button:has-text('Begin')")
    expect(alice.get_by_role("heading", name="Making it right")).to_be_visible()

    alice.fill("#id_accountability", ACCOUNT)
    apology = alice.locator("textarea[name=apology]")
    apology.press_sequentially(EXCUSING, delay=5)
    alice.locator("#apology-coaching .coach-hint").wait_for()
    hint = alice.locator("#apology-coaching").inner_text()
    assert "it can go just as it is" in hint
    browse.check(alice, "apology-coached")
    apology.fill("")
    apology.press_sequentially(APOLOGY, delay=2)
    alice.locator("#apology-coaching .coach-good").wait_for()
    alice.click("button:has-text('Save')")
    expect(alice.get_by_text("Only you can see it until you send it")).to_be_visible()

    alice.fill("#id_change", CHANGE)
    alice.fill("#id_evidence", "You'll hear it from me, out loud")
    alice.click("button:has-text('Add this commitment')")
    expect(alice.get_by_text(CHANGE)).to_be_visible()

    # Bob knows a repair has begun, but sees nothing she has written before she sends it.
    bob = open_as(browse, "bob@example.com", f"/bonds/{bond.pk}/repair/")
    bob.get_by_role("link", name="Go to it").click()
    expect(bob.get_by_text("Alice is preparing something for you")).to_be_visible()
    assert ACCOUNT not in bob.content() and CHANGE not in bob.content()

    alice.click("button:has-text('Send to Bob')")
    expect(alice.get_by_text("It's with Bob")).to_be_visible()
    browse.check(alice, "sent")

    bob.reload()
    expect(bob.get_by_role("button", name="Read it now")).to_be_visible()
    assert ACCOUNT not in bob.content()  # until he chooses to read
    browse.check(bob, "waiting-to-read")
    bob.click("button:has-text('Read it now')")
    expect(bob.get_by_text(ACCOUNT)).to_be_visible()
    expect(bob.get_by_text(CHANGE)).to_be_visible()
    bob.get_by_label("I accept").check()
    bob.fill("#id_note", "Thank you for saying it plainly. I need time to trust it.")
    browse.check(bob, "answer")
    bob.click("button:has-text('Give my answer')")
    expect(bob.get_by_role("heading", name="Rebuilding, week by week")).to_be_visible()

    alice.reload()
    expect(alice.get_by_text("I need time to trust it.")).to_be_visible()
    alice.get_by_label("Mostly").check()
    alice.click("button:has-text('Save this week')")
    expect(alice.get_by_text("After you've both rated")).to_be_visible()

    bob.reload()
    assert (
        bob.get_by_role("heading", name="Week by week", exact=True).count() == 0
    )  # nothing of hers yet
    bob.get_by_label("A little").check()
    bob.click("button:has-text('Save this week')")
    expect(bob.get_by_role("heading", name="Week by week", exact=True)).to_be_visible()
    expect(bob.get_by_role("cell", name="Mostly")).to_be_visible()
    browse.check(bob, "week-open")
