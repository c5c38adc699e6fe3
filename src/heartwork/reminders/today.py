"""The reminders on the Today page: one quiet card, one line and one "Go" each."""

from heartwork.reminders.models import ReminderKind
from heartwork.reminders.services import DESTINATIONS, deliveries_to_show, destination_path


def today_context(person) -> dict | None:
    deliveries = deliveries_to_show(person)
    for delivery in deliveries:
        _url_name, what, line = DESTINATIONS[ReminderKind(delivery.kind)]
        delivery.url, delivery.what, delivery.line = (
            destination_path(person, delivery.kind),
            what,
            line,
        )
    return {"deliveries": deliveries} if deliveries else None
