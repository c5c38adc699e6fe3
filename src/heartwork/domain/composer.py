"""The conflict composer's shapes: a draft shown with what the analyzer found marked in
place, and a message rebuilt as observation, feeling, need and request.

Plain Python: the views pass in the analyzer's findings and what the person typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from heartwork.domain.language.conflict import Finding

PART_MAX = 400  # characters in each of the four parts


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of the draft: plain, or marked with the finding (and its number) it belongs to."""

    text: str
    finding: Finding | None = None
    number: int = 0  # 1-based, matching the list of explanations under the draft


def marked(text: str, findings: Sequence[Finding]) -> list[Segment]:
    """The draft cut into runs, each finding's exact span marked. Overlapping findings
    keep the first; the rest of the text stays as written."""
    segments: list[Segment] = []
    at = 0
    for number, finding in enumerate(sorted(findings, key=lambda f: f.start), start=1):
        if finding.start < at or finding.end <= finding.start or finding.end > len(text):
            continue
        if finding.start > at:
            segments.append(Segment(text[at : finding.start]))
        segments.append(Segment(text[finding.start : finding.end], finding, number))
        at = finding.end
    if at < len(text):
        segments.append(Segment(text[at:]))
    return segments


@dataclass(frozen=True, slots=True)
class Parts:
    observation: str = ""  # what happened, as a camera would have seen it
    feeling: str = ""  # a feeling word
    need: str = ""  # what matters underneath
    request: str = ""  # one clear, doable thing to ask for

    @property
    def complete(self) -> bool:
        return all((self.observation, self.feeling, self.need, self.request))


_LEADING_WHEN = re.compile(r"^\s*(?:when|whenever)\s+", re.I)
_LEADING_ASK = re.compile(r"^\s*(?:please\s+|i(?:'d| would) like you to\s+)", re.I)
# A request already written as a question ("could we…?") or a proposal ("let's…") stands.
_ALREADY_ASKS = re.compile(r"^(?:(?:would|could|can|will)\s+(?:you|we)|how about|what if)\b", re.I)
_PROPOSES = re.compile(r"^(?:let's|let us)\b", re.I)
_LEADING_NEED = re.compile(r"^\s*(?:i\s+need|because\s+i\s+need|i'm\s+needing)\s+", re.I)
_LEADING_FEEL = re.compile(r"^\s*(?:i\s+feel|i\s+felt|i'm|i\s+am|feeling)\s+", re.I)


def _tidy(text: str, leading: re.Pattern[str]) -> str:
    """The part as a phrase: without the words the template adds, or final punctuation."""
    text = " ".join(text.split())
    text = leading.sub("", text)
    return text.rstrip(" .!?;,")


def _lower_first(text: str) -> str:
    # "When I came home" keeps its "I"; "The dishes were…" becomes "the dishes were…".
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and text[:2] != "I ":
        return text[0].lower() + text[1:]
    return text


def _as_request(request: str) -> str:
    if _ALREADY_ASKS.match(request):
        return f"{request[0].upper()}{request[1:]}?"
    if _PROPOSES.match(request):
        return f"{request[0].upper()}{request[1:]}."
    return f"Would you {_lower_first(request)}?"


def rebuilt(parts: Parts) -> str:
    """The four parts as one message, in the person's own words: "When …, I feel …,
    because I need …. Would you …?" Parts left empty are left out."""
    observation = _lower_first(_tidy(parts.observation, _LEADING_WHEN))
    feeling = _tidy(parts.feeling, _LEADING_FEEL)
    need = _tidy(parts.need, _LEADING_NEED)
    request = _tidy(parts.request, _LEADING_ASK)
    sentences = []
    if observation and feeling:
        sentences.append(f"When {observation}, I feel {feeling}.")
    elif observation:
        sentences.append(f"{observation[0].upper()}{observation[1:]}.")
    elif feeling:
        sentences.append(f"I feel {feeling}.")
    if need:
        sentences.append(f"I need {need}.")
    if request:
        sentences.append(_as_request(request))
    return " ".join(sentences)
