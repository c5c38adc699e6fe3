"""The insights page: members only, only what both can see, times in the reader's zone."""

from __future__ import annotations

import datetime
import re

import time_machine
from django.urls import reverse
from django.utils import timezone

from heartwork.appreciation import services as appreciation
from heartwork.checkins.services import checkin_record
from heartwork.checkup import services as checkup
from heartwork.insights.models import CircleSetting
from heartwork.prompts import services as prompts
from heartwork.together import services as together

UTC = datetime.UTC
CANARY = "CANARY-never-on-insights"


def page(client, person, bond) -> str:
    client.force_login(person)
    response = client.get(reverse("insights:bond", args=[bond.pk]))
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def table(html: str, caption_start: str) -> list[list[str]]:
    """The rows of the table whose caption starts with ``caption_start`` (cells as text)."""
    found = re.search(r"<caption[^>]*>" + re.escape(caption_start) + r".*?</table>", html)
    assert found, caption_start
    rows = re.findall(r"<tr>(.*?)</tr>", found.group(0))
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r) for r in rows]


def test_a_member_sees_the_page_and_a_stranger_gets_404(client, alice, charlie, shared_bond):
    assert "Insights" in page(client, alice, shared_bond)
    client.force_login(charlie)
    assert client.get(reverse("insights:bond", args=[shared_bond.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("insights:bond", args=[shared_bond.pk])).status_code in (302, 404)


def test_the_bond_page_links_to_insights(client, alice, shared_bond):
    client.force_login(alice)
    html = client.get(reverse("bonds:detail", args=[shared_bond.pk])).content.decode()
    assert reverse("insights:bond", args=[shared_bond.pk]) in html


def test_nothing_private_or_unrevealed_is_counted_or_shown(client, alice, bob, shared_bond):
    """Bob's private check-in, his unanswered-by-Alice prompt answer, his reflection and
    his check-up (Alice hasn't taken hers) are canaries: none may reach Alice's page."""
    # A private check-in (not shared) naming a "scared" feeling, with a canary note.
    checkin_record(person=bob, feelings=["afraid"], intensity=4, note=CANARY)
    # A prompt only Bob has answered: not revealed.
    round_ = prompts.round_for_today(bond=shared_bond)
    prompts.answer_submit(person=bob, bond=shared_bond, round_=round_, text=CANARY)
    # Bob's own "after a close moment": 0 of 100 is a distinctive number.
    checkup.reflection_record(
        person=bob, bond=shared_bond, kind="moment", answers={"safe": 1, "free": 1, "invested": 1}
    )
    html = page(client, alice, shared_bond)
    assert CANARY not in html
    feelings = table(html, "Feelings named in shared check-ins")
    assert all(cell == "0" for row in feelings[1:] for cell in row[1:])
    prompts_rows = table(html, "Prompts both answered")
    assert all(cell == "0" for row in prompts_rows[1:] for cell in row[1:])
    assert "after a close moment results" not in html.lower().split("moments-heading")[1][:50]
    assert "Nothing yet." in html  # no moments of Alice's own
    assert "No check-ups yet" in html
    # Bob sees his own reflection on his page, still not his private check-in.
    bobs = page(client, bob, shared_bond)
    assert "Your after a close moment results" in bobs and CANARY not in bobs


def test_a_revealed_prompt_and_shared_things_are_counted(client, alice, bob, shared_bond):
    round_ = prompts.round_for_today(bond=shared_bond)
    prompts.answer_submit(person=bob, bond=shared_bond, round_=round_, text="Mine")
    prompts.answer_submit(person=alice, bond=shared_bond, round_=round_, text="Mine too")
    checkin_record(person=bob, feelings=["afraid"], intensity=3, share_with=shared_bond)
    appreciation.note_send(sender=alice, bond=shared_bond, text="Thank you for the soup.")
    together.time_log(
        person=alice,
        bond=shared_bond,
        kind="walk",
        when=timezone.now() - datetime.timedelta(hours=1),
        minutes=40,
        phones_away=True,
    )
    html = page(client, alice, shared_bond)
    this_week = table(html, "Prompts both answered")[-1]
    assert sum(int(c) for c in this_week[1:]) == 1
    feelings = table(html, "Feelings named in shared check-ins")
    scared = feelings[0].index("Scared")
    assert feelings[-1][scared] == "1"
    assert table(html, "Notes of thanks per week")[-1][1:] == ["1", "0"]
    assert table(html, "Minutes together per week")[-1][1:] == ["40", "40 (100%)"]
    assert (
        table(
            html,
            "Notes of thanks per week",
        )[-1]
        != []
    )
    bobs = page(client, bob, shared_bond)
    assert table(bobs, "Notes of thanks per week")[-1][1:] == ["0", "1"]


def test_little_data_says_so_and_shows_no_direction(client, alice, shared_bond):
    appreciation.note_send(sender=alice, bond=shared_bond, text="Thanks for today.")
    html = page(client, alice, shared_bond)
    assert "One week with something in them so far: too few to read a direction from" in html
    assert "Over these weeks:" not in html
    assert "less than 30 days" in html  # no balance for a new bond


# Monday 9 March 2026, 03:30 UTC: Monday in London, still Sunday evening in New York.
MONDAY_IN_LONDON = datetime.datetime(2026, 3, 9, 3, 30, tzinfo=UTC)


def test_weeks_follow_each_readers_clock(client, alice, bob, shared_bond):
    with time_machine.travel(MONDAY_IN_LONDON, tick=False):
        appreciation.note_send(sender=alice, bond=shared_bond, text="You fixed the gate.")
        alices = table(page(client, alice, shared_bond), "Notes of thanks per week")
        assert alices[-1][0] == "9 Mar" and alices[-1][1:] == ["1", "0"]
        bobs = table(page(client, bob, shared_bond), "Notes of thanks per week")
        assert bobs[-1][0] == "2 Mar" and bobs[-1][1:] == ["0", "1"]


def test_the_circle_setting_is_saved_and_bad_input_changes_nothing(client, alice, shared_bond):
    client.force_login(alice)
    url = reverse("insights:circle", args=[shared_bond.pk])
    assert client.post(url, {"cadence": "banana"}).status_code == 302
    assert not CircleSetting.objects.exists()
    client.post(url, {"cadence": "14"})
    assert CircleSetting.objects.get().cadence == 14
    assert 'value="14" id="cadence-14" checked' in page(client, alice, shared_bond)


def test_a_stranger_cannot_change_a_circle_setting(client, charlie, shared_bond):
    client.force_login(charlie)
    url = reverse("insights:circle", args=[shared_bond.pk])
    assert client.post(url, {"cadence": "14"}).status_code == 404
    assert not CircleSetting.objects.exists()


def test_feelings_from_the_tally_fall_in_each_readers_week(client, alice, bob, shared_bond):
    with time_machine.travel(MONDAY_IN_LONDON, tick=False):
        checkin_record(person=bob, feelings=["afraid"], intensity=3, share_with=shared_bond)
        for person, monday in ((alice, "9 Mar"), (bob, "2 Mar")):
            rows = table(page(client, person, shared_bond), "Feelings named in shared check-ins")
            scared = rows[0].index("Scared")
            assert rows[-1][0] == monday and rows[-1][scared] == "1"
