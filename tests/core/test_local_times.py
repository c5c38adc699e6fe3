"""Every page that prints a time prints the reader's own.

Alice lives in London, Bob in New York, Charlie in Tokyo. At 04:30 UTC on Sunday
8 March 2026 it is 04:30 Sunday for Alice, 23:30 *Saturday* for Bob (across midnight),
and 13:30 Sunday for Charlie. Four hours later New York has sprung forward to summer
time (02:00 became 03:00 that morning), so 08:30 UTC is 04:30 EDT for Bob, not 03:30.
Each test writes something at one of those moments and reads it back on every page that
shows it, as each person who may see it.
"""

from __future__ import annotations

import datetime
import re

import time_machine
from django.urls import reverse

from heartwork.appreciation import services as appreciation
from heartwork.bonds import services as bonds
from heartwork.checkins.services import checkin_record
from heartwork.domain.bonds import BondKind
from heartwork.together import services as together

UTC = datetime.UTC
LATE_SATURDAY_IN_NEW_YORK = datetime.datetime(2026, 3, 8, 4, 30, tzinfo=UTC)
AFTER_THE_SPRING_CHANGE = datetime.datetime(2026, 3, 8, 8, 30, tzinfo=UTC)


def page(client, person, url, **headers) -> str:
    client.force_login(person)
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_check_in_shows_each_readers_clock(client, alice, bob, shared_bond):
    with time_machine.travel(LATE_SATURDAY_IN_NEW_YORK, tick=False):
        checkin_record(person=bob, feelings=["tired"], intensity=2, share_with=shared_bond)
        history = page(client, bob, reverse("checkins:history"))
        assert "Sat 7 Mar, 23:30" in history and "Saturday 7 March" in history
        shared = page(client, alice, reverse("checkins:bond", args=[shared_bond.pk]))
        assert "Sun 8 Mar, 04:30" in shared
        assert "Sat 7 Mar, 23:30" in page(
            client, bob, reverse("checkins:bond", args=[shared_bond.pk])
        )


def test_after_the_daylight_saving_change_the_offset_moves(client, bob, charlie):
    with time_machine.travel(AFTER_THE_SPRING_CHANGE, tick=False):
        checkin_record(person=bob, feelings=["calm"], intensity=1)
        checkin_record(person=charlie, feelings=["calm"], intensity=1)
        assert "Sun 8 Mar, 04:30" in page(client, bob, reverse("checkins:history"))  # EDT, UTC-4
        assert "Sun 8 Mar, 17:30" in page(client, charlie, reverse("checkins:history"))


def test_notes_of_thanks_show_each_readers_date(client, alice, bob, shared_bond):
    with time_machine.travel(LATE_SATURDAY_IN_NEW_YORK, tick=False):
        note = appreciation.note_send(sender=alice, bond=shared_bond, text="You fixed the gate.")
        item = appreciation.item_add(person=bob, bond=shared_bond, text="Your laugh.")
        note_url = reverse("appreciation:note", args=[shared_bond.pk, note.pk])
        home = reverse("appreciation:home", args=[shared_bond.pk])
        assert "Sunday 8 March" in page(client, alice, note_url)
        assert "Saturday 7 March" in page(client, bob, note_url)
        assert "8 Mar 2026" in page(client, alice, home)
        assert "7 Mar 2026" in page(client, bob, home)
        assert item and "added 7 Mar 2026" in page(
            client, bob, reverse("appreciation:list", args=[shared_bond.pk])
        )


def test_time_together_and_no_phone_sessions_show_each_readers_clock(
    client, alice, bob, shared_bond
):
    with time_machine.travel(LATE_SATURDAY_IN_NEW_YORK, tick=False):
        time = together.time_log(
            person=alice,
            bond=shared_bond,
            kind="walk",
            minutes=30,
            when=LATE_SATURDAY_IN_NEW_YORK - datetime.timedelta(minutes=1),
        )
        together.session_start(person=bob, bond=shared_bond, kind="game")
        detail = reverse("together:time", args=[shared_bond.pk, time.pk])
        assert "Sunday 8 March 2026 at 04:29" in page(client, alice, detail)
        assert "Saturday 7 March 2026 at 23:29" in page(client, bob, detail)
        home = reverse("together:home", args=[shared_bond.pk])
        assert "Started at 04:30" in page(client, alice, home)
        assert "Started at 23:30" in page(client, bob, home)
        status = reverse(
            "together:nophone_status",
            args=[shared_bond.pk, together.session_current(bond=shared_bond).pk],
        )
        assert "started at 23:30" in page(client, bob, status, HTTP_HX_REQUEST="true")


def test_an_invite_link_expires_at_the_inviters_local_time(client, bob, charlie):
    with time_machine.travel(LATE_SATURDAY_IN_NEW_YORK, tick=False):
        for person in (bob, charlie):
            bond = bonds.bond_create(person=person, name="Someone", kind=BondKind.FRIEND)
            client.force_login(person)
            link_page = re.sub(
                r"\s+",
                " ",
                client.post(
                    reverse("bonds:invite_create", args=[bond.pk]), follow=True
                ).content.decode(),
            )
            detail = page(client, person, reverse("bonds:detail", args=[bond.pk]))
            # 72 hours on, in local time: New York moved to summer time in between.
            expected = "11 March, 00:30" if person is bob else "11 March, 13:30"
            assert expected in link_page and expected in detail, person.display_name
