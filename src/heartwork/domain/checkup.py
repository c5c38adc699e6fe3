"""The intimacy check-up: its items, who is asked what, and how answers become scores.

Each member of a bond answers every item twice, privately: how it is now, and how they
would like it to be (the "is / would like" idea from the research notes, with items the
project wrote itself). Answers run from 1 ("not at all") to 5 ("completely").

Scoring (``score_checkup``) is plain arithmetic, documented here because people will ask:

- A *reverse* item describes distance ("around them I keep my worries to myself"), so its
  answer is turned round before counting: 1 counts as 5, 2 as 4, and so on.
- A dimension's score is the mean of its counted answers, moved onto 0–100:
  ``round((mean - 1) / 4 * 100)``. All-best answers give 100; all-worst give 0.
- "Now" and "would like" are scored separately, each from its own answers.
- A skipped item counts for nothing. A dimension needs at least ``MIN_ANSWERED`` answers
  (or every item, if it asks fewer): with fewer it has no score, and says so. Nothing is
  ever filled in for a skipped answer.

These are heartwork's own questions, not a validated scale: a score describes how one
person sees things today. It is not a measurement, a diagnosis or a grade, and there are
no norms or cut-offs to compare it with.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from heartwork.domain.bonds import BondKind
from heartwork.domain.content_files import ContentError, read_content_json

LOWEST, HIGHEST = 1, 5
MIN_ANSWERED = 2
ANSWER_LABELS = {
    1: "Not at all",
    2: "A little",
    3: "Somewhat",
    4: "Mostly",
    5: "Completely",
}
# How far apart (views of two people, or now and wished) before it is worth pointing out.
NOTABLE = 15
# A new check-up is offered again this many days after a person's last one, never sooner.
RETAKE_AFTER_DAYS = 30

# The circles: 1 = far apart … 7 = almost one. Labels are the project's own words.
CLOSENESS_STEPS = 7
CLOSENESS_LABELS = {
    1: "Far apart",
    2: "Just touching",
    3: "Slightly overlapping",
    4: "Somewhat overlapping",
    5: "Half overlapping",
    6: "Mostly overlapping",
    7: "Almost one circle",
}

# Kinds the items are tagged for; a bond of kind "other" is asked what a friend is asked.
ITEM_KINDS = (BondKind.PARTNER, BondKind.FRIEND, BondKind.FAMILY, BondKind.COLLEAGUE)


def item_kind(kind: BondKind) -> BondKind:
    return BondKind.FRIEND if kind is BondKind.OTHER else kind


@dataclass(frozen=True, slots=True)
class Dimension:
    id: str
    label: str
    about: str


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    dimension: str
    text: str
    kinds: frozenset[BondKind]
    reverse: bool = False
    sexual: bool = False
    fear: bool = False  # agreeing with it points to fear of the other person

    def suits(self, kind: BondKind, *, sexual_allowed: bool) -> bool:
        return item_kind(kind) in self.kinds and (sexual_allowed or not self.sexual)

    def worded_for(self, name: str) -> str:
        return self.text.replace("{name}", name or "the other person")

    def counted(self, answer: int) -> int:
        """The answer as it counts towards its dimension (reverse items turned round)."""
        return LOWEST + HIGHEST - answer if self.reverse else answer


@dataclass(frozen=True, slots=True)
class ItemBank:
    version: int
    dimensions: tuple[Dimension, ...]
    items: tuple[Item, ...]

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    def for_bond(self, kind: BondKind, *, sexual_allowed: bool) -> tuple[Item, ...]:
        """The items a member of a bond of this kind is asked, grouped by dimension."""
        order = {d.id: n for n, d in enumerate(self.dimensions)}
        chosen = [i for i in self.items if i.suits(kind, sexual_allowed=sexual_allowed)]
        return tuple(sorted(chosen, key=lambda i: order[i.dimension]))


def _problems(raw: Mapping[str, Any]) -> list[str]:
    problems = []
    dimensions = {d.get("id") for d in raw.get("dimensions", [])}
    seen: set[str] = set()
    kinds = {k.value for k in ITEM_KINDS}
    for item in raw.get("items", []):
        where = item.get("id", "?")
        if where in seen:
            problems.append(f"{where}: id used twice")
        seen.add(where)
        if item.get("dimension") not in dimensions:
            problems.append(f"{where}: unknown dimension {item.get('dimension')!r}")
        if not item.get("text", "").strip():
            problems.append(f"{where}: no text")
        if not item.get("kinds") or not set(item["kinds"]) <= kinds:
            problems.append(f"{where}: kinds must be some of {sorted(kinds)}")
        if item.get("sexual") and set(item.get("kinds", [])) != {"partner"}:
            problems.append(f"{where}: sexual items are for partners only")
        if item.get("dimension") == "physical" and {"family", "colleague"} & set(
            item.get("kinds", [])
        ):
            problems.append(f"{where}: physical items are not asked of family or colleagues")
    return problems


def load_item_bank(raw: Mapping[str, Any]) -> ItemBank:
    problems = _problems(raw)
    if problems:
        raise ContentError("checkup.json: " + "; ".join(problems))
    return ItemBank(
        version=int(raw["version"]),
        dimensions=tuple(Dimension(d["id"], d["label"], d["about"]) for d in raw["dimensions"]),
        items=tuple(
            Item(
                id=i["id"],
                dimension=i["dimension"],
                text=i["text"],
                kinds=frozenset(BondKind(k) for k in i["kinds"]),
                reverse=bool(i.get("reverse", False)),
                sexual=bool(i.get("sexual", False)),
                fear=bool(i.get("fear", False)),
            )
            for i in raw["items"]
        ),
    )


@cache
def item_bank() -> ItemBank:
    return load_item_bank(read_content_json("checkup.json"))


# --- scoring ---------------------------------------------------------------------------

Answers = Mapping[str, tuple[int | None, int | None]]  # item id -> (now, would like)


@dataclass(frozen=True, slots=True)
class DimensionScore:
    dimension: str
    asked: int
    now: int | None  # 0–100, or None when too few items were answered
    wished: int | None
    answered_now: int
    answered_wished: int

    @property
    def needed(self) -> int:
        return min(MIN_ANSWERED, self.asked)

    @property
    def gap(self) -> int | None:
        """How far "now" falls short of "would like" (0 when it doesn't)."""
        if self.now is None or self.wished is None:
            return None
        return max(0, self.wished - self.now)


@dataclass(frozen=True, slots=True)
class CheckupResult:
    scores: tuple[DimensionScore, ...]

    def of(self, dimension: str) -> DimensionScore | None:
        return next((s for s in self.scores if s.dimension == dimension), None)

    def as_dict(self) -> dict[str, dict[str, int | None]]:
        return {s.dimension: {"now": s.now, "wished": s.wished} for s in self.scores}


def _score(values: Sequence[int], asked: int) -> int | None:
    if not values or len(values) < min(MIN_ANSWERED, asked):
        return None
    mean = sum(values) / len(values)
    return round((mean - LOWEST) / (HIGHEST - LOWEST) * 100)


def valid_answer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and LOWEST <= value <= HIGHEST


def score_checkup(items: Sequence[Item], answers: Answers) -> CheckupResult:
    """One 0–100 score per dimension for "now" and for "would like", from the items that
    were asked. Answers to items not asked, and values outside 1–5, are ignored."""
    by_dimension: dict[str, list[Item]] = {}
    for item in items:
        by_dimension.setdefault(item.dimension, []).append(item)
    scores = []
    for dimension, asked in by_dimension.items():
        now: list[int] = []
        wished: list[int] = []
        for item in asked:
            pair = answers.get(item.id, (None, None))
            if valid_answer(pair[0]):
                now.append(item.counted(pair[0]))  # type: ignore[arg-type]
            if valid_answer(pair[1]):
                wished.append(item.counted(pair[1]))  # type: ignore[arg-type]
        scores.append(
            DimensionScore(
                dimension=dimension,
                asked=len(asked),
                now=_score(now, len(asked)),
                wished=_score(wished, len(asked)),
                answered_now=len(now),
                answered_wished=len(wished),
            )
        )
    return CheckupResult(tuple(scores))


def result_from_dict(
    stored: Mapping[str, Mapping[str, int | None]],
) -> dict[str, tuple[int | None, int | None]]:
    """Stored scores back as {dimension: (now, wished)}, ignoring anything malformed."""
    out = {}
    for dimension, pair in stored.items():
        if isinstance(pair, Mapping):
            out[dimension] = (pair.get("now"), pair.get("wished"))
    return out


def points_to_fear(items: Iterable[Item], answers: Answers) -> bool:
    """True when someone says, about now, that they are on edge around the other person
    (a "fear" item answered "mostly" or "completely"). The page then points them,
    privately, to the safety section of Help. Nothing of it is kept or shown to anyone."""
    for item in items:
        now = answers.get(item.id, (None, None))[0]
        if item.fear and valid_answer(now) and now >= 4:  # type: ignore[operator]
            return True
    return False


# --- two people side by side -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One concrete next step, linking into another practice."""

    text: str
    target: str  # "prompts", "together", "appreciation" or "conflict"
    prompt_type: str = ""  # for "prompts": the deck filtered to this intimacy type


SUGGESTIONS = {
    "emotional": Suggestion(
        "Pick a feelings prompt from the deck and answer it together this week.",
        "prompts",
        "emotional",
    ),
    "intellectual": Suggestion(
        "Choose an ideas prompt you are both curious about, and trade answers.",
        "prompts",
        "intellectual",
    ),
    "physical": Suggestion(
        "Try a prompt about closeness and care, and say what kind of warmth feels good.",
        "prompts",
        "physical-nonsexual",
    ),
    "sexual": Suggestion(
        "Try a desire prompt from the deck, at a calm moment, with no pressure to agree.",
        "prompts",
        "physical-sexual",
    ),
    "spiritual": Suggestion(
        "Pick a prompt about meaning, and listen for what matters most to them.",
        "prompts",
        "spiritual",
    ),
    "experiential": Suggestion(
        "Look through the ideas in Time together and plan one new thing.",
        "together",
    ),
    "safety": Suggestion(
        "Send a note of thanks for one moment you felt at ease with them.",
        "appreciation",
    ),
    "communication": Suggestion(
        "Next time something is hard to say, draft it first in Hard conversations.",
        "conflict",
    ),
}


def _gap(pair: tuple[int | None, int | None]) -> int | None:
    now, wished = pair
    return None if now is None or wished is None else max(0, wished - now)


@dataclass(frozen=True, slots=True)
class Row:
    dimension: str
    mine: tuple[int | None, int | None]  # (now, would like)
    theirs: tuple[int | None, int | None]

    @property
    def difference(self) -> int | None:
        """How far apart your two views of "now" are."""
        if self.mine[0] is None or self.theirs[0] is None:
            return None
        return abs(self.mine[0] - self.theirs[0])

    @property
    def my_gap(self) -> int | None:
        return _gap(self.mine)

    @property
    def their_gap(self) -> int | None:
        return _gap(self.theirs)

    @property
    def scored(self) -> bool:
        return any(v is not None for v in (*self.mine, *self.theirs))

    @property
    def shared_gap(self) -> int | None:
        """How much "would like" exceeds "now", added over both of you."""
        gaps = [
            max(0, w - n) for n, w in (self.mine, self.theirs) if n is not None and w is not None
        ]
        return sum(gaps) if gaps else None


@dataclass(frozen=True, slots=True)
class Comparison:
    rows: tuple[Row, ...]
    differ_most: Row | None  # None: your views are close everywhere (or too few answers)
    want_most: Row | None  # None: nowhere does "would like" run notably ahead of "now"


def compare(
    order: Sequence[str],
    mine: Mapping[str, tuple[int | None, int | None]],
    theirs: Mapping[str, tuple[int | None, int | None]],
) -> Comparison:
    """Two people's scores side by side, in ``order``, for the dimensions both were asked;
    where their views of now differ most, and where both together want more than they have."""
    rows = tuple(
        Row(d, tuple(mine[d]), tuple(theirs[d]))  # type: ignore[arg-type]
        for d in order
        if d in mine and d in theirs
    )
    differing = [r for r in rows if r.difference is not None and r.difference >= NOTABLE]
    wanting = [r for r in rows if r.shared_gap is not None and r.shared_gap >= NOTABLE]
    return Comparison(
        rows=rows,
        differ_most=max(differing, key=lambda r: r.difference or 0, default=None),
        want_most=max(wanting, key=lambda r: r.shared_gap or 0, default=None),
    )


# --- the circles picture ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Circles:
    """Two circles in a 120×64 box: the left is "me", the right "them"."""

    step: int
    left_x: float
    right_x: float
    radius: float = 24.0
    y: float = 32.0
    width: int = 120
    height: int = 64


# Distance between the two centres at each step, for circles of radius 24: apart with a
# gap, then touching, then overlapping more at each step.
_DISTANCES = (60.0, 48.0, 40.0, 32.0, 24.0, 14.0, 5.0)


def circles(step: int) -> Circles:
    """The picture for ``step`` (1 far apart … 7 almost one circle)."""
    if not 1 <= step <= CLOSENESS_STEPS:
        raise ValueError(f"step must be 1–{CLOSENESS_STEPS}")
    distance, middle = _DISTANCES[step - 1], 60.0
    return Circles(step, middle - distance / 2, middle + distance / 2)


def overlap_share(step: int) -> float:
    """How much of one circle the other covers (0 to nearly 1), for tests and charts."""
    c = circles(step)
    d, r = c.right_x - c.left_x, c.radius
    if d >= 2 * r:
        return 0.0
    area = 2 * r * r * math.acos(d / (2 * r)) - (d / 2) * math.sqrt(4 * r * r - d * d)
    return area / (math.pi * r * r)


# --- over time -------------------------------------------------------------------------

TREND_MIN_POINTS = 3  # fewer check-ups than this show no trend, and say so


@dataclass(frozen=True, slots=True)
class Trend:
    direction: str  # "up", "down" or "steady"
    change: int  # last scored value minus first, in points
    points: int

    @property
    def words(self) -> str:
        if self.direction == "up":
            return f"up {self.change} points over your last {self.points} check-ups"
        if self.direction == "down":
            return f"down {-self.change} points over your last {self.points} check-ups"
        return f"about the same over your last {self.points} check-ups"


def trend(values: Sequence[int | None]) -> Trend | None:
    """How one person's "now" for one dimension has moved, oldest value first. None when
    fewer than ``TREND_MIN_POINTS`` check-ups have a score: two points are not a trend.
    A move smaller than ``NOTABLE`` points is "steady": small changes are noise."""
    scored = [v for v in values if v is not None]
    if len(scored) < TREND_MIN_POINTS:
        return None
    change = scored[-1] - scored[0]
    direction = "up" if change >= NOTABLE else "down" if change <= -NOTABLE else "steady"
    return Trend(direction, change, len(scored))
