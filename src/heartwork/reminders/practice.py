"""Reminders, as the practice registry sees them (heartwork.core.practices).

Reminders belong to a person, not to a bond, so they add to the Today page only: one
quiet card, after everything that is waiting.
"""

from heartwork.core.practices import Practice, today_section
from heartwork.reminders import exports
from heartwork.reminders.today import today_context

PRACTICE = Practice(
    label="reminders",
    name="Reminders",
    urls="heartwork.reminders.urls",
    today=today_section("reminders/_today.html", today_context, priority=90),
    export=exports.export,
    restore=exports.restore,
    api="heartwork.reminders.api",
)
