"""Insights in the API: the numbers behind a bond's insights page, and "keep your circle
warm" (the one setting insights keep).

Only what the page reads is read (heartwork.insights.selectors): what both members can
already see, plus the caller's own "after a close moment" results, which the other never
gets. The charts are the page's; the API gives their numbers, week by week.
"""

from __future__ import annotations

import datetime
import uuid

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import Field

from heartwork.api.common import responses
from heartwork.bonds.selectors import bond_for_member
from heartwork.domain import insights as rules
from heartwork.domain.insights import CADENCE_LABELS, CADENCES
from heartwork.insights import selectors, services
from heartwork.insights.selectors import DEPTHS

router = Router(tags=["insights"])

_CIRCLE = "/bonds/{uuid:bond_id}/insights/circle"


class DirectionOut(Schema):
    direction: str = Field(description="more, fewer or steady")
    earlier: float
    later: float
    words: str


class FeelingWeekOut(Schema):
    week: datetime.date = Field(description="The Monday the week starts, in my time zone.")
    counts: dict[str, int] = Field(description="Core feeling -> times named that week.")


class NotesWeekOut(Schema):
    week: datetime.date
    given: int
    received: int


class TimeWeekOut(Schema):
    week: datetime.date
    minutes: int
    phones_away_minutes: int
    phones_away_share: int | None = Field(description="Per cent; null in a week with no time.")


class PromptsWeekOut(Schema):
    week: datetime.date
    counts: dict[str, int] = Field(description="Depth (light, personal, vulnerable) -> prompts.")


class SeriesOut(Schema):
    direction: DirectionOut | None = Field(description="Null until three weeks have anything.")
    active_weeks: int


class FeelingsOut(SeriesOut):
    cores: list[str]
    weeks: list[FeelingWeekOut]


class NotesOut(SeriesOut):
    weeks: list[NotesWeekOut]


class TimeTogetherOut(SeriesOut):
    weeks: list[TimeWeekOut]
    phones_away_share: int | None = Field(description="Per cent of all the time shown.")


class PromptsOut(SeriesOut):
    weeks: list[PromptsWeekOut]
    deepest: str | None = Field(description="The deepest we went together in these weeks.")


class CheckupPointOut(Schema):
    day: datetime.date
    mine: int | None = Field(description="My 'now', averaged over the kinds (0 to 100).")
    theirs: int | None = Field(description="Theirs, only from check-ups both completed.")


class CheckupsOut(Schema):
    points: list[CheckupPointOut]
    direction: DirectionOut | None


class MomentOut(Schema):
    day: datetime.date
    score: int


class MomentsOut(Schema):
    points: list[MomentOut] = Field(description="My own results alone: never the other's.")
    direction: DirectionOut | None


class BalanceOut(Schema):
    kind: str = Field(description="prompts, notes, checkins or time")
    label: str
    mine: int
    theirs: int
    my_share: int = Field(description="Per cent started by me.")
    lean: str = Field(description="me, them or shared")


class WindowOut(Schema):
    days: int
    balances: list[BalanceOut] = Field(description="Empty: too little to say how it's shared.")


class LeaningOut(Schema):
    kind: str
    words: str


class DriftOut(Schema):
    usual: float = Field(description="Things shared in a usual week.")
    recent: list[int] = Field(description="The recent weeks, oldest first.")


class CircleSettingOut(Schema):
    cadence: int = Field(description="Quiet days before Today offers one idea; 0 is never.")
    label: str
    resting_until: datetime.date | None = Field(description="'Not now' until this day.")
    choices: list[int] = Field(description="The cadences to choose from.")


class SummaryOut(Schema):
    minutes_this_week: int = Field(description="Time together this week (the bond card).")
    notes_this_month: int = Field(description="Notes of thanks, either way, this month.")


class InsightsOut(Schema):
    other_name: str
    summary: SummaryOut
    weeks: list[datetime.date] = Field(description="The weeks shown, oldest first.")
    feelings: FeelingsOut
    notes: NotesOut
    time: TimeTogetherOut
    prompts: PromptsOut
    checkups: CheckupsOut
    moments: MomentsOut
    together_days: int
    min_history_days: int = Field(description="Who starts things shows after this many days.")
    starts: list[WindowOut]
    leaning: list[LeaningOut]
    drift: DriftOut | None = Field(description="Quieter than this bond's own usual, or null.")
    circle: CircleSettingOut


class CircleRowOut(Schema):
    bond_id: uuid.UUID
    bond_name: str
    other_name: str
    kind: str
    together: bool
    together_since: datetime.date | None
    last_connected: datetime.datetime | None
    days_since: int | None
    quiet_days: int | None = Field(description="Days quiet, once past the cadence; else null.")
    cadence: int
    resting_until: datetime.date | None


class CadenceIn(Schema):
    cadence: int = Field(description="One of the choices: 0, 14, 21, 30 or 60 days.")


def _direction(found) -> DirectionOut | None:
    if found is None:
        return None
    return DirectionOut(
        direction=found.direction, earlier=found.earlier, later=found.later, words=found.words
    )


def _setting(person, bond) -> CircleSettingOut:
    cadence, resting = selectors.circle_setting(person, bond)
    today = timezone.localdate()
    return CircleSettingOut(
        cadence=cadence,
        label=CADENCE_LABELS.get(cadence, ""),
        resting_until=resting if resting and resting > today else None,
        choices=list(CADENCES),
    )


@router.get("/bonds/{uuid:bond_id}/insights", response=responses(InsightsOut), summary="Insights")
def bond_insights(request: HttpRequest, bond_id: uuid.UUID):
    person = request.user
    bond = bond_for_member(person, bond_id)
    i = selectors.bond_insights(person, bond, today=timezone.localdate())
    depth_names = [name for _, name in DEPTHS]
    deepest = dict(DEPTHS).get(i.deepest) if i.deepest else None
    summary = selectors.bond_summary(person, bond, today=timezone.localdate())
    return InsightsOut(
        other_name=i.other_name,
        summary=SummaryOut(
            minutes_this_week=summary.minutes_this_week, notes_this_month=summary.notes_this_month
        ),
        weeks=i.weeks,
        feelings=FeelingsOut(
            cores=list(i.feeling_cores),
            weeks=[
                FeelingWeekOut(week=r[0], counts=dict(zip(i.feeling_cores, r[1:], strict=True)))
                for r in i.feelings.rows
            ],
            direction=_direction(i.feelings.direction),
            active_weeks=i.feelings.active,
        ),
        notes=NotesOut(
            weeks=[NotesWeekOut(week=r[0], given=r[1], received=r[2]) for r in i.notes.rows],
            direction=_direction(i.notes.direction),
            active_weeks=i.notes.active,
        ),
        time=TimeTogetherOut(
            weeks=[
                TimeWeekOut(
                    week=r[0], minutes=r[1], phones_away_minutes=r[2], phones_away_share=r[3]
                )
                for r in i.time.rows
            ],
            phones_away_share=i.phones_away_share,
            direction=_direction(i.time.direction),
            active_weeks=i.time.active,
        ),
        prompts=PromptsOut(
            weeks=[
                PromptsWeekOut(week=r[0], counts=dict(zip(depth_names, r[1:], strict=True)))
                for r in i.prompts.rows
            ],
            deepest=deepest,
            direction=_direction(i.prompts.direction),
            active_weeks=i.prompts.active,
        ),
        checkups=CheckupsOut(
            points=[CheckupPointOut(day=d, mine=m, theirs=t) for d, m, t in i.checkups],
            direction=_direction(i.checkup_direction),
        ),
        moments=MomentsOut(
            points=[MomentOut(day=d, score=s) for d, s in i.moments],
            direction=_direction(i.moment_direction),
        ),
        together_days=i.together_days,
        min_history_days=rules.MIN_HISTORY_DAYS,
        starts=[
            WindowOut(
                days=days,
                balances=[
                    BalanceOut(
                        kind=b.kind,
                        label=rules.KIND_LABELS.get(b.kind, b.kind),
                        mine=b.mine,
                        theirs=b.theirs,
                        my_share=b.my_share,
                        lean=b.lean,
                    )
                    for b in found
                ],
            )
            for days, found in i.balances
        ],
        leaning=[LeaningOut(kind=b.kind, words=words) for b, words in i.leaning],
        drift=DriftOut(usual=i.drift.usual, recent=list(i.drift.recent)) if i.drift else None,
        circle=_setting(person, bond),
    )


@router.get("/circle", response=responses(list[CircleRowOut]), summary="Keep your circle warm")
def circle_list(request: HttpRequest):
    return [
        CircleRowOut(
            bond_id=row.bond.pk,
            bond_name=row.bond.name,
            other_name=row.other_name,
            kind=row.kind,
            together=row.together,
            together_since=row.together_since,
            last_connected=row.last_connected,
            days_since=row.days_since,
            quiet_days=row.quiet_days,
            cadence=row.cadence,
            resting_until=row.resting_until,
        )
        for row in selectors.circle_list(request.user, today=timezone.localdate())
    ]


@router.patch(_CIRCLE, response=responses(CircleSettingOut), summary="How quiet before an idea")
def circle_cadence(request: HttpRequest, bond_id: uuid.UUID, payload: CadenceIn):
    bond = bond_for_member(request.user, bond_id)
    services.circle_cadence_set(person=request.user, bond=bond, cadence=payload.cadence)
    return _setting(request.user, bond)


@router.post(_CIRCLE + "/rest", response=responses(CircleSettingOut), summary="Not now")
def circle_rest(request: HttpRequest, bond_id: uuid.UUID):
    bond = bond_for_member(request.user, bond_id)
    services.circle_rest(person=request.user, bond=bond, today=timezone.localdate())
    return _setting(request.user, bond)
