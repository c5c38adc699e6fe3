"""The feelings wheel: a few core feelings opening into more specific words.

Written by the project and stored in ``content/feelings_wheel.json``; validated when
loaded (unique words, every word defined and reachable from a core). Also the plain
rules built on it: finding words by typing, and emotional granularity.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from heartwork.domain.content_files import ContentError, read_content_json

MIN_WORDS = 120
DEFINITION_MAX = 90


class Tone(enum.StrEnum):
    PLEASANT = "pleasant"
    UNPLEASANT = "unpleasant"


_ENDINGS = ("ing", "ion", "ed", "ness", "y", "d", "s")


@dataclass(frozen=True, slots=True)
class Feeling:
    word: str
    definition: str
    ring: int  # 1 core, 2 second ring, 3 most specific
    core: str  # the core feeling this word belongs to
    parent: str | None  # the word one ring in, None for a core
    tone: Tone

    @property
    def label(self) -> str:
        return self.word.capitalize()


@dataclass(frozen=True)
class FeelingsWheel:
    feelings: dict[str, Feeling]
    cores: tuple[str, ...]

    def get(self, word: str) -> Feeling | None:
        return self.feelings.get(word.strip().lower())

    def children(self, word: str) -> list[Feeling]:
        return [f for f in self.feelings.values() if f.parent == word]

    def tree(self) -> list[tuple[Feeling, list[tuple[Feeling, list[Feeling]]]]]:
        """Core → families → words, in the wheel's order: what the picker draws."""
        return [
            (
                self.feelings[core],
                [(family, self.children(family.word)) for family in self.children(core)],
            )
            for core in self.cores
        ]

    def search(self, text: str, limit: int = 12) -> list[Feeling]:
        """Words that start with, then contain, what was typed; then definitions that do."""
        needle = text.strip().lower()
        if not needle:
            return []
        starts = [f for f in self.feelings.values() if f.word.startswith(needle)]
        contains = [f for f in self.feelings.values() if needle in f.word and f not in starts]
        # In definitions only whole words count: "mad" must not find "made".
        whole_word = re.compile(rf"\b{re.escape(needle)}\b")
        defined = [
            f
            for f in self.feelings.values()
            if len(needle) >= 3
            and whole_word.search(f.definition.lower())
            and f not in starts
            and f not in contains
        ]
        return (starts + contains + defined)[:limit]

    def closest(self, typed: str, limit: int = 3) -> list[Feeling]:
        """Wheel words near a word that is not on the wheel, to suggest instead.

        Tries the word as typed, then without a common ending ("stressing" → "stress"),
        so an everyday word still leads somewhere on the wheel.
        """
        needle = typed.strip().lower()
        if not needle:
            return []
        stems = [needle] + [
            needle[: -len(end)]
            for end in _ENDINGS
            if needle.endswith(end) and len(needle) - len(end) >= 3
        ]
        for stem in stems:  # a wheel word that shares the stem beats a mention in a definition
            by_word = sorted(
                (f for f in self.feelings.values() if stem in f.word),
                key=lambda f: not f.word.startswith(stem),
            )
            if by_word:
                return by_word[:limit]
        return self.search(needle, limit)

    def opened_by(self, chosen: Iterable[str]) -> set[str]:
        """The cores and families to show open so every chosen word can be seen."""
        return {f.word for word in chosen for f in self.path(word)[:-1]}

    def path(self, word: str) -> list[Feeling]:
        """From the core out to ``word``: e.g. scared → anxious → worried."""
        feeling = self.get(word)
        trail = []
        while feeling is not None:
            trail.append(feeling)
            feeling = self.get(feeling.parent) if feeling.parent else None
        return list(reversed(trail))


def _parse(
    node: dict[str, Any],
    *,
    ring: int,
    core: str | None,
    parent: str | None,
    tone: Tone | None,
    out: dict[str, Feeling],
    where: str,
) -> None:
    word = node.get("word")
    definition = node.get("definition")
    if not isinstance(word, str) or not word.strip() or word != word.strip().lower():
        raise ContentError(f"{where}: every word must be lowercase text, got {word!r}")
    if word in out:
        raise ContentError(f"{where}: '{word}' appears more than once")
    if not isinstance(definition, str) or not definition.strip():
        raise ContentError(f"{where}: '{word}' has no definition")
    if len(definition) > DEFINITION_MAX:
        raise ContentError(
            f"{where}: the definition of '{word}' is longer than {DEFINITION_MAX} characters"
        )
    if ring == 1:
        try:
            tone = Tone(str(node.get("tone")))
        except ValueError:
            raise ContentError(
                f"{where}: core '{word}' needs a tone, pleasant or unpleasant"
            ) from None
    children = node.get("children", [])
    if ring < 3 and not children:
        raise ContentError(f"{where}: '{word}' must open into more specific words")
    if ring == 3 and children:
        raise ContentError(f"{where}: the wheel has three rings; '{word}' has a fourth")
    assert tone is not None  # set at ring 1 and passed down
    out[word] = Feeling(word, definition.strip(), ring, core or word, parent, tone)
    for index, child in enumerate(children):
        _parse(
            child,
            ring=ring + 1,
            core=core or word,
            parent=word,
            tone=tone,
            out=out,
            where=f"{where}.{word}[{index}]",
        )


def parse_wheel(data: dict[str, Any]) -> FeelingsWheel:
    feelings: dict[str, Feeling] = {}
    cores = data.get("cores") or []
    if not 6 <= len(cores) <= 8:
        raise ContentError("the wheel needs 6 to 8 core feelings")
    for index, core in enumerate(cores):
        _parse(
            core, ring=1, core=None, parent=None, tone=None, out=feelings, where=f"cores[{index}]"
        )
    if len(feelings) < MIN_WORDS:
        raise ContentError(f"the wheel has {len(feelings)} words; it needs at least {MIN_WORDS}")
    return FeelingsWheel(feelings=feelings, cores=tuple(c["word"] for c in cores))


@cache
def feelings_wheel() -> FeelingsWheel:
    return parse_wheel(read_content_json("feelings_wheel.json"))


def granularity(words_used: Iterable[str], wheel: FeelingsWheel) -> int:
    """Emotional granularity: how many distinct specific feeling words were used.

    Core words ("sad", "angry") don't count: naming the broad family is the start, the
    specific word is the skill.
    """
    return len({w for w in words_used if (f := wheel.get(w)) is not None and f.ring > 1})
