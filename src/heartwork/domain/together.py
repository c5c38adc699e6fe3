"""Quality time and rituals: the ideas list, and the plain rules for logging time together.

The ideas live in ``content/together_ideas.json`` and are validated when loaded. The rules
(what counts as a sensible length or date, how long a no-phone session ran, when one was
left open too long) are plain functions over plain values, so they are tested alone.
"""

from __future__ import annotations

import datetime
import enum
import math
import re
from dataclasses import dataclass, field
from functools import cache

from heartwork.domain.bonds import BondKind
from heartwork.domain.content_files import ContentError, read_content_json

MINUTES_MIN, MINUTES_MAX = 1, 24 * 60
TITLE_MAX = 80
REFLECTION_MAX = 1000
RITUAL_TEXT_MAX = 280
PLAN_AHEAD = datetime.timedelta(days=366)  # how far ahead a time can be planned
LOG_BACK = datetime.timedelta(days=366)  # how far back a time can be logged

# A no-phone session still open after this long was surely forgotten: the next time
# anyone looks, it is closed and logged with a modest length instead of the whole gap.
SESSION_STALE_AFTER = datetime.timedelta(hours=12)
FORGOTTEN_SESSION_MINUTES = 120

# From this local hour, the Today page mentions the evening check-in.
EVENING_FROM = datetime.time(17, 0)

MIN_IDEAS = 60
IDEA_TITLE_MAX = 60
IDEA_DESCRIPTION_MAX = 240
_ID_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ActivityKind(enum.StrEnum):
    CONVERSATION = "conversation"
    DATE = "date"
    WALK = "walk"
    COOKING = "cooking"
    GAME = "game"
    NEW_EXPERIENCE = "new-experience"
    LAUGHTER = "laughter"
    TOGETHER = "together"  # no activity in mind: just being together (no-phone time's default)
    OTHER = "other"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def phrase(self) -> str:
        """What to call a time of this kind that has no name of its own."""
        return _KIND_PHRASES[self]


_KIND_PHRASES = {
    ActivityKind.CONVERSATION: "A real conversation",
    ActivityKind.DATE: "A date",
    ActivityKind.WALK: "A walk together",
    ActivityKind.COOKING: "Cooking together",
    ActivityKind.GAME: "A game together",
    ActivityKind.NEW_EXPERIENCE: "Trying something new",
    ActivityKind.LAUGHTER: "A good laugh",
    ActivityKind.TOGETHER: "Just being together",
    ActivityKind.OTHER: "Time together",
}

_KIND_LABELS = {
    ActivityKind.CONVERSATION: "Conversation",
    ActivityKind.DATE: "Date",
    ActivityKind.WALK: "Walk",
    ActivityKind.COOKING: "Cooking",
    ActivityKind.GAME: "Game",
    ActivityKind.NEW_EXPERIENCE: "Something new",
    ActivityKind.LAUGHTER: "Laughter",
    ActivityKind.TOGETHER: "Just together",
    ActivityKind.OTHER: "Something else",
}


class Cost(enum.StrEnum):
    FREE = "free"
    LOW = "low"
    SOME = "some"

    @property
    def label(self) -> str:
        return _COST_LABELS[self]


_COST_LABELS = {Cost.FREE: "Free", Cost.LOW: "Costs a little", Cost.SOME: "Worth saving for"}
_COST_ORDER = {Cost.FREE: 0, Cost.LOW: 1, Cost.SOME: 2}

# Ideas are tagged for these kinds of bond; a bond of kind "other" uses the friend set.
IDEA_KINDS = (BondKind.PARTNER, BondKind.FRIEND, BondKind.FAMILY, BondKind.COLLEAGUE)


def idea_kind_for(kind: BondKind) -> BondKind:
    return BondKind.FRIEND if kind is BondKind.OTHER else kind


@dataclass(frozen=True, slots=True)
class Idea:
    id: str
    title: str
    description: str
    kind: ActivityKind
    cost: Cost
    at_home: bool
    kinds: frozenset[BondKind]
    minutes: int

    def suits(self, bond_kind: BondKind) -> bool:
        return idea_kind_for(bond_kind) in self.kinds

    def costs_at_most(self, cost: Cost) -> bool:
        return _COST_ORDER[self.cost] <= _COST_ORDER[cost]


@dataclass(frozen=True)
class IdeaLibrary:
    ideas: tuple[Idea, ...]
    by_id: dict[str, Idea] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {i.id: i for i in self.ideas})

    def __len__(self) -> int:
        return len(self.ideas)

    def get(self, idea_id: str) -> Idea | None:
        return self.by_id.get(idea_id)

    def filter(
        self,
        *,
        kind: ActivityKind | None = None,
        max_cost: Cost | None = None,
        at_home: bool | None = None,
        bond_kind: BondKind | None = None,
    ) -> tuple[Idea, ...]:
        """The ideas matching every filter given; a filter left as None lets all through."""
        return tuple(
            idea
            for idea in self.ideas
            if (kind is None or idea.kind is kind)
            and (max_cost is None or idea.costs_at_most(max_cost))
            and (at_home is None or idea.at_home is at_home)
            and (bond_kind is None or idea.suits(bond_kind))
        )


# --- Loading and validation ------------------------------------------------------------


def parse_idea(raw: object, where: str) -> Idea:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: each idea must be an object")
    try:
        idea_id, title, description = raw["id"], raw["title"], raw["description"]
        kind_raw, cost_raw, at_home, kinds_raw, minutes = (
            raw["kind"],
            raw["cost"],
            raw["at_home"],
            raw["kinds"],
            raw["minutes"],
        )
    except KeyError as missing:
        raise ContentError(f"{where}: missing field {missing}") from None
    problems = []
    if not isinstance(idea_id, str) or not _ID_SHAPE.match(idea_id):
        problems.append(f"id {idea_id!r} must be lowercase words joined by hyphens")
    if not isinstance(title, str) or not title.strip():
        problems.append("title is empty")
    elif len(title) > IDEA_TITLE_MAX:
        problems.append(f"title is longer than {IDEA_TITLE_MAX} characters")
    if not isinstance(description, str) or not description.strip():
        problems.append("description is empty")
    elif len(description) > IDEA_DESCRIPTION_MAX:
        problems.append(f"description is longer than {IDEA_DESCRIPTION_MAX} characters")
    try:
        kind = ActivityKind(kind_raw)
    except ValueError:
        problems.append(
            f"kind {kind_raw!r} is not one of {', '.join(k.value for k in ActivityKind)}"
        )
        kind = None
    try:
        cost = Cost(cost_raw)
    except ValueError:
        problems.append(f"cost {cost_raw!r} is not free, low or some")
        cost = None
    if not isinstance(at_home, bool):
        problems.append("at_home must be true or false")
    kinds: frozenset[BondKind] = frozenset()
    if not isinstance(kinds_raw, list) or not kinds_raw:
        problems.append("kinds must list partner, friend, family or colleague")
    else:
        try:
            kinds = frozenset(BondKind(k) for k in kinds_raw)
        except ValueError:
            problems.append(
                f"kinds {kinds_raw!r} may only hold partner, friend, family or colleague"
            )
        if BondKind.OTHER in kinds:
            problems.append("kinds may not list 'other' (it uses the friend ideas)")
    if (
        isinstance(minutes, bool)
        or not isinstance(minutes, int)
        or not MINUTES_MIN <= minutes <= MINUTES_MAX
    ):
        problems.append(
            f"minutes {minutes!r} must be a whole number from {MINUTES_MIN} to {MINUTES_MAX}"
        )
    if problems or kind is None or cost is None:
        raise ContentError(f"{where} ({idea_id}): " + "; ".join(problems))
    return Idea(idea_id, title.strip(), description.strip(), kind, cost, at_home, kinds, minutes)


def build_ideas(data: object) -> IdeaLibrary:
    if (
        not isinstance(data, dict)
        or data.get("version") != 1
        or not isinstance(data.get("ideas"), list)
    ):
        raise ContentError("the ideas file needs version 1 and a list of ideas")
    ideas: list[Idea] = []
    seen_ids: set[str] = set()
    seen_titles: set[str] = set()
    for index, raw in enumerate(data["ideas"]):
        idea = parse_idea(raw, f"ideas[{index}]")
        if idea.id in seen_ids:
            raise ContentError(f"ideas[{index}]: duplicate id {idea.id}")
        if idea.title.lower() in seen_titles:
            raise ContentError(f"ideas[{index}]: duplicate title {idea.title!r}")
        seen_ids.add(idea.id)
        seen_titles.add(idea.title.lower())
        ideas.append(idea)
    library = IdeaLibrary(tuple(ideas))
    check_coverage(library)
    return library


def check_coverage(library: IdeaLibrary) -> None:
    """The list as a whole must offer something for everyone, whatever their budget."""
    if len(library) < MIN_IDEAS:
        raise ContentError(f"there are {len(library)} ideas; at least {MIN_IDEAS} are needed")
    missing = [k.value for k in ActivityKind if not library.filter(kind=k)]
    if missing:
        raise ContentError(f"no ideas of kind {', '.join(missing)}")
    for bond_kind in IDEA_KINDS:
        if not library.filter(bond_kind=bond_kind, max_cost=Cost.FREE, at_home=True):
            raise ContentError(f"no free ideas at home for {bond_kind.value} bonds")


@cache
def idea_library() -> IdeaLibrary:
    return build_ideas(read_content_json("together_ideas.json"))


# --- Rules for logging time ------------------------------------------------------------


def minutes_problem(minutes: object) -> str | None:
    if (
        isinstance(minutes, bool)
        or not isinstance(minutes, int)
        or not MINUTES_MIN <= minutes <= MINUTES_MAX
    ):
        return f"Choose a length from {MINUTES_MIN} minute to {MINUTES_MAX} minutes (a whole day)."
    return None


def when_problem(when: datetime.datetime, now: datetime.datetime) -> str | None:
    if when > now + PLAN_AHEAD:
        return "That's more than a year away. Choose a date within the next twelve months."
    if when < now - LOG_BACK:
        return "That's more than a year ago. Choose a date within the past twelve months."
    return None


def is_planned(when: datetime.datetime, now: datetime.datetime) -> bool:
    """A time in the future is a plan; anything up to now has happened."""
    return when > now


def text_problem(text: str, *, limit: int, what: str) -> str | None:
    if not text.strip():
        return f"Write a few words for {what}."
    if len(text) > limit:
        return f"Keep {what} to {limit} characters or fewer."
    return None


# --- No-phone sessions -----------------------------------------------------------------

# A session that claims to start this far in the future was started under a wrong clock
# (since corrected); it is closed rather than left blocking new sessions for hours.
CLOCK_SKEW_TOLERANCE = datetime.timedelta(minutes=10)


def is_stale(started_at: datetime.datetime, now: datetime.datetime) -> bool:
    """Left running too long, or started under a clock that has since stepped back."""
    return now - started_at > SESSION_STALE_AFTER or started_at - now > CLOCK_SKEW_TOLERANCE


def session_minutes(started_at: datetime.datetime, ended_at: datetime.datetime) -> int:
    """Whole minutes a session ran (at least one), never more than the stale limit."""
    seconds = max(0.0, (ended_at - started_at).total_seconds())
    minutes = max(MINUTES_MIN, math.floor(seconds / 60 + 0.5))
    return min(minutes, int(SESSION_STALE_AFTER.total_seconds() // 60))


def forgotten_session_minutes(started_at: datetime.datetime, now: datetime.datetime) -> int:
    """What a session left open too long is logged as: a modest, honest guess."""
    return min(session_minutes(started_at, now), FORGOTTEN_SESSION_MINUTES)


# --- Words -----------------------------------------------------------------------------


def duration_label(minutes: int) -> str:
    """45 → '45 min', 60 → '1 hr', 95 → '1 hr 35 min'."""
    hours, rest = divmod(max(0, int(minutes)), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} hr" + (f" {rest} min" if rest else "")


def clock_label(seconds: int) -> str:
    """Elapsed time as a clock: 65 → '1:05', 3725 → '1:02:05'."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def day_label(day: datetime.date, today: datetime.date) -> str:
    if day == today:
        return "Today"
    if day == today + datetime.timedelta(days=1):
        return "Tomorrow"
    if day == today - datetime.timedelta(days=1):
        return "Yesterday"
    if abs((day - today).days) < 7:
        return day.strftime("%A")
    return f"{day.strftime('%a')} {day.day} {day.strftime('%B')}" + (
        "" if day.year == today.year else f" {day.year}"
    )


def when_label(local_when: datetime.datetime, local_now: datetime.datetime) -> str:
    """'Today at 19:30', 'Tomorrow at 08:00', 'Sat 14 June at 12:00', in the reader's clock."""
    return f"{day_label(local_when.date(), local_now.date())} at {local_when.strftime('%H:%M')}"


def is_evening(local_now: datetime.datetime) -> bool:
    return local_now.time() >= EVENING_FROM
