"""The check-ins on the Today page: feelings shared with me, and replies to what I shared."""

import datetime

from django.urls import reverse
from django.utils import timezone

from heartwork.bonds.selectors import my_bond_names
from heartwork.checkins.models import Acknowledgement
from heartwork.checkins.selectors import recently_shared_with_me
from heartwork.core.practices import Waiting
from heartwork.domain.checkins import INTENSITY_LABELS, acknowledgement_phrases

REPLIES_SHOWN_FOR = datetime.timedelta(days=2)


def today_context(person):
    shared = recently_shared_with_me(person)
    return {"shared": shared, "intensity_labels": INTENSITY_LABELS} if shared else None


def waiting(person) -> list[Waiting]:
    """A card for each feeling shared with me that I haven't answered, and for each reply
    to a feeling I shared (for two days)."""
    names = my_bond_names(person)
    found = []
    for checkin in recently_shared_with_me(person):
        words = ", ".join(checkin.feelings)
        found.append(
            Waiting(
                text=f"{checkin.author_name} shared how they feel: {words}.",
                detail=checkin.statement,
                url=reverse("checkins:bond", args=[checkin.shared_with_id]),
                action="Read and respond",
                bond_id=checkin.shared_with_id,
                bond_name=names.get(checkin.shared_with_id, ""),
                kind="feeling",
                priority=20,
            )
        )
    replies = (
        Acknowledgement.objects.filter(
            checkin__person=person,
            checkin__shared_with__isnull=False,
            created_at__gte=timezone.now() - REPLIES_SHOWN_FOR,
        )
        .exclude(person=person)
        .select_related("person", "checkin")
        .order_by("-created_at")[:3]
    )
    phrases = acknowledgement_phrases() if replies else {}
    for reply in replies:
        bond_id = reply.checkin.shared_with_id
        found.append(
            Waiting(
                text=f"{reply.person.display_name} replied to your check-in.",
                detail=" ".join(t for t in (phrases.get(reply.phrase, ""), reply.reply) if t),
                url=reverse("checkins:bond", args=[bond_id]),
                action="See the reply",
                bond_id=bond_id,
                bond_name=names.get(bond_id, ""),
                kind="feeling",
                priority=35,
            )
        )
    return found
