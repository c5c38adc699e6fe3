"""The insights page at phone and desktop size, with ten weeks of shared life behind it."""

from __future__ import annotations

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from heartwork.appreciation import services as appreciation
from heartwork.appreciation.models import Note
from heartwork.bonds.models import Membership
from heartwork.checkins.models import CheckIn
from heartwork.checkins.services import checkin_record
from heartwork.checkup import services as checkup
from heartwork.together.models import QualityTime
from tests.browser.conftest import SCREENSHOTS, open_as

FEELINGS = (["joyful", "calm"], ["tired"], ["proud"], ["anxious", "calm"], ["grateful"])


def seed(bond, alice, bob) -> None:
    now = timezone.now()
    Membership.objects.filter(bond=bond).update(created_at=now - datetime.timedelta(days=100))
    for day in range(0, 70, 2):
        at = now - datetime.timedelta(days=day, hours=1)
        sender = alice if day % 3 else bob
        note = appreciation.note_send(sender=sender, bond=bond, text="Thank you.")
        Note.objects.filter(pk=note.pk).update(created_at=at)
        who = bob if day % 4 else alice
        checkin = checkin_record(
            person=who, feelings=FEELINGS[day % len(FEELINGS)], intensity=3, share_with=bond
        )
        CheckIn.objects.filter(pk=checkin.pk).update(created_at=at)
        if day % 4 == 0:
            QualityTime.objects.create(
                bond=bond,
                kind="walk",
                when=at,
                minutes=30 + day,
                phones_away=day % 8 == 0,
                created_by=alice,
            )
    checkup.reflection_record(
        person=alice, bond=bond, kind="moment", answers={"safe": 4, "free": 5, "invested": 4}
    )


def test_the_insights_page(browse, people):
    alice, bob, bond = people
    seed(bond, alice, bob)
    page = open_as(browse, "alice@example.com", f"/bonds/{bond.pk}/")
    page.get_by_role("link", name="See your insights").click()
    expect(page.get_by_role("heading", name="Insights", exact=True)).to_be_visible()
    expect(
        page.get_by_role("img", name="Notes of thanks from you and to you, each week")
    ).to_be_visible()
    expect(page.get_by_text("just for you")).to_be_visible()
    browse.check(page, "insights")
    for part in ("feelings", "notes", "time", "balance", "moments"):
        page.locator(f"section[aria-labelledby={part}-heading]").screenshot(
            path=SCREENSHOTS / f"{browse.test_name}-part-{part}.png"
        )
    page.get_by_text("The numbers as a table").first.click()
    expect(page.get_by_role("region", name="Feelings shared, per week")).to_be_visible()
