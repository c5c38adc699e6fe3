"""Claiming due reminder slots, sending them at most once, and changing preferences."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.core.clock import local_today
from heartwork.domain.schedule import Cadence, ReminderRule, due_slot, is_new_slot, week_of
from heartwork.reminders.links import make_token
from heartwork.reminders.models import (
    CADENCE,
    PushDevice,
    ReminderDelivery,
    ReminderKind,
    ReminderPreference,
)

log = logging.getLogger("heartwork.reminders")
SNOOZE_DAYS = 7

# What each reminder invites the person to: (where in one bond, or outside any, what, line).
# Nothing more specific: reminders carry no content, and never anything about the other person.
DESTINATIONS = {
    ReminderKind.CHECKIN: (
        "checkins:new",
        "a feelings check-in",
        "How are you feeling today? A check-in takes under a minute.",
    ),
    ReminderKind.APPRECIATION: (
        "appreciation:home",
        "a note of thanks",
        "Is there something someone did lately that you'd like to thank them for?",
    ),
    ReminderKind.PROMPT: (
        "prompts:today",
        "today's prompt",
        "Today's conversation prompt is ready whenever you are.",
    ),
    ReminderKind.QUALITY_TIME: (
        "together:home",
        "some time together",
        "Is there a moment this week for some unhurried time together?",
    ),
}
_OUTSIDE_A_BOND = {"checkins:new"}


def destination_path(person: Person, kind: str) -> str:
    """Where a reminder's "Go" takes the person: the thing itself. In a bond's practice
    that is the practice in their one active bond, or their bonds to choose from."""
    url_name = DESTINATIONS[ReminderKind(kind)][0]
    if url_name in _OUTSIDE_A_BOND:
        return reverse(url_name)
    from heartwork.bonds.models import Bond  # reminders belong to a person, not a bond

    active = list(
        Bond.objects.filter(memberships__person=person, status="active").values_list(
            "pk", flat=True
        )[:2]
    )
    if len(active) == 1:
        return reverse(url_name, args=[active[0]])
    return reverse("bonds:list") if active else reverse("bonds:new")


def rule_for(preference: ReminderPreference) -> ReminderRule:
    return ReminderRule(
        local_time=preference.local_time,
        zone=preference.person.time_zone,
        cadence=CADENCE[ReminderKind(preference.kind)],
        weekday=preference.weekday,
        snoozed_until=preference.snoozed_until,
    )


def reminders_claim_due(*, now: datetime.datetime | None = None) -> list[ReminderDelivery]:
    """Record every reminder slot that is due now, once, and queue its e-mail.

    The unique (person, kind, slot) row is the claim: a second scheduler, or the same one
    after a restart, finds the slot taken and moves on.
    """
    from heartwork.reminders.tasks import push_reminder, send_reminder  # tasks import services

    now = now or timezone.now()
    claimed = []
    for preference in ReminderPreference.objects.filter(
        enabled=True, person__is_active=True
    ).select_related("person"):
        due = due_slot(rule_for(preference), now)
        if due is None:
            continue
        slot, due_at = due
        if not is_new_slot(slot, _newest_slot(preference)) or _weekly_already_sent(
            preference, slot
        ):
            continue
        status = (
            ReminderDelivery.Status.QUEUED
            if preference.by_email
            else ReminderDelivery.Status.IN_APP
        )
        try:
            with transaction.atomic():
                delivery = ReminderDelivery.objects.create(
                    person=preference.person,
                    kind=preference.kind,
                    slot=slot,
                    due_at=due_at,
                    status=status,
                )
        except IntegrityError:
            continue
        claimed.append(delivery)
        if preference.by_email:
            # The claim above has committed (the scheduler runs in autocommit), so the
            # worker will find the row. The queue holds only the row's id.
            send_reminder.enqueue(str(delivery.pk))
        if PushDevice.objects.filter(person_id=preference.person_id).exists():
            push_reminder.enqueue(str(delivery.pk))
    if claimed:
        log.info("reminders claimed count=%s", len(claimed))
    return claimed


def _newest_slot(preference: ReminderPreference) -> datetime.date | None:
    return (
        ReminderDelivery.objects.filter(person_id=preference.person_id, kind=preference.kind)
        .order_by("-slot")
        .values_list("slot", flat=True)
        .first()
    )


def _weekly_already_sent(preference: ReminderPreference, slot: datetime.date) -> bool:
    if CADENCE[ReminderKind(preference.kind)] is not Cadence.WEEKLY:
        return False
    start, end = week_of(slot)
    return ReminderDelivery.objects.filter(
        person_id=preference.person_id, kind=preference.kind, slot__range=(start, end)
    ).exists()


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def reminder_send(*, delivery_id: str) -> bool:
    """Send one reminder e-mail. At most once: the row moves queued → sending first."""
    taken = ReminderDelivery.objects.filter(
        pk=delivery_id, status=ReminderDelivery.Status.QUEUED
    ).update(status=ReminderDelivery.Status.SENDING)
    if not taken:
        return False
    delivery = ReminderDelivery.objects.select_related("person").get(pk=delivery_id)
    person = delivery.person
    preference = ReminderPreference.objects.filter(
        person=person, kind=delivery.kind, enabled=True
    ).first()
    if preference is None or not preference.by_email:  # turned off since it was queued
        ReminderDelivery.objects.filter(pk=delivery.pk).update(
            status=ReminderDelivery.Status.IN_APP
        )
        return False
    _url_name, what, line = DESTINATIONS[ReminderKind(delivery.kind)]
    context = {
        "name": person.display_name,
        "what": what,
        "line": line,
        "open_url": _absolute(destination_path(person, delivery.kind)),
        "snooze_url": _absolute(
            reverse("reminders:link", args=[make_token(person.pk, delivery.kind, "snooze")])
        ),
        "off_url": _absolute(
            reverse("reminders:link", args=[make_token(person.pk, delivery.kind, "off")])
        ),
        "all_off_url": _absolute(
            reverse("reminders:link", args=[make_token(person.pk, delivery.kind, "all-off")])
        ),
        "settings_url": _absolute(reverse("reminders:settings")),
    }
    message = EmailMultiAlternatives(
        subject=f"A small moment for {what}",
        body=render_to_string("reminders/email.txt", context),
        to=[person.email],
        # RFC 8058 one-click unsubscribe: the mail app's own "Unsubscribe" button posts
        # straight to the signed link, so stopping takes one tap without logging in.
        headers={
            "List-Unsubscribe": f"<{context['all_off_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    try:
        message.send()
    except Exception:
        ReminderDelivery.objects.filter(pk=delivery.pk).update(
            status=ReminderDelivery.Status.FAILED
        )
        log.exception("reminder e-mail failed delivery=%s", delivery.pk)
        return False
    ReminderDelivery.objects.filter(pk=delivery.pk).update(
        status=ReminderDelivery.Status.SENT, sent_at=timezone.now()
    )
    log.info("reminder sent delivery=%s kind=%s", delivery.pk, delivery.kind)
    return True


def preferences_for(person: Person) -> list[ReminderPreference]:
    existing = {p.kind: p for p in ReminderPreference.objects.filter(person=person)}
    return [
        existing.get(kind)
        or ReminderPreference(person=person, kind=kind, local_time=person.reminder_time)
        for kind in ReminderKind.values
    ]


@transaction.atomic
def preference_save(
    *, person: Person, kind: str, enabled: bool, local_time, weekday: int, by_email: bool
) -> ReminderPreference:
    preference, _ = ReminderPreference.objects.get_or_create(
        person=person, kind=kind, defaults={"local_time": local_time}
    )
    preference.enabled, preference.local_time, preference.weekday, preference.by_email = (
        enabled,
        local_time,
        weekday,
        by_email,
    )
    preference.full_clean()
    preference.save()
    return preference


@transaction.atomic
def reminder_snooze(*, person: Person, kind: str, days: int = SNOOZE_DAYS) -> datetime.date:
    today = local_today(person)
    until = today + datetime.timedelta(days=days - 1)
    ReminderPreference.objects.filter(person=person, kind=kind).update(snoozed_until=until)
    return until


@transaction.atomic
def reminder_turn_off(*, person: Person, kind: str | None = None) -> int:
    preferences = ReminderPreference.objects.filter(person=person)
    if kind is not None:
        preferences = preferences.filter(kind=kind)
    return preferences.update(enabled=False)


def deliveries_to_show(person: Person) -> list[ReminderDelivery]:
    """Today's reminders for the Today page, until the person dismisses them or turns
    that kind off (from the page, settings or an e-mail's link)."""
    today = local_today(person)
    turned_on = ReminderPreference.objects.filter(person=person, enabled=True).values("kind")
    return list(
        ReminderDelivery.objects.filter(
            person=person, slot=today, dismissed_at__isnull=True, kind__in=turned_on
        ).order_by("due_at")
    )


def delivery_for(*, person: Person, delivery_id) -> ReminderDelivery:
    """One of the person's own reminders, or 404: anyone else's does not exist for them."""
    delivery = ReminderDelivery.objects.filter(person=person, pk=delivery_id).first()
    if delivery is None:
        raise Http404("No such reminder.")
    return delivery


def delivery_dismiss(*, person: Person, delivery_id) -> None:
    ReminderDelivery.objects.filter(person=person, pk=delivery_id).update(
        dismissed_at=timezone.now()
    )
