"""Which reminders a person asked for, and each reminder slot claimed for sending.

Reminders are off until a person turns them on. They carry no content: no prompt text,
nothing about the other person, nothing anyone wrote.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models

from heartwork.core.models import BaseModel
from heartwork.domain.schedule import Cadence


class ReminderKind(models.TextChoices):
    CHECKIN = "checkin", "Feelings check-in"
    APPRECIATION = "appreciation", "Appreciation"
    PROMPT = "prompt", "Prompt of the day"
    QUALITY_TIME = "quality_time", "Weekly quality time"


CADENCE = {
    ReminderKind.CHECKIN: Cadence.DAILY,
    ReminderKind.APPRECIATION: Cadence.DAILY,
    ReminderKind.PROMPT: Cadence.DAILY,
    ReminderKind.QUALITY_TIME: Cadence.WEEKLY,
}

WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]


class ReminderPreference(BaseModel):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preferences"
    )
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    enabled = models.BooleanField(default=False)
    local_time = models.TimeField(default=datetime.time(19, 30))
    weekday = models.PositiveSmallIntegerField(default=6, choices=WEEKDAYS)
    by_email = models.BooleanField(default=True)
    snoozed_until = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder for {self.person_id}"


class ReminderDelivery(BaseModel):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        IN_APP = "in_app", "Shown in the app only"
        FAILED = "failed", "Failed"

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=ReminderKind.choices)
    slot = models.DateField(help_text="The local date this reminder is for.")
    due_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    sent_at = models.DateTimeField(null=True, blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # The claim: however many schedulers run, and however often one restarts,
            # a person gets one reminder of a kind per slot.
            models.UniqueConstraint(
                fields=["person", "kind", "slot"], name="one_delivery_per_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder {self.slot} for {self.person_id}"


class PushDevice(BaseModel):
    """A browser or installed app that asked for reminders as notifications (Web Push).

    The endpoint is a capability URL of the person's push service: whoever holds it (and
    the keys) can send to that device, so it is never logged or shown in full.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_devices"
    )
    endpoint = models.URLField(max_length=2000, unique=True)
    p256dh = models.CharField(max_length=200)  # the device's public key (RFC 8291)
    auth = models.CharField(max_length=100)  # the device's authentication secret
    label = models.CharField(max_length=80, blank=True)  # "Chrome on Android", for the list
    last_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"push device {self.pk}"


class PushChoice(BaseModel):
    """What a notification may say on a lock screen. Neutral unless the person chooses more."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_choice"
    )
    show_what_for = models.BooleanField(default=False)
