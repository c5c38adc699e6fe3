"""Issue 10's rough edges, in a real browser: the invite page keeps its link and replaces
it only when asked, deleting a check-in asks first, a count shows near a field's limit,
and the first run takes "Not now" for an answer."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_as


@pytest.fixture
def sam_and_a_bond(transactional_db):
    """Sam, who has started a bond called Jo and invited nobody yet (made here, not
    through the sign-up form, whose per-address limit the other browser tests use up)."""
    from heartwork.bonds.services import bond_create
    from heartwork.domain.bonds import BondKind
    from tests.conftest import make_person

    sam = make_person("sam@example.com", "Sam")
    return bond_create(person=sam, name="Jo", kind=BondKind.FRIEND)


def test_the_invite_page_keeps_its_link_and_replaces_it_only_when_asked(browse, sam_and_a_bond):
    page = open_as(browse, "sam@example.com", f"/bonds/{sam_and_a_bond.pk}/")
    page.click("button:has-text('Make an invite link')")
    link = page.input_value("#invite-link")
    invite_page = page.url
    assert invite_page.endswith("/invite/")
    page.reload()
    assert page.input_value("#invite-link") == link  # a reload shows the same link
    page.goto("/today/")
    page.goto(invite_page)  # and so does coming back to its address later
    assert page.input_value("#invite-link") == link
    expect(page.get_by_text("The link you have now stops working")).to_be_visible()
    browse.check(page, "invite-link")
    page.click("button:has-text('Make a new link')")
    expect(page.get_by_text("The one you had before no longer works.")).to_be_visible()
    assert page.input_value("#invite-link") != link
    browse.check(page, "invite-link-new")


def test_not_now_lets_someone_start_alone(browse, sam_and_a_bond):
    page = open_as(browse, "sam@example.com", "/today/")
    browse.check(page, "first-run-invite")
    expect(page.get_by_role("heading", name="Invite them to Jo")).to_be_visible()
    page.click("button:has-text('Not now')")
    expect(page.get_by_text("just you for now")).to_be_visible()
    expect(page.get_by_role("heading", name="Invite them to Jo")).to_have_count(0)
    browse.check(page, "today-not-now")


def test_deleting_a_check_in_asks_first(browse, people):
    from heartwork.checkins.services import checkin_record

    alice, _bob, bond = people
    checkin_record(person=alice, feelings=["hopeful"], intensity=3, share_with=bond)
    page = open_as(browse, "alice@example.com", "/checkin/history/")
    page.get_by_role("link", name="Delete…").click()
    expect(page.get_by_role("heading", name="Delete this check-in?")).to_be_visible()
    expect(page.get_by_text("This can't be undone.")).to_be_visible()
    browse.check(page, "checkin-delete")
    page.get_by_role("link", name="Keep it").click()
    expect(page.get_by_text("hopeful").first).to_be_visible()
    page.get_by_role("link", name="Delete…").click()
    page.click("button:has-text('Delete it for good')")
    expect(page.get_by_text("Deleted.")).to_be_visible()


def test_a_count_shows_near_a_fields_limit(browse, people):
    page = open_as(browse, "alice@example.com", "/checkin/")
    note = page.locator("#id_note")
    count = page.locator("#id_note_count")
    note.fill("a few words")
    expect(count).to_have_text("")  # far from the limit: nothing to see
    expect(count).to_have_attribute("aria-live", "polite")
    note.fill("x" * 1750)
    expect(count).to_have_text("250 characters left")
    note.fill("x" * 2000)
    expect(count).to_have_text("That's the limit: 2000 characters.")
    browse.check(page, "checkin-near-limit")
