import datetime
import zoneinfo

from hypothesis import given
from hypothesis import strategies as st

from heartwork.domain.schedule import (
    LATE_WINDOW,
    Cadence,
    ReminderRule,
    due_slot,
    local_moment,
    week_of,
)

UTC = datetime.UTC
LONDON = zoneinfo.ZoneInfo("Europe/London")


def at(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_due_after_the_local_time_and_within_the_window():
    rule = ReminderRule(datetime.time(19, 30), "Europe/London")
    assert due_slot(rule, at("2026-07-01T18:29")) is None  # 19:29 BST
    day, moment = due_slot(rule, at("2026-07-01T18:30"))
    assert day == datetime.date(2026, 7, 1) and moment == at("2026-07-01T18:30")
    assert due_slot(rule, at("2026-07-01T18:30") + LATE_WINDOW) is None


def test_the_same_local_time_across_the_spring_forward_change():
    rule = ReminderRule(datetime.time(8, 0), "Europe/London")
    assert due_slot(rule, at("2026-03-28T08:00"))[1] == at("2026-03-28T08:00")  # GMT
    assert due_slot(rule, at("2026-03-29T07:00"))[1] == at("2026-03-29T07:00")  # BST from 29 March
    assert due_slot(rule, at("2026-03-29T06:59")) is None


def test_a_time_inside_the_gap_is_sent_just_after_it():
    rule = ReminderRule(
        datetime.time(1, 30), "Europe/London"
    )  # 01:00–02:00 doesn't exist on 29 March
    assert due_slot(rule, at("2026-03-29T01:10")) is None
    day, moment = due_slot(rule, at("2026-03-29T01:30"))  # 02:30 BST, just after the jump
    assert day == datetime.date(2026, 3, 29) and moment == at("2026-03-29T01:30")


def test_a_time_that_happens_twice_in_autumn_is_one_slot():
    rule = ReminderRule(
        datetime.time(1, 30), "Europe/London"
    )  # 01:30 happens at 00:30 and 01:30 UTC
    first = due_slot(rule, at("2026-10-25T00:30"))
    second = due_slot(rule, at("2026-10-25T01:30"))
    assert first[0] == second[0] == datetime.date(2026, 10, 25)
    assert first[1] == second[1] == at("2026-10-25T00:30")


def test_new_york_autumn_change():
    rule = ReminderRule(datetime.time(21, 0), "America/New_York")
    assert due_slot(rule, at("2026-10-31T01:00"))[1] == at("2026-10-31T01:00")  # EDT, UTC-4
    assert due_slot(rule, at("2026-11-02T02:00"))[1] == at("2026-11-02T02:00")  # EST, UTC-5


def test_weekly_only_on_its_weekday_and_snooze_skips_days():
    weekly = ReminderRule(datetime.time(10, 0), "UTC", Cadence.WEEKLY, weekday=6)
    assert due_slot(weekly, at("2026-11-22T10:05"))[0] == datetime.date(2026, 11, 22)  # a Sunday
    assert due_slot(weekly, at("2026-11-21T10:05")) is None
    snoozed = ReminderRule(datetime.time(10, 0), "UTC", snoozed_until=datetime.date(2026, 11, 22))
    assert due_slot(snoozed, at("2026-11-22T10:05")) is None
    assert due_slot(snoozed, at("2026-11-23T10:05")) is not None


def test_just_after_midnight_a_late_slot_from_yesterday_is_still_due():
    rule = ReminderRule(datetime.time(23, 30), "UTC")
    assert due_slot(rule, at("2026-11-22T00:15"))[0] == datetime.date(2026, 11, 21)


zones = st.sampled_from(
    [
        "Europe/London",
        "America/New_York",
        "Australia/Sydney",
        "Asia/Kolkata",
        "UTC",
        "America/Santiago",
    ]
)


@given(
    zones,
    st.times(),
    st.datetimes(min_value=datetime.datetime(2025, 1, 1), max_value=datetime.datetime(2028, 1, 1)),
)
def test_a_slot_is_due_for_at_most_one_window_and_never_before_its_time(
    zone, local_time, naive_now
):
    now = naive_now.replace(tzinfo=UTC)
    rule = ReminderRule(local_time.replace(tzinfo=None), zone)
    slot = due_slot(rule, now)
    if slot is not None:
        day, moment = slot
        assert moment <= now < moment + LATE_WINDOW
        assert moment == local_moment(day, rule.local_time, zoneinfo.ZoneInfo(zone))


def test_week_of_runs_monday_to_sunday():
    assert week_of(datetime.date(2026, 7, 1)) == (
        datetime.date(2026, 6, 29),
        datetime.date(2026, 7, 5),
    )
    assert week_of(datetime.date(2026, 6, 29))[0] == datetime.date(2026, 6, 29)
    assert week_of(datetime.date(2026, 7, 5))[1] == datetime.date(2026, 7, 5)


def test_slots_only_move_forward():
    from heartwork.domain.schedule import is_new_slot

    day = datetime.date(2026, 7, 2)
    assert is_new_slot(day, None)
    assert is_new_slot(day, day - datetime.timedelta(days=1))
    assert not is_new_slot(day, day)
    assert not is_new_slot(day - datetime.timedelta(days=1), day)
