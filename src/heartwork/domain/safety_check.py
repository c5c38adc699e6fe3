"""A private safety check a person can take about one bond, and what its answers mean.

The questions are the project's own, informed by what published screens for intimate
partner violence ask about: fear of the other's reaction, physical harm, threats,
control, sexual pressure, and feeling safe now. They are asked of one person alone,
never shown to the other, and only the result is kept. A concerning result switches off,
for that person in that bond, the practices that assume it is safe to work on things
together (repair, the hard-conversation composer), and points to help that fits.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass


class Answer(enum.StrEnum):
    NO = "no"
    ONCE_OR_TWICE = "once-or-twice"
    MORE = "more"
    RATHER_NOT_SAY = "rather-not-say"


class SafeNow(enum.StrEnum):
    YES = "yes"
    UNSURE = "unsure"
    NO = "no"


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    text: str  # "{name}" stands for the other person
    kind: str  # the concern it points to: violence, threat, coercive_control


QUESTIONS = (
    Question(
        "fear",
        "In the last few months, have you changed what you say or do because you were "
        "afraid of how {name} would react?",
        "coercive_control",
    ),
    Question(
        "hurt",
        "Has {name} ever pushed, grabbed, hit, choked or in any other way hurt your body?",
        "violence",
    ),
    Question(
        "threat",
        "Has {name} threatened to hurt you, your children, your pets or themselves, or to "
        "share private pictures or secrets of yours?",
        "threat",
    ),
    Question(
        "control",
        "Does {name} keep track of where you go, read your messages, control your money, or "
        "keep you from people who matter to you?",
        "coercive_control",
    ),
    Question(
        "pressure",
        "Has {name} pressured or forced you into anything sexual you did not want?",
        "violence",
    ),
)
SAFE_NOW_QUESTION = "Do you feel safe with {name} right now?"

ANSWER_LABELS = {
    Answer.NO: "No",
    Answer.ONCE_OR_TWICE: "Once or twice",
    Answer.MORE: "More than that",
    Answer.RATHER_NOT_SAY: "I'd rather not say",
}
SAFE_NOW_LABELS = {SafeNow.YES: "Yes", SafeNow.UNSURE: "I'm not sure", SafeNow.NO: "No"}


@dataclass(frozen=True, slots=True)
class SafetyResult:
    concerning: bool
    kinds: tuple[str, ...]  # from violence, threat, coercive_control, unsafe_now
    held_back: bool  # some answers were "rather not say": help is offered all the same


def score_safety_check(answers: Mapping[str, Answer], safe_now: SafeNow) -> SafetyResult:
    """Any sign of fear, harm, threat, control or pressure, or not feeling safe now, is
    concerning. A missing answer counts as "rather not say", never as "no"."""
    kinds: list[str] = []
    held_back = False
    for question in QUESTIONS:
        answer = answers.get(question.id, Answer.RATHER_NOT_SAY)
        if answer in (Answer.ONCE_OR_TWICE, Answer.MORE) and question.kind not in kinds:
            kinds.append(question.kind)
        held_back = held_back or answer is Answer.RATHER_NOT_SAY
    if safe_now is not SafeNow.YES:
        kinds.append("unsafe_now")
    return SafetyResult(concerning=bool(kinds), kinds=tuple(kinds), held_back=held_back)
