"""Everything that changes a bond's time together. Views call these; rules live in domain/."""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond
from heartwork.bonds.selectors import bond_day
from heartwork.core.errors import ApplicationError
from heartwork.domain.bonds import BondStatus
from heartwork.domain.feelings import feelings_wheel
from heartwork.domain.together import (
    REFLECTION_MAX,
    RITUAL_TEXT_MAX,
    TITLE_MAX,
    ActivityKind,
    forgotten_session_minutes,
    idea_library,
    is_planned,
    is_stale,
    minutes_problem,
    session_minutes,
    text_problem,
    when_problem,
)
from heartwork.together import selectors
from heartwork.together.models import NoPhoneSession, QualityTime, Reflection, Ritual, RitualEntry

log = logging.getLogger("heartwork.together")

RESTING = (
    "Time together rests while this bond is paused or has ended. Everything you logged is still "
    "here."
)


class TogetherError(ApplicationError):
    pass


def _require_active(bond: Bond) -> None:
    if not bond.is_active:
        raise TogetherError(RESTING)


def _check_kind(kind: str) -> ActivityKind:
    try:
        return ActivityKind(kind)
    except ValueError:
        raise TogetherError("Choose what kind of time it was from the list.") from None


def _check_time_fields(
    *, kind: str, when: datetime.datetime, minutes: int, title: str, now: datetime.datetime
) -> None:
    _check_kind(kind)
    for problem in (minutes_problem(minutes), when_problem(when, now)):
        if problem:
            raise TogetherError(problem)
    if len(title) > TITLE_MAX:
        raise TogetherError(f"Keep the name to {TITLE_MAX} characters or fewer.")


# --- Times together --------------------------------------------------------------------


@transaction.atomic
def time_log(
    *,
    person: Person,
    bond: Bond,
    kind: str,
    when: datetime.datetime,
    minutes: int,
    phones_away: bool = False,
    title: str = "",
    idea_id: str = "",
    reflection: str = "",
    share_reflection: bool = False,
    now: datetime.datetime | None = None,
) -> QualityTime:
    """Plan a time (when it is still ahead) or log one that happened."""
    _require_active(bond)
    now = now or timezone.now()
    title, reflection = title.strip(), reflection.strip()
    _check_time_fields(kind=kind, when=when, minutes=minutes, title=title, now=now)
    if idea_id and idea_library().get(idea_id) is None:
        raise TogetherError("That idea isn't in the list any more. Log the time without it.")
    planned = is_planned(when, now)
    if reflection and planned:
        raise TogetherError(
            "A reflection can wait until it's happened. Save the plan now and add your "
            "thoughts afterwards."
        )
    if reflection and (
        problem := text_problem(reflection, limit=REFLECTION_MAX, what="your reflection")
    ):
        raise TogetherError(problem)
    time = QualityTime(
        bond=bond,
        kind=kind,
        when=when,
        minutes=minutes,
        phones_away=phones_away,
        idea_id=idea_id,
        status=QualityTime.Status.PLANNED if planned else QualityTime.Status.DONE,
        created_by=person,
    )
    time.set_title(title, person.pk)
    time.full_clean(exclude=["title_sealed"])
    time.save()
    if reflection:
        _save_reflection(person=person, time=time, text=reflection, shared=share_reflection)
    log.info(
        "time logged bond=%s time=%s person=%s planned=%s", bond.pk, time.pk, person.pk, planned
    )
    return time


@transaction.atomic
def time_update(
    *,
    person: Person,
    bond: Bond,
    time: QualityTime,
    kind: str,
    when: datetime.datetime,
    minutes: int,
    phones_away: bool,
    title: str = "",
    now: datetime.datetime | None = None,
) -> QualityTime:
    """Change the shared facts of a time: either person may, as either could have logged it."""
    _require_active(bond)
    now = now or timezone.now()
    title = title.strip()
    if time.status == QualityTime.Status.CANCELLED:
        raise TogetherError(
            "This one was cancelled, so it stays as it was. Plan a new time instead."
        )
    _check_time_fields(kind=kind, when=when, minutes=minutes, title=title, now=now)
    if time.status == QualityTime.Status.DONE and is_planned(when, now):
        raise TogetherError("This time has already happened, so choose a moment up to now.")
    time.kind, time.when, time.minutes, time.phones_away = kind, when, minutes, phones_away
    time.set_title(title, person.pk)
    time.full_clean(exclude=["title_sealed"])
    time.save()
    log.info("time updated bond=%s time=%s person=%s", bond.pk, time.pk, person.pk)
    return time


@transaction.atomic
def time_mark_done(
    *, person: Person, bond: Bond, time: QualityTime, now: datetime.datetime | None = None
) -> QualityTime:
    _require_active(bond)
    now = now or timezone.now()
    time = QualityTime.objects.select_for_update().get(pk=time.pk)
    if time.status == QualityTime.Status.DONE:
        raise TogetherError("That one is already marked as done.")
    if time.status == QualityTime.Status.CANCELLED:
        raise TogetherError(
            "That one was cancelled. Log it as a new time if it happened after all."
        )
    time.status = QualityTime.Status.DONE
    time.when = min(time.when, now)  # done early: it happened now, not later
    time.save(update_fields=["status", "when", "updated_at"])
    log.info("time done bond=%s time=%s person=%s", bond.pk, time.pk, person.pk)
    return time


@transaction.atomic
def time_cancel(*, person: Person, bond: Bond, time: QualityTime) -> QualityTime:
    _require_active(bond)
    time = QualityTime.objects.select_for_update().get(pk=time.pk)
    if time.status != QualityTime.Status.PLANNED:
        raise TogetherError("Only a planned time can be cancelled.")
    time.status = QualityTime.Status.CANCELLED
    time.save(update_fields=["status", "updated_at"])
    log.info("time cancelled bond=%s time=%s person=%s", bond.pk, time.pk, person.pk)
    return time


def _save_reflection(*, person: Person, time: QualityTime, text: str, shared: bool) -> Reflection:
    reflection = Reflection.objects.filter(quality_time=time, person=person).first() or Reflection(
        quality_time=time, person=person
    )
    # Sharing needs someone to share with: in a bond of one, a reflection stays private even
    # if asked otherwise, so nobody who joins later finds it already shared.
    reflection.shared = shared and time.bond.memberships.count() > 1
    reflection.text = text
    reflection.full_clean(exclude=["text_sealed"])
    reflection.save()
    return reflection


@transaction.atomic
def reflection_save(
    *, person: Person, bond: Bond, time: QualityTime, text: str, shared: bool
) -> Reflection:
    """Write or rewrite one's own reflection. It is shared only when ``shared`` is ticked."""
    _require_active(bond)
    if time.status != QualityTime.Status.DONE:
        raise TogetherError("You can add a reflection once it's happened.")
    text = text.strip()
    if problem := text_problem(text, limit=REFLECTION_MAX, what="your reflection"):
        raise TogetherError(problem)
    reflection = _save_reflection(person=person, time=time, text=text, shared=shared)
    log.info(
        "reflection saved bond=%s time=%s person=%s shared=%s", bond.pk, time.pk, person.pk, shared
    )
    return reflection


def reflection_unshare(*, person: Person, bond: Bond, time: QualityTime) -> int:
    """Take one's own reflection back to private. Allowed even while a bond rests."""
    count = Reflection.objects.filter(quality_time=time, person=person, shared=True).update(
        shared=False, updated_at=timezone.now()
    )
    if not count:
        raise TogetherError("Your reflection is already private.")
    log.info("reflection unshared bond=%s time=%s person=%s", bond.pk, time.pk, person.pk)
    return count


def reflection_delete(*, person: Person, bond: Bond, time: QualityTime) -> None:
    """Remove one's own reflection. Allowed even while a bond rests: what you wrote is yours."""
    count, _ = Reflection.objects.filter(quality_time=time, person=person).delete()
    if not count:
        raise TogetherError("There's no reflection of yours to remove.")
    log.info("reflection removed bond=%s time=%s person=%s", bond.pk, time.pk, person.pk)


# --- No-phone sessions -----------------------------------------------------------------


def _finish_session(
    session: NoPhoneSession, *, person: Person | None, end: datetime.datetime, forgotten: bool
) -> QualityTime:
    minutes = (
        forgotten_session_minutes(session.started_at, end)
        if forgotten
        else session_minutes(session.started_at, end)
    )
    time = QualityTime(
        # Never logged in the future, even if the session's clock was ahead.
        bond_id=session.bond_id,
        kind=session.kind,
        when=min(session.started_at, end),
        minutes=minutes,
        phones_away=True,
        status=QualityTime.Status.DONE,
        source=QualityTime.Source.NO_PHONE,
        created_by_id=session.started_by_id,
    )
    time.save()
    session.ended_at, session.ended_by, session.auto_closed, session.quality_time = (
        end,
        person,
        forgotten,
        time,
    )
    session.save(
        update_fields=["ended_at", "ended_by", "auto_closed", "quality_time", "updated_at"]
    )
    log.info(
        "no-phone ended bond=%s session=%s minutes=%s auto=%s",
        session.bond_id,
        session.pk,
        minutes,
        forgotten,
    )
    return time


@transaction.atomic
def session_current(*, bond: Bond, now: datetime.datetime | None = None) -> NoPhoneSession | None:
    """The bond's open session, after closing one that was left running.

    A session open for more than twelve hours was forgotten: it is closed and logged with
    a modest length. A session still open when the bond was paused or ended is closed at
    that moment, with the time that really passed.
    """
    now = now or timezone.now()
    session = selectors.open_session(bond)
    if session is None:
        return None
    if not bond.is_active:
        rest_began = (bond.ended_at if bond.status == BondStatus.ENDED else bond.paused_at) or now
        end = max(session.started_at, min(rest_began, now))
        _finish_session(session, person=None, end=end, forgotten=is_stale(session.started_at, end))
        return None
    if is_stale(session.started_at, now):
        _finish_session(session, person=None, end=now, forgotten=True)
        return None
    return session


def session_start(
    *,
    person: Person,
    bond: Bond,
    kind: str = ActivityKind.TOGETHER.value,
    now: datetime.datetime | None = None,
) -> NoPhoneSession:
    _require_active(bond)
    _check_kind(kind)
    now = now or timezone.now()
    if session_current(bond=bond, now=now) is not None:
        raise TogetherError("A no-phone session is already running. Join it, or end it first.")
    try:
        with transaction.atomic():
            session = NoPhoneSession.objects.create(
                bond=bond, kind=kind, started_by=person, started_at=now
            )
    except IntegrityError:  # the other person pressed Start a moment earlier
        raise TogetherError(
            "A no-phone session is already running. Join it, or end it first."
        ) from None
    log.info("no-phone started bond=%s session=%s person=%s", bond.pk, session.pk, person.pk)
    return session


def _locked_open_session(
    bond: Bond, session: NoPhoneSession, now: datetime.datetime
) -> NoPhoneSession:
    session = NoPhoneSession.objects.select_for_update().get(pk=session.pk)
    if session.ended_at is not None:
        raise TogetherError(
            "This no-phone session has already ended. It's in your list of times together."
        )
    if is_stale(session.started_at, now):
        _finish_session(session, person=None, end=now, forgotten=True)
        raise TogetherError(
            "This session was left running for over twelve hours, so it has been closed and logged."
        )
    return session


@transaction.atomic
def session_join(
    *, person: Person, bond: Bond, session: NoPhoneSession, now: datetime.datetime | None = None
) -> NoPhoneSession:
    _require_active(bond)
    now = now or timezone.now()
    session = _locked_open_session(bond, session, now)
    if session.started_by_id == person.pk or session.joined_by_id == person.pk:
        raise TogetherError("You're already in this session.")
    session.joined_by, session.joined_at = person, now
    session.save(update_fields=["joined_by", "joined_at", "updated_at"])
    log.info("no-phone joined bond=%s session=%s person=%s", bond.pk, session.pk, person.pk)
    return session


def session_end(
    *, person: Person, bond: Bond, session: NoPhoneSession, now: datetime.datetime | None = None
) -> QualityTime:
    _require_active(bond)
    now = now or timezone.now()
    try:
        with transaction.atomic():
            session = _locked_open_session(bond, session, now)
            return _finish_session(session, person=person, end=now, forgotten=False)
    except IntegrityError:
        raise TogetherError("This no-phone session has already ended.") from None


# --- The evening check-in ---------------------------------------------------------------


@transaction.atomic
def ritual_submit(
    *,
    person: Person,
    bond: Bond,
    day: datetime.date,
    high: str,
    low: str,
    feeling: str,
    now: datetime.datetime | None = None,
) -> RitualEntry:
    """Give (or, until both have, change) one's own high, low and feeling for the bond's day."""
    _require_active(bond)
    if day != bond_day(bond, now):
        raise TogetherError("That evening has passed. Here's today's check-in.")
    high, low, feeling = high.strip(), low.strip(), feeling.strip().lower()
    for text, what in ((high, "your high"), (low, "your low")):
        if problem := text_problem(text, limit=RITUAL_TEXT_MAX, what=what):
            raise TogetherError(problem)
    if not feeling or feelings_wheel().get(feeling) is None:
        raise TogetherError("Choose a feeling from the wheel.")
    ritual, _ = Ritual.objects.get_or_create(bond=bond, day=day)
    if selectors.is_revealed(ritual):
        raise TogetherError("You've both shared tonight, so these are settled now.")
    entry = RitualEntry.objects.filter(ritual=ritual, person=person).first() or RitualEntry(
        ritual=ritual, person=person
    )
    entry.payload = {"high": high, "low": low, "feeling": feeling}
    # Given with nobody else in the bond, it stays the author's even if someone joins.
    entry.written_alone = bond.memberships.count() < 2
    entry.full_clean(exclude=["payload_sealed"])
    entry.save()
    log.info("ritual entry saved bond=%s ritual=%s person=%s", bond.pk, ritual.pk, person.pk)
    return entry


@transaction.atomic
def ritual_share(
    *, person: Person, bond: Bond, day: datetime.date, now: datetime.datetime | None = None
) -> RitualEntry:
    """Share an evening check-in given before the other person joined. Only the author's choice."""
    _require_active(bond)
    if day != bond_day(bond, now):
        raise TogetherError("That evening has passed. Here's today's check-in.")
    entry = RitualEntry.objects.filter(
        ritual__bond=bond, ritual__day=day, person=person, written_alone=True
    ).first()
    if entry is None:
        raise TogetherError("There's nothing of yours waiting to be shared tonight.")
    if bond.memberships.count() < 2:
        raise TogetherError("There's nobody else in this bond yet to share it with.")
    entry.written_alone = False
    entry.save(update_fields=["written_alone", "updated_at"])
    log.info("solo ritual entry shared bond=%s person=%s", bond.pk, person.pk)
    return entry


# --- Leaving a bond --------------------------------------------------------------------


def forget_person_in_bond(*, person: Person, bond: Bond) -> None:
    """Remove what ``person`` wrote in this bond's time together, as they leave it.

    Their reflections and check-in entries go, and any name of a time they wrote (sealed
    with their key) is cleared. The shared facts (kinds, times, lengths) stay for the other.
    """
    forget_writing(person_id=person.pk, bond_id=bond.pk)


def forget_writing(*, person_id, bond_id) -> None:
    reflections, _ = Reflection.objects.filter(
        quality_time__bond_id=bond_id, person_id=person_id
    ).delete()
    entries, _ = RitualEntry.objects.filter(ritual__bond_id=bond_id, person_id=person_id).delete()
    QualityTime.objects.filter(bond_id=bond_id, title_author_id=person_id).update(
        title_sealed="", title_author=None
    )
    if reflections or entries:
        log.info(
            "writing removed on leave bond=%s person=%s reflections=%s entries=%s",
            bond_id,
            person_id,
            reflections,
            entries,
        )
