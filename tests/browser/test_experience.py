"""The app two people love to open: a first run that guides, the bottom bar on a phone,
a calm Today (one card per waiting thing, reminders in one quiet card), and a page that
updates by itself when the other person does something."""

import datetime
import zoneinfo

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, open_as, sign_up


def test_a_first_run_one_step_at_a_time(browse, viewport, transactional_db):
    page = browse.new_page()
    sign_up(page, email="sam@example.com", name="Sam")
    page.wait_for_url("**/today/")
    expect(
        page.get_by_role("heading", name="Who would you like to feel closer to?")
    ).to_be_visible()
    nav = page.get_by_role("navigation", name="Main")
    for destination in ("Today", "Bonds", "Feelings", "Help"):
        expect(nav.get_by_role("link", name=destination)).to_be_visible()
    if viewport == "phone":  # the bar sits at the bottom of the screen, within thumb reach
        box = nav.bounding_box()
        assert box["y"] + box["height"] >= VIEWPORTS["phone"]["height"] - 2
    expect(page.get_by_role("link", name="Leave this site now")).to_be_visible()
    browse.check(page, "first-run-name")

    page.fill("#id_name", "Jo")
    page.check("input[value=friend]")
    page.click("button:has-text('Start our bond')")
    # The bond's page leads with the invite, then the practices by what you want to do.
    invite = page.get_by_role("heading", name="Invite them")
    talk = page.get_by_role("heading", name="Talk", exact=True)
    assert invite.bounding_box()["y"] < talk.bounding_box()["y"]
    browse.check(page, "bond-hub-solo")

    page.get_by_role("link", name="Today").first.click()
    expect(page.get_by_role("heading", name="Invite them to Jo")).to_be_visible()
    browse.check(page, "first-run-invite")
    page.click("button:has-text('Make an invite link')")
    page.goto("/today/")
    expect(page.get_by_role("heading", name="While your invite is on its way")).to_be_visible()
    page.get_by_role("link", name="Today's prompt").first.click()
    expect(page.get_by_role("link", name="Jo").first).to_be_visible()  # the way back to the bond
    browse.check(page, "first-prompt")
    page.goto("/bonds/")
    browse.check(page, "bonds")


def test_a_calm_today_and_a_live_update(browse, people):
    from heartwork.appreciation import services as appreciation
    from heartwork.checkins.services import checkin_record
    from heartwork.prompts import services as prompts
    from heartwork.reminders.models import ReminderPreference
    from heartwork.reminders.services import reminders_claim_due

    alice, bob, bond = people
    round_ = prompts.round_for_today(bond=bond)
    prompts.answer_submit(person=bob, bond=bond, round_=round_, text="The sea at dawn.")
    checkin_record(
        person=bob,
        feelings=["hopeful", "tired"],
        intensity=3,
        note="",
        share_with=bond,
        feel="hopeful",
        when="we plan together",
    )
    for kind in ("checkin", "appreciation"):
        now = timezone.localtime(timezone.now(), zoneinfo.ZoneInfo(alice.time_zone))
        ReminderPreference.objects.create(
            person=alice,
            kind=kind,
            enabled=True,
            by_email=False,
            local_time=(now - datetime.timedelta(minutes=5)).time(),
        )
    reminders_claim_due()

    page = open_as(browse, "alice@example.com", "/today/")
    # From 17:00 the evening check-in joins the list; it is not what this test is about.
    cards = page.locator(".waiting-list > li").filter(has_not_text="Evening check-in")
    assert cards.count() == 2, cards.all_inner_texts()
    assert "Bob shared how they feel: hopeful, tired." in cards.nth(0).inner_text()
    assert "Bob answered today's prompt. Your turn" in cards.nth(1).inner_text()
    reminders = page.get_by_role("region", name="Gentle reminders")
    assert reminders.get_by_role("link", name="Go").count() == 2
    browse.check(page, "calm-today")

    # Bob sends a note; Alice's open page shows it without a reload.
    appreciation.note_send(sender=bob, bond=bond, text="Thank you for the soup.")
    page.get_by_text("Bob sent you a note of thanks.", exact=True).wait_for(timeout=20_000)
    assert cards.count() == 3, cards.all_inner_texts()
    browse.check(page, "live-update")

    # The bond's page shows what is waiting in this bond, and the practices by group.
    page.get_by_role("link", name="Alice & Bob").first.click()
    expect(page.get_by_role("heading", name="Waiting here")).to_be_visible()
    for group in ("Talk", "Feel", "Thank", "Spend time"):
        expect(page.get_by_role("heading", name=group, exact=True)).to_be_visible()
    browse.check(page, "bond-hub")
