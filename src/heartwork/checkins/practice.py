"""Feelings check-ins, as the practice registry sees them (heartwork.core.practices)."""

from heartwork.checkins import exports
from heartwork.checkins.services import forget_person_in_bond
from heartwork.checkins.today import waiting
from heartwork.core.practices import LiveSource, Practice, bond_card

PRACTICE = Practice(
    label="checkins",
    name="Feelings check-ins",
    urls="heartwork.checkins.urls",
    bond_page=bond_card("checkins/_bond.html", "feel", active_only=True),
    forget=forget_person_in_bond,
    export=exports.export,
    story=exports.story,
    restore=exports.restore,
    waiting=waiting,
    live=(
        LiveSource("checkins.CheckIn", bond="shared_with"),
        LiveSource("checkins.Acknowledgement", bond="checkin__shared_with"),
    ),
    api="heartwork.checkins.api",
)
