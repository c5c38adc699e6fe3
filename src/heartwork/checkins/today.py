"""The check-ins section of the Today page: feelings shared with me lately."""

from heartwork.checkins.selectors import recently_shared_with_me
from heartwork.domain.checkins import INTENSITY_LABELS


def today_context(person):
    shared = recently_shared_with_me(person)
    return {"shared": shared, "intensity_labels": INTENSITY_LABELS} if shared else None
