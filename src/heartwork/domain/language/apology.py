"""The apology coach: gentle notes on what can make an apology sound less than sincere.

It reads a draft apology and points, kindly, at the habits that tend to undo one:
making it conditional ("if I hurt you"), shrinking it ("I only…", "it wasn't a big
deal"), explaining it away ("but I was tired"), handing it back ("you made me"), and
asking for forgiveness on a timetable ("you have to forgive me", "can we move on now").
It also notices what helps: naming the act, owning it, naming what it cost the other,
and saying what will change. It never blocks sending, and it speaks English only: in
another language it says nothing rather than something wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

APOLOGY_MAX = 4000


@dataclass(frozen=True, slots=True)
class ApologyNote:
    kind: str
    start: int
    end: int
    why: str
    instead: str


@dataclass(frozen=True, slots=True)
class ApologyReading:
    notes: tuple[ApologyNote, ...]
    strengths: tuple[str, ...]

    @property
    def quiet(self) -> bool:
        return not self.notes


_WHY = {
    "conditional": "An “if” makes the hurt sound uncertain, as though it may not have happened.",
    "minimising": "Making it small can leave them feeling their hurt is being measured.",
    "justifying": "A reason after the apology can sound like a defence of what happened.",
    "blame": "Pointing back at them hands the weight of it to the person who was hurt.",
    "demanding": "Forgiveness and moving on are theirs to offer, in their own time.",
    "their-feelings": (
        "Being sorry about how they feel, rather than what you did, can land as no apology."
    ),
}
_INSTEAD = {
    "conditional": "Say it plainly: “I hurt you when I…”.",
    "minimising": "Let it be the size it was for them: name what you did without shrinking it.",
    "justifying": "Keep the reasons for later, if they ask. For now, stay with what you did.",
    "blame": "Speak only about your own part: “I chose to…”.",
    "demanding": "Let them know you will wait: “Take whatever time you need.”",
    "their-feelings": "Say what you did: “I'm sorry I…”.",
}

# Each kind: patterns over the lower-cased draft (apostrophes straightened). Kept small
# and readable on purpose; add to them with a test.
_PATTERNS: dict[str, tuple[str, ...]] = {
    "conditional": (
        r"\bif (?:i|that|this|it|my \w+|what i (?:said|did))\b[^.?!]{0,40}"
        r"\b(?:hurt|upset|offended|bothered|made you feel)",
        r"\bif you (?:were|felt|got) (?:hurt|upset|offended)\b",
        r"\bto the extent that\b",
        r"\bif anything i (?:said|did)\b",
    ),
    "minimising": (
        r"\bi (?:was )?only\b",
        r"\bi just\b",
        r"\b(?:not|wasn't|isn't) (?:that|such) a big deal\b",
        r"\bit was (?:just|only) (?:a|one)\b",
        r"\b(?:a little|a bit|slightly) (?:late|rude|harsh|short|careless)\b",
        r"\boverreact(?:ed|ing)?\b",
        r"\bno harm (?:done|meant)\b",
    ),
    "justifying": (
        r"\bbut i (?:was|had|felt|didn't|did not|couldn't|thought)\b",
        r"\b(?:only )?because i was (?:tired|stressed|busy|drunk|exhausted|angry|under)\b",
        r"\bi didn't mean (?:to|it)\b",
        r"\bi had (?:a|my) reasons?\b",
        r"\bit's not like i\b",
    ),
    "blame": (
        r"\byou made me\b",
        r"\bif you hadn'?t\b",
        r"\bif you had(?:n't| not)? (?:been|said|done|listened)\b",
        r"\byou (?:know|knew) (?:how|that) i\b",
        r"\byou (?:also|too)\b[^.?!]{0,30}\b(?:did|said|were)\b",
        r"\bwe both\b",
    ),
    "demanding": (
        r"\byou (?:have|need|ought) to forgive\b",
        r"\b(?:can|could) we (?:just )?(?:move on|forget (?:about )?it|put (?:it|this) behind)\b",
        r"\blet'?s (?:just )?(?:move on|forget (?:about )?it)\b",
        r"\bi'?ve (?:already )?(?:said|apologi[sz]ed)\b[^.?!]{0,30}\b(?:sorry|enough|times)\b",
        r"\bhow long (?:are|will) you\b",
        r"\bget over it\b",
    ),
    "their-feelings": (
        r"\bsorry (?:that )?you (?:feel|felt|are|were) (?:that way|hurt|upset|like that)\b",
        r"\bsorry you took it\b",
    ),
}
_COMPILED = {kind: tuple(re.compile(p) for p in patterns) for kind, patterns in _PATTERNS.items()}

_STRENGTHS = {
    "names-the-act": re.compile(
        r"\bi (?:said|did|told|lied|shouted|yelled|broke|forgot|hid|left|ignored|chose|took"
        r"|went|spent|used|read|kept|missed)\b"
    ),
    "owns-it": re.compile(
        r"\b(?:my fault|on me|i was wrong|i take (?:full )?responsibility|i'?m responsible"
        r"|i own (?:that|this|it)|no excuse)\b"
    ),
    "names-the-cost": re.compile(
        r"\b(?:it|that|this) (?:hurt|cost|scared|embarrassed|humiliated|worried|let down) you\b"
        r"|\byou (?:felt|must have felt|were left)\b"
    ),
    "offers-change": re.compile(
        r"\bi will\b|\bi'?m going to\b|\bfrom now on\b|\bi won'?t\b|\bnext time\b"
    ),
}

_ENGLISH_HINTS = re.compile(r"\b(?:i|you|the|and|sorry|was|my|me|it|to)\b")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


def read_apology(text: str) -> ApologyReading:
    """Notes (at most three, the earliest first) and strengths of a draft apology."""
    draft = (text or "")[:APOLOGY_MAX]
    lowered = draft.translate(_APOSTROPHES).lower()
    if len(_ENGLISH_HINTS.findall(lowered)) < 2:  # not English, or too short to read
        return ApologyReading((), ())
    found: list[ApologyNote] = []
    for kind, patterns in _COMPILED.items():
        for pattern in patterns:
            match = pattern.search(lowered)
            if match:
                found.append(
                    ApologyNote(kind, match.start(), match.end(), _WHY[kind], _INSTEAD[kind])
                )
                break
    found.sort(key=lambda note: note.start)
    strengths = tuple(name for name, pattern in _STRENGTHS.items() if pattern.search(lowered))
    return ApologyReading(tuple(found[:3]), strengths)
