"""The reminders section of the Today page."""

from django.urls import reverse

from heartwork.reminders.models import ReminderKind
from heartwork.reminders.services import DESTINATIONS, deliveries_to_show


def today_context(person):
    deliveries = deliveries_to_show(person)
    for delivery in deliveries:
        url_name, _what, line = DESTINATIONS[ReminderKind(delivery.kind)]
        delivery.url, delivery.line = reverse(url_name), line
    return deliveries or None
