"""Notes of thanks, as the practice registry sees them (heartwork.core.practices)."""

from heartwork.appreciation import exports
from heartwork.appreciation.services import forget_person_in_bond
from heartwork.appreciation.today import today_context, waiting
from heartwork.core.practices import LiveSource, Practice, bond_card, today_section

PRACTICE = Practice(
    label="appreciation",
    name="Notes of thanks",
    urls="heartwork.appreciation.urls",
    today=today_section("appreciation/_today.html", today_context, priority=60),
    bond_page=bond_card("appreciation/_bond.html", "thank"),
    forget=forget_person_in_bond,
    export=exports.export,
    story=exports.story,
    restore=exports.restore,
    waiting=waiting,
    live=(
        LiveSource("appreciation.Note"),
        LiveSource("appreciation.ThankYou", bond="note__bond"),
    ),
    api="heartwork.appreciation.api",
)
