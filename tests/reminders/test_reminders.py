import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from heartwork.reminders.links import make_token
from heartwork.reminders.models import ReminderDelivery, ReminderPreference
from heartwork.reminders.services import reminder_send, reminder_turn_off, reminders_claim_due

UTC = datetime.UTC


def at(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=UTC)


def turn_on(person, kind="checkin", time="19:30", **extra):
    return ReminderPreference.objects.create(
        person=person,
        kind=kind,
        enabled=True,
        local_time=datetime.time.fromisoformat(time),
        **extra,
    )


def test_reminders_are_off_until_turned_on(alice):
    assert reminders_claim_due(now=at("2026-07-01T18:45")) == []


def test_settings_page_turns_reminders_on_and_bad_input_changes_nothing(alice_client, alice):
    data = {
        f"{k}-local_time": "08:15" for k in ("checkin", "appreciation", "prompt", "quality_time")
    }
    data.update(
        {
            "checkin-enabled": "on",
            "checkin-by_email": "on",
            "quality_time-enabled": "on",
            "quality_time-weekday": "2",
        }
    )
    response = alice_client.post(reverse("reminders:settings"), data)
    assert response.status_code == 302
    checkin = ReminderPreference.objects.get(person=alice, kind="checkin")
    assert checkin.enabled and checkin.by_email and checkin.local_time == datetime.time(8, 15)
    assert ReminderPreference.objects.get(person=alice, kind="quality_time").weekday == 2
    response = alice_client.post(
        reverse("reminders:settings"),
        {**data, "checkin-local_time": "25:61", "prompt-enabled": "on"},
    )
    assert response.status_code == 400 and "Enter a time like 19:30" in response.content.decode()
    assert not ReminderPreference.objects.get(person=alice, kind="prompt").enabled


def test_due_reminder_is_sent_once_even_when_the_scheduler_runs_again(alice):
    turn_on(alice)  # Alice is in Europe/London: 19:30 BST is 18:30 UTC in July
    assert reminders_claim_due(now=at("2026-07-01T18:29")) == []
    claimed = reminders_claim_due(now=at("2026-07-01T18:31"))
    assert len(claimed) == 1 and len(mail.outbox) == 1  # the immediate task backend sent it
    assert reminders_claim_due(now=at("2026-07-01T18:40")) == []  # a second run, or a restart
    assert ReminderDelivery.objects.count() == 1 and len(mail.outbox) == 1
    assert reminder_send(delivery_id=str(claimed[0].pk)) is False  # a task run twice sends nothing
    assert len(mail.outbox) == 1
    delivery = ReminderDelivery.objects.get()
    assert delivery.status == "sent" and delivery.slot == datetime.date(2026, 7, 1)


def test_the_email_carries_no_content_and_has_working_links(client, alice, bob, shared_bond):
    turn_on(alice)
    reminders_claim_due(now=at("2026-07-01T18:31"))
    message = mail.outbox[0]
    assert message.to == ["alice@example.com"]
    assert "Bob" not in message.body and "Bob" not in message.subject
    assert "List-Unsubscribe" in message.extra_headers
    off_path = re.search(
        r"http://testserver(/reminders/link/\S+/)", message.body.split("Stop this reminder:")[1]
    ).group(1)
    page = client.get(off_path)  # not logged in
    assert (
        page.status_code == 200 and ReminderPreference.objects.get().enabled
    )  # GET changes nothing
    client.post(off_path)
    assert not ReminderPreference.objects.get().enabled


def test_snooze_link_skips_a_week(client, alice):
    turn_on(alice)
    with time_machine.travel(at("2026-07-01T12:00"), tick=False):
        client.post(reverse("reminders:link", args=[make_token(alice.pk, "checkin", "snooze")]))
    assert ReminderPreference.objects.get().snoozed_until == datetime.date(2026, 7, 7)
    assert reminders_claim_due(now=at("2026-07-07T18:31")) == []
    assert len(reminders_claim_due(now=at("2026-07-08T18:31"))) == 1


@pytest.mark.parametrize(
    "token", ["nonsense", make_token("00000000-0000-0000-0000-000000000000", "checkin", "off")]
)
def test_bad_or_foreign_links_change_nothing(client, alice, token):
    turn_on(alice)
    response = client.post(reverse("reminders:link", args=[token]))
    assert response.status_code == 400 and "expired" in response.content.decode()
    assert ReminderPreference.objects.get().enabled


def test_links_expire(client, alice):
    turn_on(alice)
    with time_machine.travel(at("2026-01-01T12:00"), tick=False):
        token = make_token(alice.pk, "checkin", "off")
    with time_machine.travel(at("2026-05-01T12:00"), tick=False):
        assert client.post(reverse("reminders:link", args=[token])).status_code == 400
    assert ReminderPreference.objects.get().enabled


def test_across_the_spring_daylight_saving_change_with_a_frozen_clock(alice):
    turn_on(alice, time="08:00")
    sent_at = []
    for day, utc_hour in (("2026-03-28", 8), ("2026-03-29", 7), ("2026-03-30", 7)):
        with time_machine.travel(at(f"{day}T{utc_hour - 1:02d}:59"), tick=False):
            assert call_command("reminders_scheduler", "--once") is None
        with time_machine.travel(at(f"{day}T{utc_hour:02d}:01"), tick=False):
            call_command("reminders_scheduler", "--once")
            call_command("reminders_scheduler", "--once")
    sent_at = [d.due_at for d in ReminderDelivery.objects.order_by("slot")]
    assert sent_at == [at("2026-03-28T08:00"), at("2026-03-29T07:00"), at("2026-03-30T07:00")]
    assert len(mail.outbox) == 3


def test_across_the_autumn_change_one_reminder_for_the_repeated_hour(alice):
    turn_on(alice, time="01:30")
    # 01:30 happens twice in London on 25 October 2026 (BST, then GMT).
    for moment in ("2026-10-25T00:31", "2026-10-25T01:31", "2026-10-25T02:00"):
        with time_machine.travel(at(moment), tick=False):
            reminders_claim_due()
    assert ReminderDelivery.objects.count() == 1 and len(mail.outbox) == 1


def test_the_mail_apps_one_click_unsubscribe_works_without_a_session_or_csrf_token(alice):
    turn_on(alice)
    reminders_claim_due(now=at("2026-07-01T18:31"))
    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(
        r"<http://testserver(/reminders/link/\S+/)>", headers["List-Unsubscribe"]
    ).group(1)
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "All reminders are off" in response.content.decode()
    assert not ReminderPreference.objects.filter(enabled=True).exists()


@pytest.mark.parametrize(
    ("action", "check"),
    [
        ("snooze", lambda p: p.enabled and p.snoozed_until == datetime.date(2026, 7, 7)),
        ("off", lambda p: not p.enabled),
    ],
)
def test_the_today_card_snoozes_or_turns_off_in_one_tap(alice_client, alice, action, check):
    turn_on(alice, by_email=False)
    with time_machine.travel(at("2026-07-01T18:31"), tick=False):
        reminders_claim_due()
        delivery = ReminderDelivery.objects.get()
        page = alice_client.get(reverse("today:today")).content.decode()
        assert reverse(f"reminders:{action}", args=[delivery.pk]) in page
        response = alice_client.post(
            reverse(f"reminders:{action}", args=[delivery.pk]), follow=True
        )
    body = response.content.decode()
    assert ("Snoozed" if action == "snooze" else "reminders are off") in body
    assert "A gentle reminder" not in body
    assert check(ReminderPreference.objects.get())


@pytest.mark.parametrize("action", ["snooze", "off"])
def test_a_stranger_cannot_snooze_or_turn_off_someone_elses_reminder(
    client, alice, charlie, action
):
    turn_on(alice, by_email=False)
    reminders_claim_due(now=at("2026-07-01T18:31"))
    delivery = ReminderDelivery.objects.get()
    client.force_login(charlie)
    assert client.post(reverse(f"reminders:{action}", args=[delivery.pk])).status_code == 404
    preference = ReminderPreference.objects.get()
    assert preference.enabled and preference.snoozed_until is None
    assert ReminderDelivery.objects.get().dismissed_at is None


def test_in_app_only_reminder_shows_on_today_and_can_be_dismissed(alice_client, alice):
    turn_on(alice, by_email=False)
    with time_machine.travel(at("2026-07-01T18:31"), tick=False):
        reminders_claim_due()
        page = alice_client.get(reverse("today:today")).content.decode()
        assert "Gentle reminders" in page and mail.outbox == []
        delivery = ReminderDelivery.objects.get()
        alice_client.post(reverse("reminders:dismiss", args=[delivery.pk]))
        assert "Gentle reminders" not in alice_client.get(reverse("today:today")).content.decode()


def test_nothing_about_a_person_reaches_the_other(client, alice, bob, shared_bond):
    turn_on(alice)
    reminders_claim_due(now=at("2026-07-01T18:31"))
    client.force_login(bob)
    assert "Gentle reminders" not in client.get(reverse("today:today")).content.decode()
    assert all(message.to == ["alice@example.com"] for message in mail.outbox)
    delivery = ReminderDelivery.objects.get()
    client.post(reverse("reminders:dismiss", args=[delivery.pk]))
    assert ReminderDelivery.objects.get().dismissed_at is None


def test_a_weekly_reminder_comes_once_a_week_even_when_its_day_changes(alice):
    preference = turn_on(alice, kind="quality_time", time="10:00", weekday=0)  # Mondays
    assert len(reminders_claim_due(now=at("2026-06-29T09:01"))) == 1  # Monday, 10:00 BST
    preference.weekday = 2  # moved to Wednesdays after this week's was sent
    preference.save()
    assert reminders_claim_due(now=at("2026-07-01T09:01")) == []
    assert len(reminders_claim_due(now=at("2026-07-08T09:01"))) == 1  # next Wednesday
    assert len(mail.outbox) == 2


def test_a_clock_stepped_back_across_midnight_sends_no_second_reminder(alice):
    turn_on(alice, time="23:30")  # 22:30 UTC in July
    assert len(reminders_claim_due(now=at("2026-07-02T22:40"))) == 1
    # The clock is corrected back by a day: yesterday's slot is "due" again by the clock.
    assert reminders_claim_due(now=at("2026-07-01T22:45")) == []
    assert ReminderDelivery.objects.count() == 1 and len(mail.outbox) == 1
    # And the next real evening still comes.
    assert len(reminders_claim_due(now=at("2026-07-03T22:40"))) == 1


def test_reminders_are_one_quiet_card_whose_go_goes_to_the_thing(alice_client, alice, shared_bond):
    for kind in ("checkin", "prompt", "appreciation"):
        turn_on(alice, kind=kind, by_email=False)
    with time_machine.travel(at("2026-07-01T18:31"), tick=False):
        reminders_claim_due()
        page = alice_client.get(reverse("today:today")).content.decode()
    assert page.count("Gentle reminders") == 1
    assert page.count('class="card quiet reminder-card"') == 1
    for url in (
        reverse("checkins:new"),
        reverse("prompts:today", args=[shared_bond.pk]),
        reverse("appreciation:home", args=[shared_bond.pk]),
    ):
        assert f'href="{url}">Go<' in page
    assert f'href="{reverse("today:today")}">Go<' not in page


def test_go_offers_the_bonds_when_there_are_several(alice, shared_bond, solo_bond):
    from heartwork.reminders.services import destination_path

    assert destination_path(alice, "prompt") == reverse("bonds:list")
    assert destination_path(alice, "checkin") == reverse("checkins:new")


def test_stopping_all_reminders_from_an_email_removes_todays_card(alice_client, alice):
    turn_on(alice, by_email=False)
    with time_machine.travel(at("2026-07-01T18:31"), tick=False):
        reminders_claim_due()
        assert "Gentle reminders" in alice_client.get(reverse("today:today")).content.decode()
        reminder_turn_off(person=alice)
        assert "Gentle reminders" not in alice_client.get(reverse("today:today")).content.decode()
