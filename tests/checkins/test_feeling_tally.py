"""The tally of core feelings in shared check-ins, kept up to date on write, always equals a
recount that opens every shared check-in (heartwork.checkins.services)."""

from __future__ import annotations

import datetime

import time_machine

from heartwork.bonds.services import bond_leave
from heartwork.checkins.models import SharedFeelingTally, quarter_hour
from heartwork.checkins.services import (
    checkin_delete,
    checkin_record,
    checkin_unshare,
    feeling_cores,
    feeling_tally_recount,
)

UTC = datetime.UTC


def tally(bond) -> dict:
    return {
        (row.quarter, row.core): row.count
        for row in SharedFeelingTally.objects.filter(bond=bond)
        if row.count
    }


def recounted(bond) -> dict:
    feeling_tally_recount(bond=bond)
    return tally(bond)


def test_the_running_tally_matches_a_recount(alice, bob, shared_bond):
    made = []
    with time_machine.travel(datetime.datetime(2026, 3, 2, 8, 7, tzinfo=UTC), tick=False) as t:
        for n, feelings in enumerate(
            (["afraid", "hopeful"], ["worried", "afraid"], ["calm"], ["tired", "calm"])
        ):
            person = alice if n % 2 else bob
            made.append(
                checkin_record(
                    person=person, feelings=feelings, intensity=3, share_with=shared_bond
                )
            )
            t.shift(datetime.timedelta(minutes=5 + 600 * (n % 2)))
        # A private one is never counted.
        checkin_record(person=alice, feelings=["angry"], intensity=3)
    running = tally(shared_bond)
    assert sum(running.values()) == sum(sum(feeling_cores(c.feelings).values()) for c in made)
    assert running == recounted(shared_bond)

    checkin_unshare(person=bob, checkin=made[0])
    checkin_delete(person=alice, checkin=made[1])
    running = tally(shared_bond)
    assert sum(running.values()) == sum(sum(feeling_cores(c.feelings).values()) for c in made[2:])
    assert running == recounted(shared_bond)
    assert all(quarter == quarter_hour(quarter) for quarter, _ in running)


def test_leaving_takes_the_leavers_feelings_out_of_the_tally(alice, bob, shared_bond):
    checkin_record(person=alice, feelings=["calm"], intensity=3, share_with=shared_bond)
    checkin_record(person=bob, feelings=["afraid"], intensity=3, share_with=shared_bond)
    bond_leave(person=bob, bond=shared_bond)
    assert set(core for _, core in tally(shared_bond)) == {
        core for _, core in recounted(shared_bond)
    }
    assert sum(tally(shared_bond).values()) == 1


def test_a_quarter_hour_keeps_its_day_in_every_zone():
    from zoneinfo import ZoneInfo

    when = datetime.datetime(2026, 3, 1, 18, 29, 59, tzinfo=UTC)
    for zone in ("Asia/Kathmandu", "Asia/Kolkata", "Pacific/Chatham", "America/St_Johns"):
        local = ZoneInfo(zone)
        assert quarter_hour(when).astimezone(local).date() == when.astimezone(local).date()


def test_the_migration_backfills_what_a_recount_finds(alice, bob, shared_bond):
    import importlib
    import types

    from django.apps import apps
    from django.db import connection

    checkin_record(person=alice, feelings=["calm", "hopeful"], intensity=3, share_with=shared_bond)
    checkin_record(person=bob, feelings=["afraid"], intensity=3, share_with=shared_bond)
    checkin_record(person=bob, feelings=["angry"], intensity=3)  # private
    expected = recounted(shared_bond)
    SharedFeelingTally.objects.all().delete()
    migration = importlib.import_module("heartwork.checkins.migrations.0003_shared_feeling_tally")
    migration.backfill(apps, types.SimpleNamespace(connection=connection))
    assert tally(shared_bond) == expected and expected
