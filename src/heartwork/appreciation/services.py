"""Everything that changes appreciation. Views call these; coaching lives in domain/.

Every refusal is an ``AppreciationError`` raised before anything is written, so a
refused action changes nothing.
"""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.appreciation import selectors
from heartwork.appreciation.models import ListItem, Note, NudgeSetting, ThankYou
from heartwork.bonds.models import Bond
from heartwork.core.clock import local_today
from heartwork.core.errors import ApplicationError
from heartwork.domain.appreciation import ITEM_MAX, NOTE_MAX, REPLY_MAX

log = logging.getLogger("heartwork.appreciation")
MAX_NOTES_PER_DAY = 30  # per sender and bond: generous for people, a wall for a stuck script


class AppreciationError(ApplicationError):
    pass


def _clean(text: str, *, limit: int, empty_message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise AppreciationError(empty_message)
    if len(text) > limit:
        raise AppreciationError(
            f"That's {len(text)} characters; please keep it to {limit} or fewer."
        )
    return text


@transaction.atomic
def note_send(*, sender: Person, bond: Bond, text: str, source: str = Note.Source.WRITTEN) -> Note:
    """Send a note of thanks to the other person in the bond. Coaching never stops it."""
    bond = Bond.objects.select_for_update().get(pk=bond.pk)  # one writer at a time per bond
    state = selectors.send_state(bond, sender)
    if not state.can_send:
        raise AppreciationError(state.reason)
    text = _clean(
        text, limit=NOTE_MAX, empty_message="Write a few words first. One sentence is plenty."
    )
    since = timezone.now() - datetime.timedelta(days=1)
    if (
        Note.objects.filter(bond=bond, sender=sender, created_at__gte=since).count()
        >= MAX_NOTES_PER_DAY
    ):
        raise AppreciationError("That's a lot of thanks for one day. Save a few for tomorrow.")
    note = Note(
        bond=bond,
        sender=sender,
        sender_membership=selectors.membership_of(bond, sender),
        recipient=state.other,
        source=source,
    )
    note.text = text
    note.full_clean(exclude=["text_sealed"])
    note.save()
    log.info("note sent bond=%s note=%s source=%s", bond.pk, note.pk, source)
    return note


def note_open(*, person: Person, note: Note) -> None:
    """The recipient opening a note marks it read; the sender opening it marks its
    thank-you seen."""
    now = timezone.now()
    if note.recipient_id == person.pk and note.read_at is None:
        Note.objects.filter(pk=note.pk, read_at__isnull=True).update(read_at=now)
        note.read_at = now
    if note.sender_id == person.pk:
        ThankYou.objects.filter(note=note, seen_at__isnull=True).update(seen_at=now)


@transaction.atomic
def thank_you_send(*, person: Person, bond: Bond, note: Note, reaction: str, text: str) -> ThankYou:
    if note.bond_id != bond.pk or note.recipient_id != person.pk:
        raise AppreciationError("Only the person a note was sent to can answer it.")
    if not bond.is_active:
        raise AppreciationError("This bond is resting, so replies wait until it's active again.")
    if reaction and reaction not in ThankYou.Reaction.values:
        raise AppreciationError("Pick one of the reactions offered.")
    text = (text or "").strip()
    if not reaction and not text:
        raise AppreciationError("Pick a reaction or write a few words.")
    if len(text) > REPLY_MAX:
        raise AppreciationError(f"A thank-you can be up to {REPLY_MAX} characters.")
    list(
        Note.objects.select_for_update().filter(pk=note.pk).values_list("pk")
    )  # answers to one note queue here
    if ThankYou.objects.filter(note=note).exists():
        raise AppreciationError("You've already answered this note.")
    thanks = ThankYou(
        note=note,
        person=person,
        membership=selectors.membership_of(bond, person),
        reaction=reaction,
    )
    thanks.text = text
    thanks.full_clean(exclude=["text_sealed", "note"])
    try:
        with transaction.atomic():
            thanks.save()
    except IntegrityError:  # answered a moment ago in another tab
        raise AppreciationError("You've already answered this note.") from None
    Note.objects.filter(pk=note.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )  # answering is reading
    log.info("thank-you sent bond=%s note=%s", bond.pk, note.pk)
    return thanks


@transaction.atomic
def item_add(*, person: Person, bond: Bond, text: str) -> ListItem:
    """Add to the person's private list. Allowed in any bond state: the list is theirs alone."""
    text = _clean(text, limit=ITEM_MAX, empty_message="Write a few words first.")
    item = ListItem(bond=bond, person=person, membership=selectors.membership_of(bond, person))
    item.text = text
    item.full_clean(exclude=["text_sealed"])
    item.save()
    log.info("list item added bond=%s item=%s", bond.pk, item.pk)
    return item


@transaction.atomic
def item_edit(*, person: Person, item: ListItem, text: str) -> ListItem:
    if item.person_id != person.pk:
        raise AppreciationError("Only you can change your own list.")
    text = _clean(
        text, limit=ITEM_MAX, empty_message="Write a few words, or delete the item instead."
    )
    item.text = text
    item.save(update_fields=["text_sealed", "updated_at"])
    return item


@transaction.atomic
def item_delete(*, person: Person, item: ListItem) -> None:
    if item.person_id != person.pk:
        raise AppreciationError("Only you can change your own list.")
    item.delete()  # a note already sent from it stays with the person who received it
    log.info("list item deleted bond=%s item=%s", item.bond_id, item.pk)


@transaction.atomic
def item_share(*, person: Person, bond: Bond, item: ListItem) -> Note:
    """Share one item: it goes to the other person as a note, and the item remembers it."""
    item = ListItem.objects.select_for_update().get(pk=item.pk)
    if item.person_id != person.pk or item.bond_id != bond.pk:
        raise AppreciationError("Only you can share your own list.")
    if item.shared_note_id is not None:
        raise AppreciationError("You've already shared this one.")
    note = note_send(sender=person, bond=bond, text=item.text, source=Note.Source.LIST)
    item.shared_note, item.shared_at = note, note.created_at
    item.save(update_fields=["shared_note", "shared_at", "updated_at"])
    log.info("list item shared bond=%s item=%s note=%s", bond.pk, item.pk, note.pk)
    return note


NUDGE_CHOICES = ("today", "off", "on")


@transaction.atomic
def nudge_set(*, person: Person, bond: Bond, choice: str) -> NudgeSetting:
    """Rest the daily suggestion for this bond until tomorrow, or turn it off or on."""
    if choice not in NUDGE_CHOICES:
        raise AppreciationError("That isn't one of the choices.")
    membership = selectors.membership_of(bond, person)
    setting, _ = NudgeSetting.objects.get_or_create(membership=membership)
    if choice == "today":
        setting.quiet_until = local_today(person) + datetime.timedelta(days=1)
    else:
        setting.off, setting.quiet_until = choice == "off", None
    setting.save()
    return setting


def forget_person_in_bond(*, person: Person, bond: Bond) -> None:
    """Remove what a person wrote in a bond's appreciation (they are leaving it).

    Their notes, thank-yous, private list and nudge choice go; the other person keeps the
    notes and thank-yous they wrote themselves. (Everything here also hangs off the
    membership, so deleting it would remove the same rows; this says so out loud.)
    """
    ListItem.objects.filter(bond=bond, person=person).delete()
    ThankYou.objects.filter(note__bond=bond, person=person).delete()
    Note.objects.filter(bond=bond, sender=person).delete()
    NudgeSetting.objects.filter(membership__bond=bond, membership__person=person).delete()
    log.info("appreciation forgotten bond=%s person=%s", bond.pk, person.pk)
