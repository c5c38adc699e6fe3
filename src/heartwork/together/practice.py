"""Time together, as the practice registry sees it (heartwork.core.practices)."""

from heartwork.core.practices import LiveSource, Practice, bond_card
from heartwork.together import exports
from heartwork.together.services import forget_person_in_bond
from heartwork.together.today import waiting

PRACTICE = Practice(
    label="together",
    name="Time together",
    urls="heartwork.together.urls",
    bond_page=bond_card("together/_bond.html", "time"),
    forget=forget_person_in_bond,
    export=exports.export,
    story=exports.story,
    restore=exports.restore,
    waiting=waiting,
    live=(
        LiveSource("together.NoPhoneSession"),
        LiveSource("together.QualityTime"),
        LiveSource("together.RitualEntry", bond="ritual__bond"),
    ),
    api="heartwork.together.api",
)
