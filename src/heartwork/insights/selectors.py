"""Reads for insights, always for one member of a bond and only what they may see.

Only what both members can already see is read: check-ins shared in the bond, notes of
thanks, time together, prompts once revealed (heartwork.domain.reveal) and check-ups from
complete rounds. Feelings are counted from a tally of shared check-ins' cores kept on
write, so no check-in is opened here. The one private thing read is the viewer's *own*
"after a close moment" reflections, shown to them alone. Private check-ins, unrevealed or
alone-written answers, anyone's private reflections and the other's reflections are never
read here.

Every read is bounded by a window of weeks (``READ_DAYS``), aggregated by the database per
day in the viewer's own time zone, and each window is served by an index, so a bond with
five years of history costs about what one with a month does (bench/insights.py).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncDate, TruncWeek
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.appreciation.models import Note
from heartwork.bonds.models import Bond, Membership
from heartwork.bonds.selectors import members_of, name_bonds
from heartwork.checkins.models import CheckIn, SharedFeelingTally
from heartwork.checkup.models import ReflectionEntry
from heartwork.checkup.selectors import history as checkup_history
from heartwork.core.clock import person_zone
from heartwork.domain import insights as rules
from heartwork.domain.bonds import BondStatus, other_names
from heartwork.domain.charts import Column, bar_chart, week_label, week_start, week_starts
from heartwork.domain.feelings import feelings_wheel
from heartwork.domain.reveal import REVEAL_AT
from heartwork.insights.models import CircleSetting
from heartwork.prompts.models import Answer, PromptRound
from heartwork.together.models import QualityTime

# Long enough for the drift rule's weeks (complete weeks before this one) and the longest
# reciprocity window, whichever is longer.
READ_WEEKS = max(rules.BASELINE_WEEKS + rules.RECENT_WEEKS + 1, rules.WEEKS_SHOWN)
READ_DAYS = max(READ_WEEKS * 7, max(rules.RECIPROCITY_WINDOWS))
CHECKUPS_SHOWN = 12  # the latest check-ups drawn and read (about a year of monthly ones)
MOMENT = "moment"  # the "after a close moment" reflection (content/reflections.json)
DEPTHS = ((1, "light"), (2, "personal"), (3, "vulnerable"))


def _local_midnight(day: datetime.date, zone) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)


@dataclass
class Shared:
    """Per day (the viewer's date) and person: how many things were shared, and minutes."""

    notes: Counter = field(default_factory=Counter)  # (day, sender) -> n
    checkins: Counter = field(default_factory=Counter)  # (day, person) -> n
    times: Counter = field(default_factory=Counter)  # (day, logged by) -> n
    minutes: Counter = field(default_factory=Counter)  # day -> minutes
    away: Counter = field(default_factory=Counter)  # day -> minutes with phones away
    prompts: list = field(default_factory=list)  # (day, depth, first answerer) of revealed ones


def _read_shared(bond: Bond, member_ids: list, since: datetime.date, zone) -> Shared:
    start = _local_midnight(since, zone)
    now = timezone.now()
    shared = Shared()
    notes = (
        Note.objects.filter(bond=bond, created_at__gte=start, sender_id__in=member_ids)
        .annotate(d=TruncDate("created_at", tzinfo=zone))
        .values("d", "sender_id")
        .annotate(n=Count("id"))
    )
    for row in notes:
        shared.notes[(row["d"], row["sender_id"])] += row["n"]
    checkins = (
        # Whoever leaves a bond takes their shared check-ins back (checkins.services), so
        # the bond's shared check-ins are its members'; no person filter keeps the index.
        CheckIn.objects.filter(shared_with=bond, created_at__gte=start)
        .annotate(d=TruncDate("created_at", tzinfo=zone))
        .values("d", "person_id")
        .annotate(n=Count("id"))
    )
    for row in checkins:
        shared.checkins[(row["d"], row["person_id"])] += row["n"]
    times = (
        QualityTime.objects.filter(
            bond=bond, status=QualityTime.Status.DONE, when__gte=start, when__lte=now
        )
        .annotate(d=TruncDate("when", tzinfo=zone))
        .values("d", "created_by_id")
        .annotate(
            n=Count("id"),
            total=Sum("minutes"),
            away=Sum("minutes", filter=Q(phones_away=True)),
        )
    )
    for row in times:
        shared.times[(row["d"], row["created_by_id"])] += row["n"]
        shared.minutes[row["d"]] += row["total"] or 0
        shared.away[row["d"]] += row["away"] or 0
    # Prompt answers: only whether and who first, never the text. A round counts once
    # revealed (heartwork.domain.reveal.is_revealed: both members wrote while together),
    # decided by the database per round so a full window is one row a round, not two.
    if len(set(member_ids)) >= REVEAL_AT:
        first = Answer.objects.filter(round=OuterRef("pk")).order_by("created_at")
        revealed = (
            PromptRound.objects.filter(bond=bond, day__gte=since)
            .annotate(
                together=Count(
                    "answers__person",
                    distinct=True,
                    filter=Q(answers__written_alone=False, answers__person_id__in=member_ids),
                ),
                first=Subquery(first.values("person_id")[:1]),
            )
            .filter(together__gte=len(set(member_ids)))
            .values_list("day", "depth", "first")
        )
        shared.prompts.extend(revealed)
    return shared


@dataclass(frozen=True)
class Series:
    """A chart with its data as rows, for the template (SVG plus a table)."""

    layout: rules.Chart
    rows: list  # (week start, value, value…)
    direction: rules.Direction | None
    active: int  # weeks with anything in them


@dataclass(frozen=True)
class BondInsights:
    weeks: list[datetime.date]
    other_name: str
    feelings: Series
    feeling_cores: tuple[str, ...]
    notes: Series
    time: Series
    phones_away_share: int | None
    prompts: Series
    deepest: int | None
    checkups: list  # (date, my mean now, their mean now)
    checkup_chart: rules.Chart | None
    checkup_direction: rules.Direction | None
    moments: list  # (date, score) of my own reflections
    moment_chart: rules.Chart | None
    moment_direction: rules.Direction | None
    balances: list  # (window days, [Balance])
    leaning: list  # (Balance, words) from the longest window
    together_days: int
    drift: rules.Drift | None


def _mean_now(scores: dict) -> int | None:
    values = [now for now, _ in scores.values() if now is not None]
    return round(sum(values) / len(values)) if values else None


def _feelings(bond: Bond, since: datetime.date, zone, today: datetime.date):
    """Core feelings named in check-ins shared in this bond, per week, read from the tally
    kept on write (heartwork.checkins.models.SharedFeelingTally): no check-in is opened,
    and the database sums quarters into the viewer's weeks (Monday to Sunday, their zone)."""
    wheel = feelings_wheel()
    starts = week_starts(today, rules.WEEKS_SHOWN)
    counts: dict[datetime.date, Counter] = {s: Counter() for s in starts}
    days = (
        SharedFeelingTally.objects.filter(bond=bond, quarter__gte=_local_midnight(since, zone))
        .annotate(w=TruncWeek("quarter", tzinfo=zone))
        .values("w", "core")
        .annotate(n=Sum("count"))
    )
    for row in days:
        monday = row["w"].astimezone(zone).date()
        if monday in counts:
            counts[monday][row["core"]] += row["n"]
    rows = [(s, *(counts[s][core] for core in wheel.cores)) for s in starts]
    return wheel.cores, rows


def bond_insights(person: Person, bond: Bond, *, today: datetime.date | None = None):
    """Everything the insights page shows for ``person`` in ``bond`` (a member: the view
    has called bond_for_member)."""
    zone = person_zone(person)
    today = today or timezone.localdate(timezone=zone)
    members = members_of([bond.pk]).get(bond.pk, [])
    member_ids = [m.person_id for m in members]
    names = other_names(members, person.pk)
    other_name = names[0] if names else ""
    together_since = (
        max(m.joined_at for m in members).astimezone(zone).date() if len(members) > 1 else today
    )
    since = week_start(today) - datetime.timedelta(weeks=READ_WEEKS - 1)
    since = min(since, today - datetime.timedelta(days=READ_DAYS - 1))
    shown = week_starts(today, rules.WEEKS_SHOWN)
    shared = _read_shared(bond, member_ids, since, zone)

    def by_week(counter: Counter, who=None) -> dict[datetime.date, int]:
        out: Counter = Counter()
        for key, n in counter.items():
            day, person_id = key if isinstance(key, tuple) else (key, None)
            if who is None or person_id == who or (who == "other" and person_id != person.pk):
                out[week_start(day)] += n
        return out

    def rows_of(*series: dict[datetime.date, int]) -> list:
        return [(s, *(d.get(s, 0) for d in series)) for s in shown]

    # Feelings shared (both members' shared check-ins), stacked by core.
    cores, feeling_rows = _feelings(bond, shown[0], zone, today)
    feeling_layout = bar_chart(
        [Column(week_label(r[0]), tuple(zip(cores, r[1:], strict=True))) for r in feeling_rows],
        stacked=True,
        label_every=3,
    )
    feeling_totals = [sum(r[1:]) for r in feeling_rows]
    feelings = Series(
        feeling_layout,
        feeling_rows,
        rules.direction(feeling_totals),
        rules.active_weeks(feeling_totals),
    )

    # Notes given and received.
    notes_given = by_week(shared.notes, person.pk)
    notes_received = by_week(shared.notes, "other")
    note_rows = rows_of(notes_given, notes_received)
    note_totals = [r[1] + r[2] for r in note_rows]
    notes = Series(
        rules.pair_chart(note_rows, series=("given", "received"), stacked=False),
        note_rows,
        rules.direction(note_totals),
        rules.active_weeks(note_totals),
    )

    # Time together: minutes, and the phones-away part.
    minutes, away = by_week(shared.minutes), by_week(shared.away)
    time_weeks = [rules.TimeWeek(s, minutes.get(s, 0), away.get(s, 0)) for s in shown]
    time_totals = [w.minutes for w in time_weeks]
    time = Series(
        rules.time_chart(time_weeks),
        [(w.start, w.minutes, w.phones_away_minutes, w.phones_away_share) for w in time_weeks],
        rules.direction(time_totals),
        rules.active_weeks(time_totals),
    )

    # Prompts revealed, by depth.
    depth_weeks: dict[int, Counter] = {d: Counter() for d, _ in DEPTHS}
    for day, depth, _ in shared.prompts:
        depth_weeks.setdefault(depth, Counter())[week_start(day)] += 1
    prompt_rows = rows_of(*(depth_weeks[d] for d, _ in DEPTHS))
    prompt_totals = [sum(r[1:]) for r in prompt_rows]
    prompts = Series(
        bar_chart(
            [
                Column(week_label(r[0]), tuple(zip((n for _, n in DEPTHS), r[1:], strict=True)))
                for r in prompt_rows
            ],
            stacked=True,
            label_every=3,
        ),
        prompt_rows,
        rules.direction(prompt_totals),
        rules.active_weeks(prompt_totals),
    )
    in_view = [depth for day, depth, _ in shared.prompts if day >= shown[0]]
    deepest = max(in_view) if in_view else None

    # Check-ups over time: my "now" (average over kinds) and theirs from complete rounds.
    checkups = [
        (
            row.taken_at.astimezone(zone).date(),
            _mean_now(row.mine),
            _mean_now(row.theirs) if row.theirs is not None else None,
        )
        # The latest few only: a bond's page costs the same whatever its age.
        for row in checkup_history(person, bond, last=CHECKUPS_SHOWN)
    ]
    checkup_chart = rules.point_chart(checkups, series=("me", "them")) if checkups else None

    # My own "after a close moment" reflections: theirs are never read.
    moments = [
        (created_at.astimezone(zone).date(), score)
        for created_at, score in ReflectionEntry.objects.filter(
            bond=bond, person=person, kind=MOMENT, score__isnull=False
        )
        .order_by("-created_at")
        .values_list("created_at", "score")[:12]
    ][::-1]
    moment_chart = (
        rules.point_chart([(d, s, None) for d, s in moments], series=("me", "them"))
        if moments
        else None
    )

    # Who starts things, over 30 and 90 days.
    together_days = (today - together_since).days if len(members) > 1 else 0
    starts = {
        "prompts": [(first, day) for day, _, first in shared.prompts],
        "notes": [(who, day) for (day, who), n in shared.notes.items() for _ in range(n)],
        "checkins": [(who, day) for (day, who), n in shared.checkins.items() for _ in range(n)],
        "time": [(who, day) for (day, who), n in shared.times.items() for _ in range(n) if who],
    }
    balances = []
    for days in rules.RECIPROCITY_WINDOWS:
        found = []
        for kind, kind_starts in starts.items():
            mine, theirs = rules.starts_in_window(
                kind_starts, viewer=person.pk, today=today, days=days
            )
            item = rules.balance(kind, mine, theirs, history_days=together_days)
            if item is not None:
                found.append(item)
        balances.append((days, found))
    longest = balances[-1][1] if balances else []
    leaning = [(b, rules.lean_words(b, other_name)) for b in longest if b.lean != "shared"]

    # Drift: complete weeks since both were in the bond, oldest first.
    all_weeks = week_starts(today, READ_WEEKS)[:-1]
    first_full = week_start(together_since) + datetime.timedelta(weeks=1)
    contact: Counter = Counter()
    for counter in (shared.notes, shared.checkins, shared.times):
        for (day, _), n in counter.items():
            contact[week_start(day)] += n
    for day, _, _ in shared.prompts:
        contact[week_start(day)] += 1
    weekly = [contact[w] for w in all_weeks if w >= first_full] if len(members) > 1 else []

    return BondInsights(
        weeks=shown,
        other_name=other_name,
        feelings=feelings,
        feeling_cores=cores,
        notes=notes,
        time=time,
        phones_away_share=rules.phones_away_share(time_weeks),
        prompts=prompts,
        deepest=deepest,
        checkups=checkups,
        checkup_chart=checkup_chart,
        checkup_direction=rules.points_direction([mine for _, mine, _ in checkups]),
        moments=moments,
        moment_chart=moment_chart,
        moment_direction=rules.points_direction([s for _, s in moments]),
        balances=balances,
        leaning=leaning,
        together_days=together_days,
        drift=rules.drift(weekly),
    )


@dataclass(frozen=True)
class BondSummary:
    """The two plain lines on the bond page's insights card."""

    minutes_this_week: int
    notes_this_month: int


def bond_summary(person: Person, bond: Bond, *, today: datetime.date | None = None):
    """Time together this week and notes of thanks (either way) this month, in the viewer's
    zone: two aggregates, whatever the bond's age. The caller has checked membership."""
    zone = person_zone(person)
    today = today or timezone.localdate(timezone=zone)
    minutes = QualityTime.objects.filter(
        bond=bond,
        status=QualityTime.Status.DONE,
        when__gte=_local_midnight(week_start(today), zone),
        when__lte=timezone.now(),
    ).aggregate(total=Sum("minutes"))["total"]
    notes = Note.objects.filter(
        bond=bond, created_at__gte=_local_midnight(today.replace(day=1), zone)
    ).count()
    return BondSummary(minutes_this_week=minutes or 0, notes_this_month=notes)


# --- Keep your circle warm --------------------------------------------------------------


def circle_setting(person: Person, bond: Bond) -> tuple[int, datetime.date | None]:
    """(cadence in days, resting until) for this person's membership of ``bond``."""
    setting = CircleSetting.objects.filter(membership__bond=bond, membership__person=person).first()
    if setting is None:
        return rules.default_cadence(bond.kind), None
    return setting.cadence, setting.resting_until


@dataclass(frozen=True)
class CircleRow:
    """One of my bonds on the "keep your circle warm" page."""

    bond: Bond  # named as the viewer calls it
    other_name: str
    kind: str
    together: bool  # someone else is in the bond
    together_since: datetime.date | None
    last_connected: datetime.datetime | None  # in the viewer's zone
    cadence: int
    resting_until: datetime.date | None
    quiet_days: int | None  # days since, once past the cadence; else None
    days_since: int | None = None  # whole days since last_connected, in the viewer's zone


def _last_connected(bond_ids: list) -> dict:
    """Bond id -> when the latest thing its members share was made: a note either way, a
    check-in shared in the bond, time together that happened, or a prompt both answered
    together (at the second answer, the reveal: heartwork.domain.reveal). Private
    check-ins, answers not yet revealed and reflections never count."""
    last: dict = {}

    def seen(rows) -> None:
        for bond_id, when in rows:
            if when is not None and (bond_id not in last or when > last[bond_id]):
                last[bond_id] = when

    seen(
        Note.objects.filter(bond_id__in=bond_ids)
        .values("bond_id")
        .annotate(last=Max("created_at"))
        .values_list("bond_id", "last")
    )
    seen(
        CheckIn.objects.filter(shared_with_id__in=bond_ids)
        .values("shared_with_id")
        .annotate(last=Max("created_at"))
        .values_list("shared_with_id", "last")
    )
    seen(
        QualityTime.objects.filter(
            bond_id__in=bond_ids, status=QualityTime.Status.DONE, when__lte=timezone.now()
        )
        .values("bond_id")
        .annotate(last=Max("when"))
        .values_list("bond_id", "last")
    )
    # A round is revealed once both members answered while both were there (written
    # together); whoever left took their answers with them, so two such people are both.
    together_answers = Answer.objects.filter(round__bond_id__in=bond_ids, written_alone=False)
    revealed = (
        together_answers.values("round_id")
        .annotate(people=Count("person_id", distinct=True))
        .filter(people__gte=2)
        .values("round_id")
    )
    seen(
        together_answers.filter(round_id__in=revealed)
        .values("round__bond_id")
        .annotate(last=Max("created_at"))
        .values_list("round__bond_id", "last")
    )
    return last


def _circle(person: Person, zone, *, active_only: bool) -> list[CircleRow]:
    memberships = Membership.objects.filter(person=person).select_related("bond")
    if active_only:
        memberships = memberships.filter(bond__status=BondStatus.ACTIVE)
    memberships = list(memberships)
    if not memberships:
        return []
    settings = {
        s.membership_id: s
        for s in CircleSetting.objects.filter(membership__in=[m.pk for m in memberships])
    }
    bond_ids = [m.bond_id for m in memberships]
    members = members_of(bond_ids)
    last = _last_connected(bond_ids)
    named = {b.pk: b for b in name_bonds(person, [m.bond for m in memberships])}
    rows = []
    for membership in memberships:
        bond = named[membership.bond_id]
        setting = settings.get(membership.pk)
        in_bond = members.get(bond.pk, [])
        together = len(in_bond) > 1
        when = last.get(bond.pk)
        rows.append(
            CircleRow(
                bond=bond,
                other_name=(other_names(in_bond, person.pk) or [""])[0],
                kind=bond.kind,
                together=together,
                together_since=(
                    max(m.joined_at for m in in_bond).astimezone(zone).date() if together else None
                ),
                last_connected=when.astimezone(zone) if when else None,
                cadence=setting.cadence if setting else rules.default_cadence(bond.kind),
                resting_until=setting.resting_until if setting else None,
                quiet_days=None,
            )
        )
    return rows


def _as_circles(rows: list[CircleRow]) -> list[rules.Circle]:
    return [
        rules.Circle(
            bond_id=row.bond.pk,
            bond_name=row.bond.name,
            other_name=row.other_name,
            kind=row.kind,
            together_since=row.together_since,
            last_contact=row.last_connected.date() if row.last_connected else None,
            cadence=row.cadence,
            resting_until=row.resting_until,
        )
        for row in rows
        if row.together_since is not None
    ]


def circle_list(person: Person, *, today: datetime.date | None = None) -> list[CircleRow]:
    """Each of my active bonds, with when we last connected and my cadence for it; the ones
    quiet past their cadence say for how long (heartwork.domain.insights.quiet_days)."""
    zone = person_zone(person)
    today = today or timezone.localdate(timezone=zone)
    rows = _circle(person, zone, active_only=True)
    circles = {c.bond_id: c for c in _as_circles(rows)}
    found = []
    for row in rows:
        circle = circles.get(row.bond.pk)
        quiet = None
        if circle is not None and row.cadence > 0:
            days = rules.quiet_days(circle, today)
            quiet = days if days >= row.cadence else None
        since = (today - row.last_connected.date()).days if row.last_connected else None
        found.append(dataclasses.replace(row, quiet_days=quiet, days_since=since))
    return found


def circle_idea(person: Person, today: datetime.date | None = None) -> rules.CircleIdea | None:
    """One quiet bond of this person's, or None (contact as in ``_last_connected``)."""
    zone = person_zone(person)
    today = today or timezone.localdate(timezone=zone)
    rows = [r for r in _circle(person, zone, active_only=True) if r.cadence > 0]
    if not rows:
        return None
    return rules.circle_idea(_as_circles(rows), today=today)
