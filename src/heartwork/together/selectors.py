"""Reads of a bond's time together, always for one person, and the two privacy rules.

* Reflections: ``reflections_visible_to`` returns a person's own reflection and any the
  other person chose to share, and nothing else.
* The evening check-in: ``entries_visible_to`` returns only the person's own entry until
  both people have given theirs, so the other entry never reaches a template, a fragment
  or any other response before then.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.bonds.selectors import other_members
from heartwork.domain.reveal import Contribution
from heartwork.domain.reveal import is_revealed as reveal_rule
from heartwork.together.models import NoPhoneSession, QualityTime, Reflection, Ritual, RitualEntry

# --- Times together --------------------------------------------------------------------


def time_for_member(bond: Bond, quality_time_id: uuid.UUID | str) -> QualityTime:
    """A time of this bond (the caller has already checked membership), or 404."""
    try:
        return bond.quality_times.get(pk=quality_time_id)
    except (QualityTime.DoesNotExist, ValueError, TypeError):
        raise Http404("No such time.") from None


def reflections_visible_to(person: Person, quality_time: QualityTime) -> QuerySet[Reflection]:
    """The person's own reflection, and the other's only if they chose to share it."""
    return Reflection.objects.filter(quality_time=quality_time).filter(
        Q(person=person) | Q(shared=True)
    )


def _with_visible_reflections(
    person: Person, times: QuerySet[QualityTime]
) -> QuerySet[QualityTime]:
    visible = Reflection.objects.filter(Q(person=person) | Q(shared=True))
    return times.prefetch_related(
        Prefetch("reflections", queryset=visible, to_attr="visible_reflections")
    )


def upcoming_times(
    person: Person, bond: Bond, now: datetime.datetime | None = None
) -> list[QualityTime]:
    now = now or timezone.now()
    times = bond.quality_times.filter(status=QualityTime.Status.PLANNED, when__gt=now).order_by(
        "when"
    )
    return list(_with_visible_reflections(person, times))


def due_times(
    person: Person, bond: Bond, now: datetime.datetime | None = None
) -> list[QualityTime]:
    """Plans whose time has come and gone, waiting to be marked done or cancelled."""
    now = now or timezone.now()
    times = bond.quality_times.filter(status=QualityTime.Status.PLANNED, when__lte=now).order_by(
        "-when"
    )
    return list(_with_visible_reflections(person, times))


def past_times(person: Person, bond: Bond) -> QuerySet[QualityTime]:
    """Time the two of them shared, newest first. Cancelled plans aren't listed."""
    times = bond.quality_times.filter(status=QualityTime.Status.DONE).order_by("-when")
    return _with_visible_reflections(person, times)


@dataclass(frozen=True)
class TimeView:
    time: QualityTime
    mine: Reflection | None
    theirs: Reflection | None  # only ever a reflection they shared
    other: Person | None

    @property
    def can_reflect(self) -> bool:
        return self.time.status == QualityTime.Status.DONE


def time_view(person: Person, bond: Bond, quality_time: QualityTime) -> TimeView:
    reflections = list(reflections_visible_to(person, quality_time))
    others = other_members(bond, person)
    return TimeView(
        time=quality_time,
        mine=next((r for r in reflections if r.person_id == person.pk), None),
        theirs=next((r for r in reflections if r.person_id != person.pk and r.shared), None),
        other=others[0] if others else None,
    )


# --- No-phone sessions -----------------------------------------------------------------


def open_session(bond: Bond) -> NoPhoneSession | None:
    return (
        bond.no_phone_sessions.filter(ended_at__isnull=True)
        .select_related("started_by", "joined_by")
        .first()
    )


# How long a just-ended session stays on the no-phone page, so the one who did not press
# "End" sees that it ended (and where to add a reflection) when their open page refreshes.
JUST_ENDED_FOR = datetime.timedelta(minutes=30)


def session_just_ended(bond: Bond, now: datetime.datetime) -> NoPhoneSession | None:
    return (
        bond.no_phone_sessions.filter(ended_at__gte=now - JUST_ENDED_FOR)
        .select_related("started_by", "joined_by", "quality_time")
        .order_by("-ended_at")
        .first()
    )


def recent_no_phone_times(bond: Bond, limit: int = 5) -> list[QualityTime]:
    return list(
        bond.quality_times.filter(source=QualityTime.Source.NO_PHONE).order_by("-when")[:limit]
    )


def session_for_member(bond: Bond, nophone_id: uuid.UUID | str) -> NoPhoneSession:
    try:
        return bond.no_phone_sessions.select_related("started_by", "joined_by", "quality_time").get(
            pk=nophone_id
        )
    except (NoPhoneSession.DoesNotExist, ValueError, TypeError):
        raise Http404("No such session.") from None


# --- The evening check-in ---------------------------------------------------------------


def ritual_for_day(bond: Bond, day: datetime.date) -> Ritual | None:
    return bond.rituals.filter(day=day).first()


def _member_ids(ritual: Ritual) -> list:
    return list(ritual.bond.memberships.values_list("person_id", flat=True))


def is_revealed(ritual: Ritual | None) -> bool:
    """Both gave theirs, each while the other was in the bond (heartwork.domain.reveal)."""
    if ritual is None:
        return False
    written = [
        Contribution(p, alone)
        for p, alone in ritual.entries.values_list("person_id", "written_alone")
    ]
    return reveal_rule(_member_ids(ritual), written)


def entries_visible_to(person: Person, ritual: Ritual) -> QuerySet[RitualEntry]:
    """Every entry of the check-in that ``person`` may see: only their own until both
    gave theirs."""
    entries = RitualEntry.objects.filter(ritual=ritual)
    if is_revealed(ritual):
        return entries.filter(person_id__in=_member_ids(ritual))
    return entries.filter(person=person)


@dataclass(frozen=True)
class RitualView:
    day: datetime.date
    ritual: Ritual | None
    revealed: bool
    solo: bool
    mine: RitualEntry | None
    theirs: RitualEntry | None
    other: Person | None

    @property
    def can_submit(self) -> bool:
        return not self.revealed

    @property
    def kept_private(self) -> bool:
        """Mine was given before the other person joined, so it stays mine for now."""
        return self.mine is not None and self.mine.written_alone and not self.solo

    @property
    def waiting(self) -> bool:
        """Mine is in, the bond has two people, and the two entries aren't open yet."""
        return (
            self.mine is not None and not self.revealed and not self.solo and not self.kept_private
        )


def ritual_view(
    person: Person,
    bond: Bond,
    day: datetime.date,
    ritual: Ritual | None = None,
    others: list[Person] | None = None,
) -> RitualView:
    ritual = ritual if ritual is not None else ritual_for_day(bond, day)
    revealed = is_revealed(ritual)
    entries = list(entries_visible_to(person, ritual)) if ritual is not None else []
    others = others if others is not None else other_members(bond, person)
    return RitualView(
        day=day,
        ritual=ritual,
        revealed=revealed,
        solo=not others,
        mine=next((e for e in entries if e.person_id == person.pk), None),
        theirs=next((e for e in entries if e.person_id != person.pk), None),
        other=others[0] if others else None,
    )


def past_rituals(
    person: Person, bond: Bond, before: datetime.date, limit: int = 60
) -> list[RitualView]:
    """Earlier check-ins the person took part in, newest first, with only what they may see."""
    rituals = (
        bond.rituals.filter(entries__person=person, day__lt=before)
        .order_by("-day")
        .distinct()[:limit]
    )
    others = other_members(bond, person)
    return [ritual_view(person, bond, r.day, r, others) for r in rituals]
