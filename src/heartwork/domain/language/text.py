"""Reading text the way people type it: tokens, a canonical form, sentences and quotes.

Messages between people who are close are rarely tidy: "u", "ur", "dont", "im", curly
apostrophes, "!!!", emoji, a quoted line from someone else. This module turns any string
into sentences whose words are in one canonical form ("u" → "you", "dont" → "don't",
"’" → "'", all lower case), so a pattern is written once and still matches every way of
typing it. Each character of the canonical form remembers where it came from, so whatever
a pattern matches maps back to exact offsets in the text as written.

Nothing here knows about conflict: it is the plain reading step the analyzers share.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# --- Tokens ---------------------------------------------------------------------------

_APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"
_TOKEN = re.compile(
    r"""
    (?P<num>[£$€¥₹]?\d+(?:[:.,]\d+)*(?:am|pm|st|nd|rd|th|k|s|%)?(?![^\W_]))
   |(?P<word>(?=[^\W_]*[^\W\d_])[^\W_]+(?:[-'\u2019\u02bc][^\W_]+)*)
   |(?P<punct>[.!?\u2026]+|[,;:()\[\]{}"\u201c\u201d\u201e\u00ab\u00bb'\u2018\u2019*/&+=~\u2013\u2014-])
   |(?P<symbol>[^\w\s])
    """,
    re.VERBOSE,
)
_SENTENCE_END = frozenset(".!?\u2026")
_OPEN_QUOTES = frozenset('"\u201c\u201e\u00ab')
_CLOSE_QUOTES = frozenset('"\u201d\u00bb')
_SINGLE_QUOTES = frozenset("'\u2018\u2019")
# A full stop after these is not the end of a sentence.
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "vs", "etc", "eg", "ie", "e.g", "i.e", "approx", "prof"}
)


@dataclass(frozen=True, slots=True)
class Token:
    """One word, number, mark or emoji, with where it sits in the text as written."""

    text: str  # as written
    norm: str  # canonical: lower case, straight apostrophes, texting forms spelled out
    start: int
    end: int
    kind: str  # "word", "num", "punct" or "symbol" (emoji and other signs)
    space_before: bool  # whitespace separates it from the token before
    newline_before: bool  # a line break separates it from the token before

    @property
    def shouted(self) -> bool:
        """Written in capitals for emphasis ("ALWAYS"), not a one-letter word or "I"."""
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


# Texting forms and missing apostrophes, spelled out. Context-dependent ones ("ur", "r",
# "ill", "y", "lets") are decided in ``_spell_out``.
_SPELLED_OUT = {
    "u": "you",
    "yu": "you",
    "yr": "your",
    "urself": "yourself",
    "youre": "you're",
    "youve": "you've",
    "youll": "you'll",
    "youd": "you'd",
    "im": "i'm",
    "ive": "i've",
    "id": "i'd",
    "dont": "don't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "cant": "can't",
    "wont": "won't",
    "isnt": "isn't",
    "wasnt": "wasn't",
    "arent": "aren't",
    "werent": "weren't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "hadnt": "hadn't",
    "shouldnt": "shouldn't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "mustnt": "mustn't",
    "aint": "ain't",
    "thats": "that's",
    "whats": "what's",
    "wheres": "where's",
    "theres": "there's",
    "theyre": "they're",
    "theyve": "they've",
    "hes": "he's",
    "shes": "she's",
    "whos": "who's",
    "ppl": "people",
    "pls": "please",
    "plz": "please",
    "plis": "please",
    "thx": "thanks",
    "thanx": "thanks",
    "ty": "thanks",
    "tho": "though",
    "cuz": "because",
    "coz": "because",
    "cos": "because",
    "bc": "because",
    "bcos": "because",
    "becuz": "because",
    "bout": "about",
    "nvm": "never mind",
    "idc": "i don't care",
    "idk": "i don't know",
    "dunno": "don't know",
    "ngl": "not gonna lie",
    "tbh": "to be honest",
    "rn": "right now",
    "srsly": "seriously",
    "sry": "sorry",
    "soz": "sorry",
    "wtv": "whatever",
    "whatevs": "whatever",
    "whatevz": "whatever",
    "b4": "before",
    "2day": "today",
    "2nite": "tonight",
    "tonite": "tonight",
    "l8r": "later",
    "okay": "ok",
    "okey": "ok",
    "kk": "k",
    "yeh": "yeah",
    "yea": "yeah",
    "wat": "what",
    "wot": "what",
    "abt": "about",
    "luv": "love",
    "msg": "message",
    "txt": "text",
    "wanna": "want to",
    "gotta": "got to",
}
# "ur" before these is "you're" ("ur so lazy"); otherwise "your" ("ur phone").
_YOURE_NEXT = frozenset(
    [
        "so",
        "such",
        "a",
        "an",
        "the",
        "being",
        "not",
        "always",
        "never",
        "literally",
        "just",
        "really",
        "too",
        "very",
        "actually",
        "honestly",
        "kidding",
        "joking",
        "right",
        "wrong",
        "welcome",
        "clearly",
        "obviously",
        "totally",
        "completely",
        "absolutely",
        "still",
        "only",
        "going",
        "gonna",
        "doing",
        "making",
        "acting",
        "getting",
        "supposed",
        "one",
        "like",
    ]
)
# "ill" after these is the adjective ("i feel ill"); otherwise "i'll" ("ill call u").
_ILL_ADJECTIVE_AFTER = frozenset(
    [
        "feel",
        "feeling",
        "felt",
        "am",
        "i'm",
        "was",
        "been",
        "be",
        "being",
        "look",
        "looks",
        "looked",
        "get",
        "got",
        "getting",
        "fell",
        "so",
        "really",
        "very",
        "quite",
        "bit",
    ]
)


def _symbol_run(text: str, index: int) -> int:
    """Where a run of emoji (with skin tones, joiners, variation selectors) ends."""
    end = index + 1
    while end < len(text):
        char = text[end]
        code = ord(char)
        if (
            char == "\u200d"
            or 0xFE00 <= code <= 0xFE0F
            or 0x1F3FB <= code <= 0x1F3FF
            or 0xE0020 <= code <= 0xE007F
        ) or (text[end - 1] == "\u200d" and unicodedata.category(char) == "So"):
            end += 1
        else:
            break
    return end


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens with exact offsets and canonical forms."""
    tokens: list[Token] = []
    position = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "symbol"
        start, end = match.span()
        if kind == "symbol" and end <= position:
            continue  # already taken into the run before
        if start < position:
            continue
        if kind == "symbol":
            end = _symbol_run(text, start)
        gap = text[position:start]
        surface = text[start:end]
        tokens.append(
            Token(
                text=surface,
                norm=_canonical(surface, kind),
                start=start,
                end=end,
                kind=kind,
                space_before=bool(gap),
                newline_before="\n" in gap or "\r" in gap,
            )
        )
        position = end
    return _spell_out(tokens)


def _canonical(surface: str, kind: str) -> str:
    if kind == "punct":
        if surface in _OPEN_QUOTES or surface in _CLOSE_QUOTES:
            return '"'
        if surface in _SINGLE_QUOTES:
            return "'"
        return surface.replace("\u2026", "...")
    if kind == "symbol":
        return surface
    folded = surface.casefold()
    for mark in _APOSTROPHES[1:]:
        folded = folded.replace(mark, "'")
    return folded


def _spell_out(tokens: list[Token]) -> list[Token]:
    """Texting forms and missing apostrophes to their full spelling, using context."""
    out: list[Token] = []
    for index, token in enumerate(tokens):
        if token.kind != "word":
            out.append(token)
            continue
        norm = token.norm
        before = out[-1].norm if out else ""
        after = tokens[index + 1].norm if index + 1 < len(tokens) else ""
        at_start = not out or out[-1].kind == "punct" or token.newline_before
        if norm == "ur":
            norm = "you're" if after in _YOURE_NEXT or after.endswith("ing") else "your"
        elif (norm == "r" and before in {"you", "u", "they", "we"}) or (
            norm == "r" and after in {"you", "u"}
        ):
            norm = "are"
        elif norm == "y" and after in {"you", "u", "do", "did", "are", "is", "would", "can't"}:
            norm = "why"
        elif norm == "ill" and before not in _ILL_ADJECTIVE_AFTER:
            norm = "i'll"
        elif norm == "lets" and at_start:
            norm = "let's"
        elif norm == "its" and after in {"not", "always", "never", "like", "ok", "fine"}:
            norm = "it's"
        else:
            norm = _SPELLED_OUT.get(norm, norm)
        if norm != token.norm:
            token = Token(
                token.text,
                norm,
                token.start,
                token.end,
                token.kind,
                token.space_before,
                token.newline_before,
            )
        out.append(token)
    return out


# --- Sentences ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence in canonical form, with a map back to the text as written.

    ``norm`` joins the tokens' canonical forms, a space wherever the writer left one, so
    patterns read naturally ("you're so lazy!"). ``starts[i]`` and ``ends[i]`` are where
    the character ``norm[i]`` came from; a match ``norm[a:b]`` is ``text[starts[a]:
    ends[b - 1]]``. ``quoted`` marks the characters of ``norm`` inside reported speech.
    """

    tokens: tuple[Token, ...]
    norm: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    start: int
    end: int

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Offsets in the original text of ``norm[a:b]`` (trimmed of spaces)."""
        while a < b and self.norm[a] == " ":
            a += 1
        while b > a and self.norm[b - 1] == " ":
            b -= 1
        if a >= b:
            return self.start, self.start
        return self.starts[a], self.ends[b - 1]


def _build(tokens: list[Token]) -> Sentence:
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for index, token in enumerate(tokens):
        if index and token.space_before:
            parts.append(" ")
            starts.append(token.start)
            ends.append(token.start)
        parts.append(token.norm)
        starts.extend([token.start] * len(token.norm))
        ends.extend([token.end] * len(token.norm))
    return Sentence(
        tokens=tuple(tokens),
        norm="".join(parts),
        starts=tuple(starts),
        ends=tuple(ends),
        start=tokens[0].start,
        end=tokens[-1].end,
    )


def _ends_sentence(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    if token.kind != "punct" or not (set(token.text) & _SENTENCE_END):
        return False
    if token.text == "." and index > 0:
        previous = tokens[index - 1]
        if previous.norm in _ABBREVIATIONS and not token.space_before:
            return False
        if previous.kind == "word" and len(previous.norm) == 1 and previous.norm not in "ik":
            return False  # an initial: "J. Smith"
    return True


def split_sentences(tokens: list[Token]) -> list[Sentence]:
    """Sentences: at . ! ? … (not after an abbreviation), and at line breaks.

    Closing quotes, brackets and emoji right after the end mark stay with the sentence
    they close ("alive. 🙄" is one sentence), so a reaction keeps its context.
    """
    sentences: list[Sentence] = []
    current: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.newline_before and current:
            sentences.append(_build(current))
            current = []
        current.append(token)
        if _ends_sentence(tokens, index):
            while index + 1 < len(tokens) and not tokens[index + 1].newline_before:
                following = tokens[index + 1]
                if following.kind == "symbol" or (
                    following.kind == "punct"
                    and (
                        following.norm in {'"', "'", ")", "]"}
                        or set(following.text) <= _SENTENCE_END
                    )
                ):
                    current.append(following)
                    index += 1
                else:
                    break
            sentences.append(_build(current))
            current = []
        index += 1
    if current:
        sentences.append(_build(current))
    return sentences


# --- Quotes ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Quote:
    """Words inside quotation marks: offsets (in the original text) of the inside."""

    start: int
    end: int
    words: int
    opener: int  # index of the opening token in the message's tokens
    closer: int


def find_quotes(tokens: list[Token]) -> list[Quote]:
    """Pairs of quotation marks, double or single, around one or more words.

    A single quote counts as a quotation mark only where it cannot be an apostrophe: it
    opens after a space or bracket and closes before a space or a mark.
    """
    quotes: list[Quote] = []
    opened: int | None = None
    single = False
    for index, token in enumerate(tokens):
        if token.kind != "punct" or token.norm not in {'"', "'"}:
            continue
        is_single = token.norm == "'"
        if opened is None:
            nxt = tokens[index + 1] if index + 1 < len(tokens) else None
            if nxt is None or nxt.space_before:
                continue
            if (
                is_single
                and index > 0
                and not token.space_before
                and tokens[index - 1].kind == "word"
            ):
                continue
            opened, single = index, is_single
        elif is_single == single:
            prev = tokens[index - 1]
            if prev.space_before and index - 1 == opened:
                continue
            inside = tokens[opened + 1 : index]
            words = sum(1 for t in inside if t.kind in {"word", "num"})
            if words:
                quotes.append(Quote(inside[0].start, inside[-1].end, words, opened, index))
            opened = None
    return quotes


@dataclass(frozen=True, slots=True)
class Reading:
    """A message read once: its tokens, sentences and quotes."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[Quote, ...]


def read(text: str) -> Reading:
    """Tokens, sentences and quotes of ``text``. Never raises for any string."""
    tokens = tokenize(text)
    return Reading(
        text=text,
        tokens=tuple(tokens),
        sentences=tuple(split_sentences(tokens)),
        quotes=tuple(find_quotes(tokens)),
    )


# --- Is it English? ----------------------------------------------------------------------

# The coaches' word lists are English. A note in another language would only collect
# wrong hints ("say who you mean"), so a coach that cannot read a text says nothing. It
# needs evidence to decide a text is not English: mostly another script, or a sentence of
# some length without the common words almost any English sentence uses. Short notes
# ("Cheers mate", "❤️") are read as English: there is too little to tell.
_ENGLISH_WORDS = frozenset(
    [
        "i",
        "you",
        "we",
        "he",
        "she",
        "they",
        "it",
        "me",
        "my",
        "your",
        "our",
        "us",
        "him",
        "her",
        "them",
        "the",
        "an",
        "and",
        "or",
        "but",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "so",
        "that",
        "this",
        "was",
        "were",
        "is",
        "are",
        "am",
        "be",
        "been",
        "have",
        "had",
        "do",
        "did",
        "not",
        "can",
        "will",
        "just",
        "really",
        "thank",
        "thanks",
        "thankyou",
        "thx",
        "ty",
        "love",
        "sorry",
        "when",
        "what",
        "how",
        "always",
    ]
)
_TOO_SHORT_TO_TELL = 4  # words


def _is_latin(letter: str) -> bool:
    return unicodedata.name(letter, "").startswith("LATIN")


def _mostly_latin(word: str) -> bool:
    return sum(map(_is_latin, word)) * 2 > len(word)


def reads_as_english(text: str) -> bool:
    """Whether ``text`` may be English (True unless it clearly is not)."""
    lowered = (text or "").lower()
    words = re.findall(r"[^\W\d_]+", lowered.replace("\u2019", "'"))
    # Counted by words, not letters: a name in its own script ("Thanks, 王, for the soup")
    # leaves a note English, while a sentence written in another script does not.
    latin_words = sum(1 for w in words if _mostly_latin(w))
    if words and latin_words <= len(words) - latin_words:
        return False  # mostly another script: Arabic, Cyrillic, Chinese, Hebrew, ...
    if len(words) < _TOO_SHORT_TO_TELL:
        return True
    hits = sum(1 for w in words if w in _ENGLISH_WORDS)
    return hits * 8 >= len(words) and hits > 0
