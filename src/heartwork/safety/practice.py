"""The private safety check, as the practice registry sees it (heartwork.core.practices)."""

from heartwork.core.practices import Practice, bond_card, not_exported
from heartwork.safety.services import forget_person_in_bond

PRACTICE = Practice(
    label="safety",
    name="A private safety check",
    urls="heartwork.safety.urls",
    bond_page=bond_card("safety/_bond.html", "care"),
    forget=forget_person_in_bond,
    # Never in an archive: a downloaded file on a shared device could tell the wrong
    # person that someone asked whether they are safe. Never in a story either.
    export=not_exported(
        "Your private safety checks stay on the server: a downloaded file could be found "
        "on a shared device, and they are yours alone."
    ),
)
