"""Short self-reflections: a few questions one answers alone, a score, and guidance.

The questions are the project's own (content/reflections.json), after the themes of the
seed articles. Answers run 1–5 like the check-up; reverse questions describe a problem, so
their answers are turned round. The score is ``round((mean - 1) / 4 * 100)`` over the
questions answered, higher meaning closer or safer; a reflection needs all but one of its
questions answered (and at least two) to have a score at all. Each result falls in a band
(``from`` its lowest score) with guidance written for it: a plain reading of one's own
answers, never a norm or a cut-off from a paper.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from heartwork.domain.checkup import HIGHEST, LOWEST, valid_answer
from heartwork.domain.content_files import ContentError, read_content_json


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str
    reverse: bool = False
    fear: bool = False

    def worded_for(self, name: str) -> str:
        return self.text.replace("{name}", name or "them")


@dataclass(frozen=True, slots=True)
class Band:
    lowest: int
    title: str
    guidance: str


@dataclass(frozen=True, slots=True)
class Reflection:
    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]
    bands: tuple[Band, ...]  # by lowest score, ascending; the first starts at 0

    @property
    def needed(self) -> int:
        return max(2, len(self.questions) - 1)

    def band_for(self, score: int) -> Band:
        return [b for b in self.bands if b.lowest <= score][-1]


@dataclass(frozen=True, slots=True)
class ReflectionResult:
    score: int | None  # None: too few answers to say anything
    answered: int
    afraid: bool  # a fear question answered "mostly" or "completely"


def score_reflection(reflection: Reflection, answers: Mapping[str, object]) -> ReflectionResult:
    counted = []
    afraid = False
    for question in reflection.questions:
        value = answers.get(question.id)
        if not valid_answer(value):
            continue
        assert isinstance(value, int)
        counted.append(LOWEST + HIGHEST - value if question.reverse else value)
        afraid = afraid or (question.fear and value >= 4)
    if len(counted) < reflection.needed:
        return ReflectionResult(None, len(counted), afraid)
    mean = sum(counted) / len(counted)
    return ReflectionResult(round((mean - LOWEST) / (HIGHEST - LOWEST) * 100), len(counted), afraid)


def _load(raw: Mapping[str, Any]) -> tuple[Reflection, ...]:
    found = []
    for r in raw["reflections"]:
        bands = tuple(Band(b["from"], b["title"], b["guidance"]) for b in r["bands"])
        if (
            not bands
            or bands[0].lowest != 0
            or [b.lowest for b in bands] != sorted(b.lowest for b in bands)
        ):
            raise ContentError(f"reflections.json: {r['id']}: bands must rise from 0")
        questions = tuple(
            Question(q["id"], q["text"], bool(q.get("reverse")), bool(q.get("fear")))
            for q in r["questions"]
        )
        if len({q.id for q in questions}) != len(questions) or len(questions) < 2:
            raise ContentError(f"reflections.json: {r['id']}: questions need distinct ids")
        found.append(Reflection(r["id"], r["title"], r["intro"], questions, bands))
    return tuple(found)


@cache
def reflections() -> dict[str, Reflection]:
    return {r.id: r for r in _load(read_content_json("reflections.json"))}
