"""The prompt library and the choice of a bond's prompt of the day.

Everything here is plain Python over frozen dataclasses, so the rules can be tested
alone and fast. The library is a set of JSON files under ``content/prompts/``, validated
when loaded; prompts taken out of it live on in ``content/retired_prompts.json`` so that
old rounds can still show what was asked.
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from heartwork.domain.bonds import BondKind
from heartwork.domain.content_files import ContentError, read_content_json

MIN_DEPTH, MAX_DEPTH = 1, 3
MAX_SENTENCES = 2


class IntimacyType(enum.StrEnum):
    EMOTIONAL = "emotional"
    INTELLECTUAL = "intellectual"
    PHYSICAL = "physical-nonsexual"
    SEXUAL = "physical-sexual"
    SPIRITUAL = "spiritual"
    EXPERIENTIAL = "experiential"

    @property
    def label(self) -> str:
        return _TYPE_LABELS[self]


_TYPE_LABELS = {
    IntimacyType.EMOTIONAL: "Feelings",
    IntimacyType.INTELLECTUAL: "Ideas",
    IntimacyType.PHYSICAL: "Closeness and care",
    IntimacyType.SEXUAL: "Desire",
    IntimacyType.SPIRITUAL: "Meaning",
    IntimacyType.EXPERIENTIAL: "Doing things together",
}

DEPTH_LABELS = {1: "Light", 2: "Personal", 3: "Vulnerable"}

THEMES = (
    "childhood",
    "dreams",
    "fears",
    "values",
    "gratitude",
    "memories",
    "humour",
    "the-relationship",
    "everyday-life",
    "growth",
    "comfort",
    "adventure",
    "meaning",
    "work",
    "family-roots",
    "future",
    "body",
    "longing",
)

# Sensitive topics a prompt can touch. A prompt that touches any of them is never offered
# to colleagues: nobody should be nudged to disclose these to someone they work with.
TOPICS = {
    "death": "dying, mortality, what may come after",
    "grief": "losing someone or something, goodbyes that still hurt",
    "faith": "religion, God, prayer, belief in something sacred",
    "despair": "hopelessness, feeling lost, not seeing the point",
    "trauma": "experiences too painful to talk about easily",
    "old-hurts": "old wounds, what was never forgiven or made peace with",
    "family-secrets": "what a family never talked about",
    "health": "illness, injury, a body that is failing or changing",
    "coercion": "pressure and consent: saying no, or yes while meaning maybe",
}
# Topics next to which the page shows a quiet pointer to help.
CARE_TOPICS = frozenset({"despair", "trauma", "coercion"})

# Bond kinds the library is tagged for. A bond of kind "other" draws on prompts written
# for friends, the most general of the four.
PROMPT_KINDS = (BondKind.PARTNER, BondKind.FRIEND, BondKind.FAMILY, BondKind.COLLEAGUE)


def library_kind(kind: BondKind) -> BondKind:
    return BondKind.FRIEND if kind is BondKind.OTHER else kind


@dataclass(frozen=True, slots=True)
class Prompt:
    id: str
    text: str
    type: IntimacyType
    depth: int
    kinds: frozenset[BondKind]
    theme: str
    follow_ups: tuple[str, ...] = ()
    topics: frozenset[str] = frozenset()
    # Taken out of the library: kept only so that old rounds can show what was asked.
    retired: bool = False

    def suits(self, kind: BondKind) -> bool:
        return library_kind(kind) in self.kinds

    @property
    def sensitive(self) -> bool:
        """Touches a topic kept away from colleagues (see ``TOPICS``)."""
        return bool(self.topics)

    @property
    def needs_care(self) -> bool:
        """Touches despair, trauma or pressure around consent: the page shows a quiet
        pointer to help next to it."""
        return not self.topics.isdisjoint(CARE_TOPICS)


@dataclass(frozen=True, slots=True)
class PastPrompt:
    """A prompt a bond was given before, oldest first in any history."""

    prompt_id: str
    type: IntimacyType


@dataclass(frozen=True)
class PromptLibrary:
    """The prompts on offer, and the retired ones old rounds may still point at."""

    prompts: tuple[Prompt, ...]
    retired: tuple[Prompt, ...] = ()
    by_id: dict[str, Prompt] = field(init=False, repr=False, compare=False)

    _any_by_id: dict[str, Prompt] = field(init=False, repr=False, compare=False)
    _past_by_id: dict[str, PastPrompt] = field(init=False, repr=False, compare=False)
    _eligible: dict[tuple[BondKind, bool], tuple[Prompt, ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        everything = self.prompts + self.retired
        object.__setattr__(self, "by_id", {p.id: p for p in self.prompts})
        object.__setattr__(self, "_any_by_id", {p.id: p for p in everything})
        object.__setattr__(
            self, "_past_by_id", {p.id: PastPrompt(p.id, p.type) for p in everything}
        )
        object.__setattr__(self, "_eligible", {})

    def get(self, prompt_id: str) -> Prompt | None:
        """The prompt with this id, retired ones included: a round given before a prompt
        was retired still shows what was asked. Only prompts in ``prompts`` are ever
        offered (``eligible``), so a retired one can't be chosen again."""
        return self._any_by_id.get(prompt_id)

    def history(self, prompt_ids: Iterable[str]) -> list[PastPrompt]:
        """A bond's past prompts, oldest first, from their ids, retired prompts included;
        ids the library never had are left out.

        A bond with years of history has a thousand or more of these on every new day, so
        each prompt's PastPrompt is made once with the library and shared.
        """
        past = self._past_by_id
        return [past[prompt_id] for prompt_id in prompt_ids if prompt_id in past]

    def eligible(self, *, kind: BondKind, sexual_allowed: bool) -> tuple[Prompt, ...]:
        """Every prompt this bond may ever see, at any depth.

        The library never changes once loaded, so each answer is worked out once: the
        prompt of the day asks on every new day of every bond.
        """
        key = (library_kind(kind), sexual_allowed)
        found = self._eligible.get(key)
        if found is None:
            found = self._eligible[key] = tuple(
                p
                for p in self.prompts
                if p.suits(kind) and (sexual_allowed or p.type is not IntimacyType.SEXUAL)
            )
        return found


# --- Loading and validation ------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.?!](?:[\"')\]]*)(?=\s|$)")
_ID_SHAPE = re.compile(r"^[a-z-]+-[1-3]-\d{3}$")


def count_sentences(text: str) -> int:
    return len(_SENTENCE_END.findall(text.strip())) or 1


_PROMPT_FIELDS = frozenset(
    {"id", "text", "type", "depth", "kinds", "theme", "topics", "follow_ups"}
)
_RETIRED_FIELDS = _PROMPT_FIELDS | {"retired"}


def parse_prompt(raw: dict[str, Any], where: str, *, retired: bool = False) -> Prompt:
    """One prompt from its JSON record; a retired one also says why it was retired."""
    try:
        prompt_id, text, depth, theme = raw["id"], raw["text"], raw["depth"], raw["theme"]
        prompt_type = IntimacyType(raw["type"])
        kinds = frozenset(BondKind(k) for k in raw["kinds"])
    except KeyError as missing:
        raise ContentError(f"{where}: missing field {missing}") from None
    except ValueError as error:
        raise ContentError(f"{where}: {error}") from None
    follow_ups = tuple(raw.get("follow_ups") or ())
    topics = raw.get("topics") or []
    problems = []
    unknown = sorted(set(raw) - (_RETIRED_FIELDS if retired else _PROMPT_FIELDS))
    if unknown:  # a misspelt field ("follow_up") would otherwise be dropped in silence
        problems.append(f"unknown field(s) {', '.join(unknown)}")
    if not isinstance(prompt_id, str) or not _ID_SHAPE.match(prompt_id):
        problems.append(f"id {prompt_id!r} is not shaped like 'type-depth-000'")
    elif not prompt_id.startswith(f"{prompt_type.value}-{depth}-"):
        problems.append(f"id {prompt_id!r} does not match its type and depth")
    if not isinstance(text, str) or not text.strip():
        problems.append("text is empty")
    elif count_sentences(text) > MAX_SENTENCES:
        problems.append("text is longer than two sentences")
    if depth not in (1, 2, 3):
        problems.append(f"depth {depth!r} is not 1, 2 or 3")
    if theme not in THEMES:
        problems.append(f"theme {theme!r} is not one of the known themes")
    if not kinds or BondKind.OTHER in kinds:
        problems.append("kinds must list partner, friend, family or colleague")
    if prompt_type is IntimacyType.SEXUAL and kinds != {BondKind.PARTNER}:
        problems.append("sexual prompts are for partners only")
    if prompt_type is IntimacyType.PHYSICAL and BondKind.COLLEAGUE in kinds:
        problems.append("physical prompts are not for colleagues")
    if not all(isinstance(f, str) and f.strip() for f in follow_ups):
        problems.append("follow-ups must be non-empty text")
    if not isinstance(topics, list) or not all(t in TOPICS for t in topics):
        problems.append(f"topics {topics!r} must be a list of: {', '.join(TOPICS)}")
    elif len(set(topics)) != len(topics):
        problems.append("topics are listed twice")
    elif topics and BondKind.COLLEAGUE in kinds:
        problems.append(f"prompts about {', '.join(topics)} are not for colleagues")
    if retired and not (isinstance(raw.get("retired"), str) and raw["retired"].strip()):
        problems.append("a retired prompt says why it was retired")
    if problems:
        raise ContentError(f"{where} ({prompt_id}): " + "; ".join(problems))
    return Prompt(
        prompt_id,
        text.strip(),
        prompt_type,
        depth,
        kinds,
        theme,
        follow_ups,
        topics=frozenset(topics),
        retired=retired,
    )


Records = Iterable[tuple[str, dict[str, Any]]]


def build_library(records: Records, retired: Records = ()) -> PromptLibrary:
    """The library from (where, record) pairs: the prompts on offer, then the retired ones.

    Ids are unique across both, so a retired id is never given to a new prompt.
    """
    prompts: list[Prompt] = []
    seen_ids: set[str] = set()
    seen_texts: set[str] = set()
    for where, raw in records:
        prompt = parse_prompt(raw, where)
        normalised = " ".join(words(prompt.text))
        if prompt.id in seen_ids:
            raise ContentError(f"{where}: duplicate id {prompt.id}")
        if normalised in seen_texts:
            raise ContentError(f"{where}: duplicate text {prompt.text!r}")
        seen_ids.add(prompt.id)
        seen_texts.add(normalised)
        prompts.append(prompt)
    if not prompts:
        raise ContentError("the prompt library is empty")
    old: list[Prompt] = []
    for where, raw in retired:
        prompt = parse_prompt(raw, where, retired=True)
        if prompt.id in seen_ids:
            raise ContentError(f"{where}: duplicate id {prompt.id}")
        seen_ids.add(prompt.id)
        old.append(prompt)
    return PromptLibrary(
        tuple(sorted(prompts, key=lambda p: p.id)), tuple(sorted(old, key=lambda p: p.id))
    )


RETIRED_FILE = "retired_prompts.json"


@cache
def prompt_library() -> PromptLibrary:
    folder = resources.files("heartwork.domain").joinpath("content", "prompts")
    records = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            for index, raw in enumerate(read_content_json("prompts", entry.name)):
                records.append((f"{entry.name}[{index}]", raw))
    retired = [
        (f"{RETIRED_FILE}[{index}]", raw)
        for index, raw in enumerate(read_content_json(RETIRED_FILE))
    ]
    return build_library(records, retired)


def words(text: str) -> list[str]:
    """Lower-case words, for telling two texts apart that differ only in case or
    punctuation. (How alike two prompts are in meaning is ``prompt_similarity``.)"""
    return re.findall(r"[a-z']+", text.lower())


# --- Choosing the prompt of the day -----------------------------------------------------


def _stable_order(seed: str, prompt_id: str) -> str:
    # A hash, not random(), so both members (and every server process) agree on the
    # choice for the same bond and day without storing anything first.
    return hashlib.blake2b(f"{seed}|{prompt_id}".encode(), digest_size=8).hexdigest()


def pick_prompt(
    library: PromptLibrary,
    *,
    kind: BondKind,
    depth: int,
    history: Sequence[PastPrompt],
    sexual_allowed: bool,
    seed: str,
    exclude: Iterable[str] = (),
) -> Prompt:
    """Choose a prompt for a bond.

    - only prompts that suit the bond's kind, at ``depth``; sexual ones only when allowed;
    - never one the bond has had until every eligible prompt at this depth has been used
      (then the least-used ones come round again);
    - the intimacy type used least recently goes first, so no type is neglected;
    - ties are broken by a stable hash of ``seed`` (the bond and the day).
    """
    excluded = set(exclude)
    pool = [
        p for p in library.eligible(kind=kind, sexual_allowed=sexual_allowed) if p.depth == depth
    ]
    pool = [p for p in pool if p.id not in excluded] or pool
    if not pool:
        raise LookupError(f"no prompts for {kind} at depth {depth}")

    uses = Counter(past.prompt_id for past in history)
    fewest = min(uses[p.id] for p in pool)
    fresh = [p for p in pool if uses[p.id] == fewest]

    last_seen: dict[IntimacyType, int] = {}
    for position, past in enumerate(history):
        last_seen[past.type] = position
    # Types never seen come first (-1), then the one seen longest ago.
    best_type = min(
        {p.type for p in fresh}, key=lambda t: (last_seen.get(t, -1), _stable_order(seed, t.value))
    )
    candidates = [p for p in fresh if p.type is best_type]
    return min(candidates, key=lambda p: _stable_order(seed, p.id))


def coverage(library: PromptLibrary) -> dict[tuple[BondKind, IntimacyType, int], int]:
    """How many prompts each bond kind has in each (type, depth) cell."""
    table: Counter[tuple[BondKind, IntimacyType, int]] = Counter()
    for prompt in library.prompts:
        for kind in prompt.kinds:
            table[(kind, prompt.type, prompt.depth)] += 1
    return dict(table)
