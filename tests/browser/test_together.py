"""Time together in two browsers: logging a time, no-phone time, ideas and the evening check-in."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

PASSWORD = "demo-heartwork-2026"
CANARY = "canary-sam-evening-6f0d"


@pytest.fixture
def bond_path(transactional_db):
    from django.core.management import call_command

    from heartwork.bonds.models import Bond

    call_command("demo", verbosity=0)
    return f"/bonds/{Bond.objects.get().pk}/together/"


def person(browse, who: str):
    page = browse.new_page()
    log_in(page, email=f"{who}@demo.heartwork", password=PASSWORD)
    page.wait_for_url("**/today/")
    return page


def test_log_a_time_with_a_reflection_shared_on_purpose(browse, bond_path):
    alex = person(browse, "alex")
    alex.goto(bond_path)
    browse.check(alex, "together-empty")
    alex.get_by_role("link", name="Plan or log a time").click()
    browse.check(alex, "log-form")
    alex.select_option("#id_kind", "cooking")
    alex.fill("#id_title", "Dumplings from scratch")
    alex.fill("#id_minutes", "0")
    alex.click("button:has-text('Save')")
    expect(alex.get_by_text("Choose a length from 1 minute")).to_be_visible()
    browse.check(alex, "log-form-error")
    alex.fill("#id_minutes", "75")
    alex.check("#id_phones_away")
    alex.fill("#id_reflection", "We laughed at the lopsided ones.")
    alex.check("#id_share_reflection")
    alex.click("button:has-text('Save')")
    expect(alex.get_by_role("heading", name="Dumplings from scratch")).to_be_visible()
    expect(alex.get_by_text("Logged, with your reflection shared.")).to_be_visible()
    browse.check(alex, "time-logged")

    sam = person(browse, "sam")
    sam.goto(bond_path)
    expect(sam.get_by_text("A reflection from Alex")).to_be_visible()
    browse.check(sam, "together-list")
    sam.get_by_role("link", name=re.compile("Dumplings from scratch")).click()
    expect(sam.get_by_text("We laughed at the lopsided ones.")).to_be_visible()
    sam.fill("#id_text", "Next time: more filling.")
    sam.click("button:has-text('Save my reflection')")
    expect(sam.get_by_text("Your reflection is private to you.")).to_be_visible()
    alex.reload()
    expect(alex.get_by_text("Next time: more filling.")).to_have_count(0)


def test_no_phone_time_started_by_one_joined_and_ended_by_the_other(browse, bond_path):
    alex = person(browse, "alex")
    alex.goto(bond_path + "no-phone/")
    browse.check(alex, "nophone-start")
    alex.select_option("#id_kind", "game")
    alex.click("button:has-text('Start no-phone time')")
    timer = alex.locator("[data-elapsed]")
    expect(timer).to_have_text(re.compile(r"^\d+:\d\d$"))
    first = timer.inner_text()
    expect(timer).not_to_have_text(first, timeout=3000)  # it counts by itself
    browse.check(alex, "nophone-running")

    sam = person(browse, "sam")
    sam.goto(bond_path + "no-phone/")
    expect(sam.get_by_text("Alex started this")).to_be_visible()
    sam.get_by_role("button", name="Join").click()
    expect(sam.get_by_text("You're in.")).to_be_visible()
    expect(sam.get_by_text("and you joined")).to_be_visible()
    browse.check(sam, "nophone-joined")
    expect(alex.get_by_text("Sam joined")).to_be_visible(timeout=15_000)  # htmx polling

    sam.get_by_role("button", name="End and save").click()
    expect(sam.get_by_text("Ended and logged")).to_be_visible()
    expect(sam.get_by_text("Put away")).to_be_visible()
    # Alex's device sees the end on its next poll, without a reload.
    expect(alex.get_by_text("This no-phone time has ended")).to_be_visible(timeout=15_000)
    browse.check(alex, "nophone-ended")
    alex.get_by_role("link", name="Add a reflection").click()
    expect(alex.get_by_role("heading", name="A game together")).to_be_visible()


def test_ideas_filter_and_we_did_this(browse, bond_path):
    sam = person(browse, "sam")
    sam.goto(bond_path + "ideas/")
    browse.check(sam, "ideas")
    sam.select_option("#id_kind", "walk")
    sam.select_option("#id_cost", "free")
    sam.click("button:has-text('Show ideas')")
    cards = sam.locator("li.idea")
    expect(cards.first).to_be_visible()
    for text in cards.locator(".eyebrow").all_inner_texts():
        assert text.strip().lower() == "walk"
    browse.check(sam, "ideas-filtered")
    title = cards.first.locator("h2").inner_text()
    cards.first.get_by_role("link", name=f"We did this: {title}").click()
    expect(sam.get_by_role("heading", name="You did this together")).to_be_visible()
    assert sam.input_value("#id_title") == title
    assert sam.input_value("#id_kind") == "walk"
    browse.check(sam, "ideas-we-did-this")
    sam.click("button:has-text('Save')")
    expect(sam.get_by_role("heading", name=title)).to_be_visible()


def test_evening_check_in_opens_only_when_both_have_shared(browse, bond_path):
    sam = person(browse, "sam")
    sam.goto(bond_path + "evening/")
    browse.check(sam, "evening-empty")
    sam.fill("#id_high", f"Sunlight on the balcony {CANARY}")
    sam.fill("#id_low", "A meeting that ran long")
    # The same wheel as the check-in, for one word: by touch, core then word.
    wheel = sam.get_by_role("group", name="Feelings wheel")
    wheel.get_by_role("button", name="Joyful").click()
    wheel.get_by_role("button", name="Grateful").click()
    wheel.get_by_role("radio", name="Grateful").click()
    expect(sam.get_by_role("button", name="Remove Grateful")).to_be_visible()
    browse.check(sam, "evening-wheel")
    sam.click("button:has-text('Save mine')")
    expect(sam.get_by_text("Yours is saved.")).to_be_visible()
    browse.check(sam, "evening-waiting")

    alex = person(browse, "alex")
    alex.goto(bond_path + "evening/")
    assert CANARY not in alex.content()  # not even hidden in the page
    expect(alex.get_by_text("once you've both shared").first).to_be_visible()
    alex.fill("#id_high", "Finished the bookshelf")
    alex.fill("#id_low", "Missed the bus")
    alex.get_by_role("button", name="Show the feelings as a list").click()
    alex.locator("details.core-sad > summary").click()
    alex.locator("details.core-sad details.middle > summary", has_text="Weary").click()
    alex.get_by_label("Tired").check()
    alex.click("button:has-text('Save mine')")
    expect(alex.get_by_text(f"Sunlight on the balcony {CANARY}")).to_be_visible()
    expect(alex.locator(".feeling-chip", has_text="Grateful")).to_be_visible()
    browse.check(alex, "evening-revealed")

    # Sam's page, still open, picks up the reveal on its next poll.
    expect(sam.get_by_text("Finished the bookshelf")).to_be_visible(timeout=20_000)
    browse.check(sam, "evening-revealed-sam")


def test_the_other_pages_look_finished(browse, bond_path):
    import datetime

    from django.utils import timezone

    from heartwork.accounts.models import Person
    from heartwork.bonds.models import Bond
    from heartwork.bonds.selectors import bond_day
    from heartwork.bonds.services import bond_create, bond_pause
    from heartwork.domain.bonds import BondKind
    from heartwork.together import services

    alex = Person.objects.get(email="alex@demo.heartwork")
    bond = Bond.objects.get()
    now = timezone.now()
    services.time_log(
        person=alex,
        bond=bond,
        kind="date",
        when=now + datetime.timedelta(days=2),
        minutes=120,
        title="Dinner at the corner place",
    )
    due = services.time_log(
        person=alex,
        bond=bond,
        kind="walk",
        when=now + datetime.timedelta(minutes=1),
        minutes=40,
        idea_id="three-good-things",
    )
    due.when = now - datetime.timedelta(hours=3)
    due.save()
    cancelled = services.time_log(
        person=alex, bond=bond, kind="game", when=now + datetime.timedelta(days=1), minutes=60
    )
    services.time_cancel(person=alex, bond=bond, time=cancelled)
    services.time_log(
        person=alex,
        bond=bond,
        kind="laughter",
        when=now - datetime.timedelta(days=1),
        minutes=20,
        phones_away=True,
        reflection="Crying with laughter.",
    )
    with_reflection = services.time_log(
        person=alex,
        bond=bond,
        kind="conversation",
        when=now - datetime.timedelta(days=3),
        minutes=45,
    )
    yesterday = bond_day(bond) - datetime.timedelta(days=1)
    from heartwork.together.models import Ritual, RitualEntry

    ritual = Ritual.objects.create(bond=bond, day=yesterday)
    entry = RitualEntry(ritual=ritual, person=alex)
    entry.payload = {"high": "Coffee in the sun", "low": "Too many emails", "feeling": "content"}
    entry.save()
    solo = bond_create(person=alex, name="Grandad", kind=BondKind.FAMILY)

    page = person(browse, "alex")
    page.goto(bond_path)
    expect(page.get_by_role("heading", name="Did these happen?")).to_be_visible()
    browse.check(page, "together-full")
    page.get_by_role("link", name=re.compile("Dinner at the corner place")).click()
    expect(page.get_by_text("Once it's happened")).to_be_visible()
    browse.check(page, "time-planned")
    page.get_by_role("link", name="Change details").click()
    browse.check(page, "time-edit")
    page.fill("#id_minutes", "150")
    page.click("button:has-text('Save changes')")
    expect(page.get_by_text("2 hr 30 min")).to_be_visible()
    page.goto(f"{bond_path}times/{with_reflection.pk}/")
    browse.check(page, "time-no-reflection")
    page.goto(bond_path + "evening/past/")
    expect(page.get_by_text("Coffee in the sun")).to_be_visible()
    browse.check(page, "evening-past")
    page.goto(f"/bonds/{solo.pk}/together/evening/")
    expect(page.get_by_text("quiet reflection for yourself")).to_be_visible()
    browse.check(page, "evening-solo")

    bond_pause(person=alex, bond=bond)
    page.goto(bond_path)
    expect(page.get_by_text("rests for now")).to_be_visible()
    browse.check(page, "together-paused")
    page.goto(bond_path + "no-phone/")
    browse.check(page, "nophone-paused")
