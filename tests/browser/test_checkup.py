"""Two people take the check-up in two browsers: Alice first (she sees nothing of Bob's),
then Bob, and both see their views side by side; Bob shares one answer, item by item."""

from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, open_as


def glance(browse, page, label: str, selector: str) -> None:
    """A screenshot of one part of a long page, to look at closely."""
    page.locator(selector).first.screenshot(
        path=SCREENSHOTS / f"{browse.test_name}-part-{label}.png"
    )


def answer(page, legend_text: str, now: str, wished: str) -> None:
    item = page.locator("fieldset.item", has=page.locator("legend", has_text=legend_text))
    item.locator("fieldset.scale").nth(0).get_by_label(now, exact=True).check()
    item.locator("fieldset.scale").nth(1).get_by_label(wished, exact=True).check()


def test_two_people_take_the_check_up(browse, people):
    _, _, bond = people
    alice = open_as(browse, "alice@example.com", f"/bonds/{bond.pk}/")
    alice.get_by_role("link", name="Take the check-up").click()
    expect(alice.get_by_role("heading", name="How close do we feel?")).to_be_visible()
    alice.locator("fieldset.pictures").nth(0).get_by_label("Mostly overlapping").check()
    alice.locator("fieldset.pictures").nth(1).get_by_label("Almost one circle").check()
    answer(alice, "I can tell Bob how I really feel", "Mostly", "Completely")
    answer(alice, "is someone I want to tell", "Completely", "Completely")
    answer(alice, "I keep my worries to myself", "A little", "Not at all")
    answer(alice, "We make time for things we both enjoy", "Somewhat", "Completely")
    answer(alice, "try something new together", "A little", "Mostly")
    answer(alice, "I feel safe being myself", "Completely", "Completely")
    answer(alice, "I can disagree with Bob", "Mostly", "Completely")
    browse.check(alice, "take")
    glance(browse, alice, "circles", "section[aria-labelledby=closeness-heading]")
    glance(browse, alice, "feelings", "section[aria-labelledby=dim-emotional]")
    alice.click("button:has-text('Save my check-up')")
    expect(alice.get_by_text("Your answers are yours alone")).to_be_visible()
    assert alice.get_by_role("heading", name="Side by side").count() == 0
    browse.check(alice, "waiting")

    bob = open_as(browse, "bob@example.com", f"/bonds/{bond.pk}/checkup/take/")
    bob.locator("fieldset.pictures").nth(0).get_by_label("Somewhat overlapping").check()
    answer(bob, "I can tell Alice how I really feel", "A little", "Mostly")
    answer(bob, "is someone I want to tell", "Somewhat", "Completely")
    answer(bob, "I keep my worries to myself", "Mostly", "A little")
    answer(bob, "We make time for things we both enjoy", "A little", "Completely")
    answer(bob, "try something new together", "Not at all", "Mostly")
    answer(bob, "I feel safe being myself", "Mostly", "Completely")
    answer(bob, "I can disagree with Alice", "Somewhat", "Mostly")
    bob.click("button:has-text('Save my check-up')")
    expect(bob.get_by_role("heading", name="Side by side")).to_be_visible()
    expect(bob.get_by_text("Where your views differ most: Sharing feelings")).to_be_visible()
    browse.check(bob, "side-by-side")
    glance(browse, bob, "profiles", "section[aria-labelledby=side-heading]")

    bob.get_by_text("See your answers, and choose any to share").click()
    bob.get_by_label("We make time for things we both enjoy.").check()
    bob.click("button:has-text('Save what I share')")
    expect(bob.get_by_text("1 answer shared")).to_be_visible()

    alice.reload()
    expect(alice.get_by_role("heading", name="Side by side")).to_be_visible()
    expect(alice.get_by_text("What Bob chose to share")).to_be_visible()
    assert "I keep my worries to myself" not in alice.locator(".shared-answers").inner_text()
    alice.get_by_text("The same as a table").click()
    browse.check(alice, "side-by-side-shared")


def test_a_private_reflection(browse, people):
    _, _, bond = people
    alice = open_as(browse, "alice@example.com", f"/bonds/{bond.pk}/")
    alice.get_by_role("link", name="Reflections").click()
    browse.check(alice, "reflections")
    alice.locator("#reflection-moment a.button").click()
    scales = alice.locator("fieldset.scale")
    scales.nth(0).get_by_label("Mostly", exact=True).check()
    scales.nth(1).get_by_label("Somewhat", exact=True).check()
    scales.nth(2).get_by_label("Completely", exact=True).check()
    browse.check(alice, "reflect")
    alice.click("button:has-text('Save for myself')")
    expect(alice.get_by_text("Saved, for you alone.")).to_be_visible()
    expect(alice.get_by_role("heading", name="You felt met")).to_be_visible()
    glance(browse, alice, "result", "#reflection-moment")
