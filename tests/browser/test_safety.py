"""The safety layer in a browser: a check-in note that sounds like danger takes the writer,
and only the writer, to help that fits; the private safety check switches repair off for
the person who took it, with a kind explanation, while the other sees nothing different."""

from playwright.sync_api import expect

from tests.browser.conftest import open_as

HEAVY = "he grabbed my arm so hard it bruised and said next time will be worse"


def test_a_concerning_check_in_note_leads_to_help_and_nowhere_else(browse, people):
    _, _, bond = people
    alice = open_as(browse, "alice@example.com", "/checkin/")
    alice.fill("#id_typed", "scared")
    alice.check("input[name=intensity][value='4']")
    alice.fill("#id_note", HEAVY)
    alice.select_option("#id_share_with", index=1)
    alice.click("button:has-text('Check in')")
    alice.wait_for_url("**/help/for-you/")
    expect(alice.get_by_role("heading", name="You deserve to be safe")).to_be_visible()
    expect(
        alice.get_by_role("link", name="Call 0808 2000 247")
    ).to_be_visible()  # Alice is in London
    browse.check(alice, "for-you")

    # Bob sees the check-in Alice chose to share, and nothing else: no sign of the screen.
    bob = open_as(browse, "bob@example.com", f"/bonds/{bond.pk}/checkins/")
    expect(bob.get_by_text(HEAVY)).to_be_visible()
    assert "deserve to be safe" not in bob.content() and "for-you" not in bob.content()

    # A reload shows the same help without the tailored opening.
    alice.reload()
    expect(alice.get_by_role("heading", name="Help, whenever you need it")).to_be_visible()


def test_the_private_safety_check_turns_repair_off_only_for_the_one_who_took_it(browse, people):
    _, _, bond = people
    alice = open_as(browse, "alice@example.com", f"/bonds/{bond.pk}/")
    alice.get_by_role("link", name="Take the safety check").click()
    browse.check(alice, "check")
    alice.locator("input[name=fear][value=more]").check()
    alice.locator("input[name=control][value=once-or-twice]").check()
    alice.locator("input[name=safe_now][value=unsure]").check()
    alice.click("main button[type=submit]")
    expect(alice.get_by_text("Only you see this").first).to_be_visible()
    browse.check(alice, "check-result")

    alice.goto(f"/bonds/{bond.pk}/")
    expect(alice.get_by_text("it isn't offered to you here right now")).to_be_visible()
    browse.check(alice, "bond-without-repair")

    bob = open_as(browse, "bob@example.com", f"/bonds/{bond.pk}/")
    expect(bob.get_by_role("link", name="Start a repair")).to_be_visible()
    assert "safety check was" not in bob.content()
