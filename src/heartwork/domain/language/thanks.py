"""The thanks coach: a friendly reader that nudges a note of thanks toward specifics.

Why it looks for what it looks for: in studies of couples, thanks that names what the
other person did, or the quality it shows in them ("you stayed up to fix it, that was
generous"), left the person thanked feeling seen and loved; thanks that only said how the
thanker benefited ("it helped me") did not. So the coach notices

* vague, could-be-said-to-anyone praise ("thanks for everything", "you're great"),
* very short notes,
* notes only about the sender's own benefit, with nothing about the other person,

and it rewards the ingredients of specific thanks: something the other person did, a
moment, a quality of theirs, and the difference it made. It is a friendly reader, not a
judge: it never blocks a send, and it is simple on purpose (English word lists and a few
patterns, no model), so its hints are predictable and it never calls anything outside.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from heartwork.domain.language.text import reads_as_english

NOTE_MAX = 1000  # characters in a note of thanks (the coach's input is bounded by it)
SHORT_WORDS = 6  # below this many words a note gets the "a little more" hint
COACH_INPUT_MAX = 4 * NOTE_MAX  # the coach reads at most this much (drafts are short)
MAX_FINDINGS = 2  # more than two hints at once reads like a telling-off


# --- Coaching ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """Something that could make a note land better, with a warm hint about it."""

    code: str  # "long", "generic", "only-me", "short", "who", "detail"
    hint: str


@dataclass(frozen=True, slots=True)
class Coaching:
    """What the coach made of one draft.

    ``is_specific`` means the note already names what the other person did or who they
    are, and anchors it in a moment or an effect. ``findings`` are gentle, optional hints
    (empty for a specific note of a sendable length); ``strengths`` say what is already
    there; ``examples`` are rewrites to borrow from. ``understood`` is False for a note
    not in English: the coach reads English only, and then says nothing about it.
    """

    is_specific: bool
    findings: tuple[Finding, ...]
    strengths: tuple[str, ...]
    examples: tuple[str, ...]
    word_count: int
    understood: bool = True

    @property
    def is_empty(self) -> bool:
        """Nothing written yet (not even an emoji)."""
        return self.word_count == 0 and not self.findings

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.findings)


HINTS = {
    "long": f"That's a lot to say, which is lovely, but a note holds up to {NOTE_MAX} characters. "
    "Could you keep the part that matters most?",
    "generic": "That's warm, and it could be said to almost anyone. What did they do, or what "
    "did you notice about them, that made you feel this way?",
    "only-me": "You've said how it helped you, which is good to hear. Add what they did, or "
    "what it shows about them: that's the part people hold on to.",
    "short": "Short and sweet is fine. A few more words, about what they did and when, "
    "help it land.",
    "who": "Try naming one thing they did, or a quality you see in them.",
    "detail": "You've named something about them, which is good. Add when it happened, or "
    "the difference it made, so they know exactly what you mean.",
}

STRENGTHS = {
    "action": "You named something they did.",
    "quality": "You named a quality of theirs.",
    "moment": "You placed it in a moment.",
    "effect": "You said what difference it made.",
}

# Example rewrites, each written to show one or more of the ingredients. The coach picks
# the ones that fit the first thing it noticed.
EXAMPLES = {
    "generic": (
        "You kept us laughing when the car broke down on Sunday, and turned a bad afternoon "
        "into a story. I love how steady you are.",
        "Thank you for asking about my sister's surgery this morning. You remembered the "
        "day without me saying, and I felt looked after.",
    ),
    "only-me": (
        "You gave up your lunch break to sort out my laptop. That was generous, and "
        "because of you I made the deadline.",
        "You took the kids out on Saturday so I could rest. You saw I was running on empty "
        "before I did.",
    ),
    "short": (
        "Thank you for making coffee before my early shift today. You noticed I was tired "
        "without me saying a thing.",
        "You listened last night without trying to fix anything. That was patient of you, "
        "and I felt understood.",
    ),
    "who": (
        "You walked the dog in the rain on Tuesday so I could finish my call. That was kind.",
        "The way you talked to my dad at dinner, so gently, meant a lot. You're a good listener.",
    ),
    "detail": (
        "You're so thoughtful: you remembered my exam on Friday and left a note in my bag.",
        "Your patience with me this week, while I was stressed about the move, made me "
        "feel less alone.",
    ),
}

# A frame to fill in; shown with the examples.
FRAME = "You … (what they did) … when … (the moment). It showed me you're … . It made me feel … ."

# Praise that could be said to anyone. Matched against the normalised text.
_GENERIC = tuple(
    re.compile(p)
    for p in (
        r"\b(?:thanks|thank you|thank u|thx|ty)\s+(?:so "
        r"much\s+|again\s+)?for\s+(?:everything|all\b)",
        r"\bfor\s+(?:just\s+)?being\s+"
        r"(?:you|yourself|there|around|here|amazing|great|awesome|the best)\b",
        r"\b(?:i\s+)?(?:love|luv|lov)\s+(?:you|ya|u)\b",
        r"\bily\b",
        r"\b(?:you're|you are|youre|you r|u "
        r"r|ur)\s+(?:so\s+|really\s+|just\s+|such\s+|truly\s+|always\s+)*"
        r"(?:the\s+)?(?:great|amazing|awesome|best|greatest|wonderful|perfect|incredible|fantastic|lovely|"
        r"nice|cool|brilliant|sweet|good|a star|a gem|a legend|a keeper|the man|the one)\b",
        r"\byou\s+rock\b",
        r"\bappreciate\s+(?:you|u|it|that|this|everything|all)\b",
        r"\bbest\s+(?:partner|friend|mum|mom|dad|sister|brother|colleague|boss|boyfriend|girlfriend|husband|"
        r"wife|son|daughter|person)\s+ever\b",
        r"\b(?:great|good|nice)\s+job\b",
        r"\bwell\s+done\b",
        r"\bmeans?\s+(?:so much|a lot|the world)\b",
        r"\b(?:all|everything)\s+you\s+do\b",
    )
)

# The thanker's own benefit.
_SELF_BENEFIT = tuple(
    re.compile(p)
    for p in (
        r"\b(?:it|that|this)\s+(?:really\s+|so\s+)?helped\b",
        r"\bhelped\s+me\b",
        r"\bsaved\s+me\b",
        r"\bfor\s+me\b",
        r"\bmade\s+(?:my\s+life|life|things|it|everything|my\s+day|my\s+week)\s+(?:so\s+much\s+|a\s+lot\s+)?"
        r"(?:easier|better|simpler|nicer)\b",
        r"\bi\s+(?:really\s+)?needed\s+(?:that|this|it)\b",
        r"\bi\s+got\s+to\b",
        r"\bi\s+didn't\s+have\s+to\b",
        r"\b(?:so\s+|really\s+|very\s+)?(?:useful|handy|convenient)\b",
    )
)

# The difference it made (a feeling or an outcome). Strong when it comes with what they did.
_EFFECT = tuple(
    re.compile(p)
    for p in (
        r"\bmade\s+me\s+\w+",
        r"\bi\s+(?:felt|feel|was able|could|didn't have to|did not have "
        r"to|slept|smiled|laughed|cried|relaxed)\b",
        r"\b(?:it|that|which)\s+meant\b",
        r"\bbecause\b",
        r"\bso\s+(?:that\s+)?i\b",
        r"\bhelped\s+me\b",
        r"\bmade\s+my\s+(?:day|week|morning|evening|night|weekend)\b",
        r"\bfelt\s+(?:seen|loved|understood|cared|safe|lighter|calmer|supported|less|held|heard|valued|welcome)\b",
        r"\bless\s+(?:stressed|alone|worried|tired|anxious|lonely|overwhelmed)\b",
        r"\bthanks\s+to\s+you\b",
    )
)

# A moment or a time.
_MOMENT_WORDS = frozenset(
    [
        "yesterday",
        "today",
        "tonight",
        "morning",
        "afternoon",
        "evening",
        "night",
        "weekend",
        "week",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "breakfast",
        "lunch",
        "dinner",
        "supper",
        "brunch",
        "birthday",
        "anniversary",
        "christmas",
        "holiday",
        "holidays",
        "trip",
        "party",
        "wedding",
        "funeral",
        "interview",
        "exam",
        "appointment",
        "earlier",
        "recently",
        "lately",
        "when",
        "while",
        "during",
        "after",
        "before",
        "since",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_TIME_OF_DAY = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|o'clock)\b|\b\d{1,2}:\d{2}\b")

# Qualities a person has. Counted when the note also speaks to them ("you", "your").
_QUALITIES = frozenset(
    [
        "patient",
        "patience",
        "generous",
        "generosity",
        "thoughtful",
        "thoughtfulness",
        "kind",
        "kindness",
        "brave",
        "bravery",
        "courage",
        "courageous",
        "funny",
        "humour",
        "humor",
        "gentle",
        "gentleness",
        "honest",
        "honesty",
        "calm",
        "caring",
        "considerate",
        "reliable",
        "dependable",
        "curious",
        "curiosity",
        "warm",
        "warmth",
        "steady",
        "creative",
        "creativity",
        "wise",
        "wisdom",
        "loyal",
        "loyalty",
        "playful",
        "attentive",
        "selfless",
        "hardworking",
        "determined",
        "determination",
        "resilient",
        "supportive",
        "encouraging",
        "forgiving",
        "optimistic",
        "cheerful",
        "tender",
        "affectionate",
        "sincere",
        "fair",
        "organised",
        "organized",
        "clever",
        "insightful",
        "respectful",
        "dedicated",
        "devoted",
        "trustworthy",
        "protective",
        "compassionate",
        "compassion",
        "empathetic",
        "empathy",
        "understanding",
        "strong",
        "strength",
        "grace",
        "graceful",
        "humble",
        "humility",
        "effort",
        "listener",
        "helper",
        "friend",
        "teacher",
        "cook",
        "carer",
        "open-minded",
        "open-hearted",
        "big-hearted",
        "level-headed",
    ]
)

_SECOND_PERSON = frozenset(
    {
        "you",
        "your",
        "yours",
        "yourself",
        "you're",
        "you've",
        "you'd",
        "you'll",
        "u",
        "ur",
        "youre",
        "youve",
    }
)

# Verbs: regular past tenses are found by their ending; these are the common ones that
# are not, plus everyday present-tense actions ("you always make me laugh").
_IRREGULAR_PAST = frozenset(
    [
        "made",
        "took",
        "brought",
        "stayed",
        "came",
        "gave",
        "kept",
        "let",
        "left",
        "sat",
        "found",
        "bought",
        "told",
        "sent",
        "wrote",
        "drove",
        "held",
        "got",
        "put",
        "ran",
        "read",
        "said",
        "saw",
        "spent",
        "taught",
        "thought",
        "went",
        "did",
        "won",
        "stood",
        "met",
        "lent",
        "fed",
        "paid",
        "caught",
        "chose",
        "dug",
        "drew",
        "fought",
        "forgave",
        "heard",
        "hid",
        "hung",
        "knew",
        "led",
        "lit",
        "rode",
        "rang",
        "sang",
        "shook",
        "shut",
        "slept",
        "spoke",
        "stuck",
        "swept",
        "swam",
        "threw",
        "understood",
        "woke",
        "wore",
        "built",
    ]
)
_VERB_BASES = frozenset(
    [
        "make",
        "take",
        "bring",
        "stay",
        "come",
        "give",
        "keep",
        "let",
        "leave",
        "sit",
        "find",
        "buy",
        "tell",
        "send",
        "write",
        "drive",
        "hold",
        "get",
        "put",
        "run",
        "read",
        "say",
        "see",
        "spend",
        "teach",
        "go",
        "do",
        "win",
        "stand",
        "meet",
        "lend",
        "feed",
        "pay",
        "catch",
        "choose",
        "draw",
        "forgive",
        "hear",
        "hang",
        "know",
        "lead",
        "ride",
        "sing",
        "sleep",
        "speak",
        "sweep",
        "throw",
        "understand",
        "wake",
        "build",
        "listen",
        "help",
        "cook",
        "remember",
        "call",
        "check",
        "ask",
        "cheer",
        "pick",
        "clean",
        "notice",
        "handle",
        "wait",
        "fix",
        "cover",
        "look",
        "plan",
        "organise",
        "organize",
        "carry",
        "walk",
        "text",
        "hug",
        "show",
        "share",
        "support",
        "encourage",
        "wash",
        "tidy",
        "offer",
        "save",
        "think",
        "care",
        "try",
        "work",
        "stop",
        "surprise",
        "comfort",
        "defend",
        "protect",
        "believe",
        "trust",
        "hold",
        "laugh",
        "smile",
        "sort",
        "learn",
        "bake",
        "drop",
        "collect",
        "book",
        "water",
        "iron",
        "mend",
        "paint",
        "clear",
        "hear",
        "answer",
        "reach",
        "calm",
        "stick",
        "reassure",
        "wake",
    ]
)
_NOT_VERBS = frozenset(
    {
        "need",
        "indeed",
        "speed",
        "seed",
        "bed",
        "red",
        "shed",
        "feed",
        "breed",
        "exceed",
        "succeed",
        "proceed",
        "tired",
        "interested",
        "married",
        "scared",
        "worried",
    }
)
_ADVERBS = frozenset(
    [
        "always",
        "just",
        "really",
        "even",
        "also",
        "still",
        "actually",
        "totally",
        "so",
        "quietly",
        "kindly",
        "patiently",
        "gently",
        "literally",
        "basically",
        "immediately",
        "quickly",
        "calmly",
        "never",
        "once",
        "often",
        "sometimes",
        "then",
        "already",
        "honestly",
        "genuinely",
        "secretly",
        "happily",
        "carefully",
    ]
)
# "you did everything", "all you do": a verb, but nothing particular was done.
_VAGUE_DOINGS = frozenset({"do", "did", "does", "done", "make", "made", "makes"})
_VAGUE_OBJECTS = frozenset(
    {
        "everything",
        "all",
        "so",
        "that",
        "this",
        "it",
        "stuff",
        "things",
        "anything",
        "a",
        "much",
        "lots",
        "for",
        "to",
        "and",
        "but",
        "every",
        "everyday",
        "always",
    }
)
_ING_NOT_ACTIONS = frozenset(
    {
        "being",
        "everything",
        "anything",
        "something",
        "nothing",
        "thing",
        "morning",
        "evening",
        "during",
        "bring",
        "string",
        "king",
        "ring",
        "spring",
        "sing",
        "wing",
        "swing",
        "sting",
    }
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def _normalise(text: str) -> str:
    return " ".join(text.translate(_APOSTROPHES).casefold().split())


def _is_verb(word: str) -> bool:
    if word in _NOT_VERBS:
        return False
    if word in _IRREGULAR_PAST or word in _VERB_BASES:
        return True
    if len(word) >= 4 and word.endswith("ed"):
        return True
    if word.endswith("s") and word[:-1] in _VERB_BASES:
        return True
    if word.endswith("es") and word[:-2] in _VERB_BASES:
        return True
    return _is_ing_verb(word)


def _is_ing_verb(word: str) -> bool:
    if len(word) < 5 or not word.endswith("ing") or word in _ING_NOT_ACTIONS:
        return False
    stem = word[:-3]
    return (
        stem in _VERB_BASES
        or stem + "e" in _VERB_BASES
        or (len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in _VERB_BASES)
        or len(stem) >= 4
    )


def _names_an_action(words: Sequence[str]) -> bool:
    """ "you stayed", "you've always made", "for cooking", "the way you handled"."""
    for index, word in enumerate(words):
        if word in {"you", "u", "you've", "youve"}:
            following = words[index + 1 : index + 4]
            for candidate in following:
                if candidate in {"have", "had"} or candidate in _ADVERBS:
                    continue
                if _is_verb(candidate) and not _vague_doing(candidate, words, index):
                    return True
                break
        elif word in {"for", "by"} and index + 1 < len(words) and _is_ing_verb(words[index + 1]):
            return True
    return False


def _vague_doing(verb: str, words: Sequence[str], you_at: int) -> bool:
    if verb not in _VAGUE_DOINGS:
        return False
    after = words[words.index(verb, you_at) + 1 : words.index(verb, you_at) + 2]
    return not after or after[0] in _VAGUE_OBJECTS


def _names_a_quality(words: Sequence[str]) -> bool:
    return any(w in _QUALITIES for w in words) and any(w in _SECOND_PERSON for w in words)


def _names_a_moment(words: Sequence[str], normalised: str) -> bool:
    return any(w in _MOMENT_WORDS for w in words) or bool(_TIME_OF_DAY.search(normalised))


def _any(patterns: Iterable[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def coach_appreciation(text: str) -> Coaching:
    """Read a draft note of thanks and say, kindly, what might make it land better.

    Never raises, for any string: the worst it does is offer a hint that wasn't needed.
    """
    raw = text if isinstance(text, str) else ""
    too_long = len(raw.strip()) > NOTE_MAX
    normalised = _normalise(raw[:COACH_INPUT_MAX])
    words = _WORD.findall(normalised)
    if not normalised:
        return Coaching(is_specific=False, findings=(), strengths=(), examples=(), word_count=0)
    if not reads_as_english(raw[:COACH_INPUT_MAX]):
        # Its word lists are English: in another language it says nothing (but "long").
        findings: tuple[Finding, ...] = (Finding("long", HINTS["long"]),) if too_long else ()
        return Coaching(
            is_specific=False,
            findings=findings,
            strengths=(),
            examples=(),
            word_count=len(words),
            understood=False,
        )

    action = _names_an_action(words)
    quality = _names_a_quality(words)
    moment = _names_a_moment(words, normalised)
    effect = _any(_EFFECT, normalised)
    generic = _any(_GENERIC, normalised)
    self_benefit = _any(_SELF_BENEFIT, normalised)

    about_them = action or quality
    anchored = moment or effect or (action and quality)
    is_specific = about_them and anchored

    found: list[str] = []
    if too_long:
        found.append("long")
    if not is_specific:
        if generic:
            found.append("generic")
        if self_benefit and not about_them:
            found.append("only-me")
        if about_them:
            found.append("detail")
        elif not generic and not self_benefit:
            found.append("who")
        if len(words) < SHORT_WORDS and "who" not in found:
            found.append("short")
        elif len(words) < SHORT_WORDS and "who" in found:
            found[found.index("who")] = "short"
    findings = tuple(Finding(code, HINTS[code]) for code in found[:MAX_FINDINGS])

    strengths = tuple(
        STRENGTHS[name]
        for name, present in (
            ("action", action),
            ("quality", quality),
            ("moment", moment),
            ("effect", effect),
        )
        if present
    )
    coachable = [f.code for f in findings if f.code in EXAMPLES]
    examples = EXAMPLES[coachable[0]] if coachable else ()
    return Coaching(
        is_specific=is_specific,
        findings=findings,
        strengths=strengths,
        examples=examples,
        word_count=len(words),
    )
