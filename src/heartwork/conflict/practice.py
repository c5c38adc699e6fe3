"""Hard conversations, as the practice registry sees it (heartwork.core.practices)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from heartwork.bonds.selectors import my_bond_names
from heartwork.conflict import exports, selectors
from heartwork.conflict.models import Message, Talk
from heartwork.conflict.services import forget_person_in_bond
from heartwork.core.practices import BondSection, LiveSource, Practice, Waiting
from heartwork.domain.hard_talk import Step
from heartwork.safety.selectors import hard_conversation_is_offered


def bond_page(person, bond) -> BondSection | None:
    if not bond.memberships.exclude(person=person).exists():
        return None
    return BondSection(
        "conflict/_bond.html",
        group="talk",
        context={
            "offered": hard_conversation_is_offered(person, bond),
            "talk": selectors.open_talk(bond),
        },
    )


def _waiting_for(person) -> dict | None:
    """Talks that ask something of this person, and messages sent to them this week."""
    invites = list(
        Talk.objects.filter(other=person, step=Step.INVITED, bond__memberships__person=person)
        .select_related("bond", "starter")
        .distinct()
    )
    week_ago = timezone.now() - datetime.timedelta(days=7)
    received = list(
        Message.objects.filter(
            sent_at__gte=week_ago, hidden_by_recipient=False, bond__memberships__person=person
        )
        .exclude(author=person)
        .select_related("author", "bond")
        .order_by("-sent_at")[:3]
    )
    if not invites and not received:
        return None
    return {"invites": invites, "received": received}


def waiting(person) -> list[Waiting]:
    """A card for each talk someone asked for, and each message sent to this person."""
    found = _waiting_for(person)
    if not found:
        return []
    names = my_bond_names(person)
    cards = [
        Waiting(
            text=f"{talk.starter.display_name} asked to talk something through.",
            url=reverse("conflict:talk", args=[talk.bond_id, talk.pk]),
            action="See the invitation",
            bond_id=talk.bond_id,
            bond_name=names.get(talk.bond_id, ""),
            kind="talk",
            priority=10,
        )
        for talk in found["invites"]
    ]
    cards += [
        Waiting(
            text=f"{message.author.display_name} sent you a message.",
            url=reverse("conflict:message", args=[message.bond_id, message.pk]),
            action="Read it",
            bond_id=message.bond_id,
            bond_name=names.get(message.bond_id, ""),
            kind="talk",
            priority=30,
        )
        for message in found["received"]
    ]
    return cards


PRACTICE = Practice(
    label="conflict",
    name="Hard conversations",
    urls="heartwork.conflict.urls",
    bond_page=bond_page,
    forget=forget_person_in_bond,
    export=exports.export,
    restore=exports.restore,
    waiting=waiting,
    live=(
        LiveSource("conflict.Talk"),
        LiveSource("conflict.Message", stamp="sent_at", only={"sent_at__isnull": False}),
    ),
    api="heartwork.conflict.api",
)
