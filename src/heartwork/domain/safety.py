"""The safety screen: does something a person wrote show they may be in danger?

``screen(text)`` names the kinds of concern it finds, from a fixed vocabulary and in a
fixed order: ``self_harm``, ``violence``, ``threat``, ``coercive_control``. It is plain,
deterministic Python: no network, nothing learned at run time. What it knows is in
``content/safety_patterns.json``, written by hand, and ``content/safety_model.json``, a
small linear model trained on the development sentences (see ``safety_model``); both
are validated when loaded.

How a text is read, step by step:

1. **Normalise.** NFKC, control and direction marks dropped, curly quotes straightened,
   lowercase, hyphens inside words opened ("self-harm" → "self harm"), then word by word
   the file's spellings: texting forms ("kms", "cant", "bf"), common misspellings
   ("hitted", "suicidle") and canonical contractions ("he will" → "he'll").
2. **Split** into sentences, and mark the words inside quotation marks.
3. **Match** each rule's patterns. Patterns are phrases in a small language (see the
   ``about`` entry of the data file): words, stems (``punch*``), choices ``(a|b)``,
   optional parts ``word?``, named word lists ``@agent`` and gaps ``~3``. Each pattern
   knows the words it can start with, so it is only tried where one of them stands.
4. **Check** every match before it counts:
   - *negation*: "he has never hit me", "I'm not suicidal": a negation word a few
     words before the match, in the same clause, cancels it ("if I don't …" does not);
   - *reported speech*: a first-person self-harm phrase inside someone else's words
     ("if you leave I'll kill myself, he said") is not the writer's own danger; with a
     condition it is a threat used to control, otherwise it is dropped; some phrases
     ("you're dead") count only inside someone else's words;
   - *guards*: figurative idioms ("killed it", "my feet are killing me"), fiction and
     news, someone else's story, sport and play, arrangements both people chose, and
     situations that are clearly over, each cancelling the kinds it names.
5. **Decide**: a kind is present when at least one of its matches survives, or when the
   model's score for it reaches its threshold and no pattern match of that kind was
   negated and no guard for it stands anywhere in the text.

Missing a real case is worse than a false alarm, so when in doubt a pattern is kept.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from heartwork.domain.content_files import ContentError, read_content_json
from heartwork.domain.safety_model import (
    MODEL_FILE,
    NegationWords,
    SafetyModel,
    parse_model,
    split_words,
)

KINDS: tuple[str, ...] = ("self_harm", "violence", "threat", "coercive_control")
CONTENT_FILE = "safety_patterns.json"
MODEL_RULE = "model"  # a Finding's rule when the learned model, not a pattern, found it
MODEL_MIN_WORDS = 6  # fewer words than this and only the patterns speak
# Where a guard looks: the matched words, their sentence, that sentence and the ones
# either side, or the whole text.
SCOPES = ("match", "sentence", "nearby", "text")

# The token between sentences in the string the patterns run over. The tokenizer never
# produces it (a literal "|" in the text is removed) and no gap in a pattern crosses it.
SEPARATOR = "|"

_TOKEN = re.compile(r"\w+(?:'\w+)*|\S")
_SENTENCE_END = frozenset({".", "!", "?", ";", "…"})
_QUOTE = '"'
_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff|]"
)
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u00b4": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2013": " - ",
        "\u2014": " - ",
    }
)
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
# An apostrophe that is not inside a word ("'for security'") is a quotation mark.
_LONE_APOSTROPHE = re.compile(r"(?<!\w)'|'(?!\w)")
_LONG_RUN = re.compile(r"(\w)\1{2,}")  # "soooo" → "soo": keeps "kill", tames stretching


# --------------------------------------------------------------------------- the data


@dataclass(frozen=True, slots=True)
class Starts:
    """The words a pattern can begin with (``anything``: it can begin anywhere)."""

    words: frozenset[str]
    stems: frozenset[str]
    anything: bool


@dataclass(frozen=True, slots=True)
class PatternSet:
    """Compiled phrases: ``regex`` is tried only at tokens that ``starts`` allows."""

    regex: re.Pattern[str]
    starts: Starts


@dataclass(frozen=True, slots=True)
class Rule:
    """Phrases that, matched and not cancelled, show one or more kinds of concern."""

    id: str
    kinds: tuple[str, ...]
    patterns: PatternSet
    zone: str  # "any", or "reported": counts only inside someone else's words
    negatable: bool
    together: tuple[PatternSet, ...]  # each must also appear somewhere in the text


@dataclass(frozen=True, slots=True)
class Guard:
    """Phrases that cancel matches of some kinds within a scope (see SCOPES), unless one
    of the ``unless`` phrases is in that scope too."""

    id: str
    kinds: frozenset[str]
    scope: str
    patterns: PatternSet
    unless: PatternSet | None


@dataclass(frozen=True, slots=True)
class Respelling:
    words: Mapping[str, tuple[str, ...]]
    phrases: Mapping[tuple[str, ...], tuple[str, ...]]
    phrase_starts: frozenset[str]
    longest_phrase: int
    before: Mapping[str, tuple[str, frozenset[str]]]  # word → (becomes, when next is)
    after: Mapping[str, tuple[str, frozenset[str]]]  # word → (becomes, when previous is)
    keep_will_after: frozenset[str]  # "he'll" stays; "boss'll" becomes "boss will"


@dataclass(frozen=True, slots=True)
class Negation:
    cues: frozenset[str]
    not_negating: frozenset[tuple[str, str]]  # (cue, next word): "don't know" negates nothing
    breakers: frozenset[str]
    soft: frozenset[str]
    clause_starters: frozenset[str]
    conditional: frozenset[str]  # "if", "unless": a negation inside one denies nothing
    window: int


@dataclass(frozen=True, slots=True)
class Reported:
    opens: PatternSet  # "he said", "she keeps saying": someone else's words follow
    closes: PatternSet  # ", he said": someone else's words came before
    ends_at: frozenset[str]  # after "," or "and", these start the writer's own clause again
    condition: PatternSet  # someone's self-harm talk with this is a threat to control


@dataclass(frozen=True, slots=True)
class SafetyPatterns:
    version: int
    respelling: Respelling
    negation: Negation
    reported: Reported
    rules: tuple[Rule, ...]
    guards: tuple[Guard, ...]
    stems: frozenset[str]  # every stem any pattern starts with, to index texts by
    longest_stem: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One reason for a kind: the rule that matched, and in which sentence."""

    kind: str
    rule: str
    sentence: int


# ------------------------------------------------------------------- the pattern language


@dataclass
class _First:
    words: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    anything: bool = False
    nullable: bool = False  # the piece can match no words at all

    def add(self, other: _First) -> None:
        self.words |= other.words
        self.stems |= other.stems
        self.anything |= other.anything


_DIGITS = frozenset("0123456789")


class _Compiler:
    """Turns pattern phrases into regular expressions over the normalised token string.

    The string is `` | tok tok | tok | ``: every token followed by one space. Each
    piece of a pattern consumes whole tokens with their trailing space, so a pattern can
    never match half a word. Alongside, it works out the words a pattern can start with.
    """

    _LEX = re.compile(r"\(|\)|\||[^\s()|]+")
    _WORD = re.compile(r"[^\sA-Z()|~@]+")

    def __init__(
        self,
        lexicons: Mapping[str, Sequence[str]],
        negation_cues: Iterable[str],
        respell: Mapping[str, tuple[str, ...]],
    ):
        self.lexicons = lexicons
        self.respell = respell  # a pattern may use texting forms too: "gonna" → "going to"
        self.compiled: dict[str, tuple[str, _First]] = {}
        self.busy: set[str] = set()
        self.tokens: list[str] = []
        self.pos = 0
        cues = "|".join(re.escape(c) for c in sorted(negation_cues, key=len, reverse=True))
        self.no_negation = f"(?!(?:{cues}) )" if cues else ""

    def phrase(self, pattern: str) -> tuple[str, _First]:
        tokens = self._LEX.findall(pattern.replace(")?", ")? "))
        if not tokens:
            raise ValueError("empty pattern")
        saved = self.tokens, self.pos
        self.tokens, self.pos = tokens, 0
        try:
            result = self._alternatives()
            if self.pos != len(self.tokens):
                raise ValueError(f"unexpected {self.tokens[self.pos]!r}")
        finally:
            self.tokens, self.pos = saved
        return result

    def compile(self, patterns: Sequence[str], where: str) -> PatternSet:
        parts = []
        first = _First()
        for pattern in patterns:
            if not isinstance(pattern, str) or not pattern.strip():
                raise ContentError(f"{CONTENT_FILE}: {where}: every pattern must be text")
            try:
                fragment, starts = self.phrase(pattern)
            except (ValueError, re.error) as error:
                raise ContentError(f"{CONTENT_FILE}: {where}: {pattern!r}: {error}") from None
            parts.append(fragment)
            first.add(starts)
            first.anything |= starts.nullable
        try:
            regex = re.compile("(?<= )(?:" + "|".join(parts) + ")")
        except re.error as error:  # pragma: no cover - each part compiled above
            raise ContentError(f"{CONTENT_FILE}: {where}: {error}") from None
        return PatternSet(
            regex, Starts(frozenset(first.words), frozenset(first.stems), first.anything)
        )

    # A recursive-descent reader: alternatives := sequence ("|" sequence)*
    def _alternatives(self) -> tuple[str, _First]:
        options = [self._sequence()]
        while self.pos < len(self.tokens) and self.tokens[self.pos] == "|":
            self.pos += 1
            options.append(self._sequence())
        first = _First()
        for _, option in options:
            first.add(option)
            first.nullable |= option.nullable
        if len(options) == 1:
            return options[0][0], first
        return "(?:" + "|".join(fragment for fragment, _ in options) + ")", first

    def _sequence(self) -> tuple[str, _First]:
        items = []
        while self.pos < len(self.tokens) and self.tokens[self.pos] not in ("|", ")"):
            items.append(self._item())
        if not items:
            raise ValueError("an empty choice")
        first = _First(nullable=True)
        for _, item in items:
            first.add(item)
            if not item.nullable:
                first.nullable = False
                break
        return "".join(fragment for fragment, _ in items), first

    def _item(self) -> tuple[str, _First]:
        token = self.tokens[self.pos]
        self.pos += 1
        if token == "(":
            inner, first = self._alternatives()
            if self.pos >= len(self.tokens) or self.tokens[self.pos] != ")":
                raise ValueError("a '(' without its ')'")
            self.pos += 1
            fragment = f"(?:{inner})"
            if self.pos < len(self.tokens) and self.tokens[self.pos] == "?":
                self.pos += 1
                return fragment + "?", _First(first.words, first.stems, first.anything, True)
            return fragment, first
        optional = len(token) > 1 and token.endswith("?")
        if optional:
            token = token[:-1]
        fragment, first = self._atom(token)
        if optional:
            return f"(?:{fragment})?", _First(first.words, first.stems, first.anything, True)
        return fragment, first

    def _atom(self, token: str) -> tuple[str, _First]:
        if token == "?":
            raise ValueError("'?' must follow a word or a ')'")
        if token == "$":  # the end of the sentence
            return rf"(?=\{SEPARATOR} )", _First(nullable=True)
        if token == "^":  # the start of the sentence
            return rf"(?<=\{SEPARATOR} )", _First(nullable=True)
        if token == "#":  # a number
            return r"\d[\d.,:/]* ", _First(stems=set(_DIGITS))
        if token == "~" or (token.startswith("~") and token[1:].isdigit()):
            count = int(token[1:] or 3)
            gap = rf"(?:{self.no_negation}[^ {SEPARATOR}]+ ){{0,{count}}}"
            return gap, _First(anything=True, nullable=True)
        if token.startswith("...") and (token[3:].isdigit() or token == "..."):
            count = int(token[3:] or 6)
            return rf"(?:[^ {SEPARATOR}]+ ){{0,{count}}}", _First(anything=True, nullable=True)
        if token.startswith("@"):
            return self._lexicon(token[1:])
        if not self._WORD.fullmatch(token):
            raise ValueError(f"{token!r} is not a lowercase word")
        if token.endswith("*") and len(token) > 1:
            stem = token[:-1]
            return re.escape(stem) + rf"[^ {SEPARATOR}]* ", _First(stems={stem})
        if "*" in token:
            raise ValueError(f"{token!r}: '*' only ends a stem")
        words = self.respell.get(token, (token,))
        return "".join(re.escape(word) + " " for word in words), _First(words={words[0]})

    def _lexicon(self, name: str) -> tuple[str, _First]:
        if name in self.compiled:
            return self.compiled[name]
        if name not in self.lexicons:
            raise ValueError(f"no word list named @{name}")
        if name in self.busy:
            raise ValueError(f"the word list @{name} refers to itself")
        self.busy.add(name)
        try:
            parts = [self.phrase(entry) for entry in self.lexicons[name]]
        finally:
            self.busy.discard(name)
        first = _First()
        for _, part in parts:
            first.add(part)
            first.nullable |= part.nullable
        self.compiled[name] = "(?:" + "|".join(fragment for fragment, _ in parts) + ")", first
        return self.compiled[name]


# --------------------------------------------------------------------- loading the file


def _need(condition: bool, message: str) -> None:
    if not condition:
        raise ContentError(f"{CONTENT_FILE}: {message}")


def _strings(value: Any, where: str, *, allow_empty: bool = False) -> list[str]:
    _need(
        isinstance(value, list)
        and (allow_empty or bool(value))
        and all(isinstance(v, str) and v.strip() for v in value),
        f"{where} must be a list of non-empty strings",
    )
    return list(value)


def _only_keys(entry: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = set(entry) - allowed
    _need(not unknown, f"{where}: unknown keys {sorted(unknown)} (allowed: {sorted(allowed)})")


def _kinds(value: Any, where: str) -> tuple[str, ...]:
    if value == "all":
        return KINDS
    kinds = _strings(value, f"{where}.kinds")
    bad = [k for k in kinds if k not in KINDS]
    _need(not bad, f"{where}.kinds: {bad} not in {list(KINDS)}")
    return tuple(k for k in KINDS if k in kinds)


def _words(value: Any, where: str) -> frozenset[str]:
    return frozenset(_strings(value, where))


def _parse_respelling(data: Any) -> Respelling:
    _need(isinstance(data, dict), "'respell' must be an object")
    _only_keys(data, {"about", "words", "phrases", "contextual", "keep_will_after"}, "respell")
    words, phrases = data.get("words"), data.get("phrases")
    _need(isinstance(words, dict), "respell.words must be an object")
    _need(isinstance(phrases, dict), "respell.phrases must be an object")
    for table, name, several in ((words, "words", False), (phrases, "phrases", True)):
        for key, value in table.items():
            _need(
                isinstance(value, str) and value.strip() != "" and value == value.lower(),
                f"respell.{name}: {key!r} must become lowercase text, not {value!r}",
            )
            _need(
                key == key.lower() and (len(key.split()) > 1) == several,
                f"respell.{name}: {key!r} must be lowercase, "
                + ("several words" if several else "one word"),
            )
    before: dict[str, tuple[str, frozenset[str]]] = {}
    after: dict[str, tuple[str, frozenset[str]]] = {}
    contextual = data.get("contextual", [])
    _need(isinstance(contextual, list), "respell.contextual must be a list")
    for index, entry in enumerate(contextual):
        where = f"respell.contextual[{index}]"
        _need(isinstance(entry, dict), f"{where} must be an object")
        _only_keys(entry, {"word", "becomes", "when_next_is", "when_previous_is"}, where)
        word, becomes = entry.get("word"), entry.get("becomes")
        _need(isinstance(word, str) and isinstance(becomes, str), f"{where}: word and becomes")
        if "when_next_is" in entry:
            before[word] = (becomes, _words(entry["when_next_is"], f"{where}.when_next_is"))
        elif "when_previous_is" in entry:
            after[word] = (becomes, _words(entry["when_previous_is"], f"{where}.when_previous_is"))
        else:
            _need(False, f"{where}: needs when_next_is or when_previous_is")
    phrase_map = {tuple(k.split()): tuple(v.split()) for k, v in phrases.items()}
    return Respelling(
        words={k: tuple(v.split()) for k, v in words.items()},
        phrases=phrase_map,
        phrase_starts=frozenset(key[0] for key in phrase_map),
        longest_phrase=max((len(k) for k in phrase_map), default=0),
        before=before,
        after=after,
        keep_will_after=_words(data.get("keep_will_after", ["i"]), "respell.keep_will_after"),
    )


def _parse_negation(data: Any) -> Negation:
    _need(isinstance(data, dict), "'negation' must be an object")
    allowed = {"about", "cues", "not_negating", "breakers", "soft", "clause_starters"}
    _only_keys(data, allowed | {"conditional", "window"}, "negation")
    pairs = data.get("not_negating", {})
    _need(isinstance(pairs, dict), "negation.not_negating must be an object")
    not_negating = frozenset(
        (cue, word)
        for cue, words in pairs.items()
        for word in _strings(words, f"negation.not_negating.{cue}")
    )
    window = data.get("window")
    _need(isinstance(window, int) and 1 <= window <= 20, "negation.window must be 1–20")
    return Negation(
        cues=_words(data.get("cues"), "negation.cues"),
        not_negating=not_negating,
        breakers=_words(data.get("breakers"), "negation.breakers"),
        soft=_words(data.get("soft"), "negation.soft"),
        clause_starters=_words(data.get("clause_starters"), "negation.clause_starters"),
        conditional=_words(data.get("conditional"), "negation.conditional"),
        window=window,
    )


def _parse_rule(entry: Any, index: int, compiler: _Compiler, seen: set[str]) -> Rule:
    _need(isinstance(entry, dict), f"rules[{index}] must be an object")
    rule_id = entry.get("id")
    _need(isinstance(rule_id, str) and bool(rule_id), f"rules[{index}] needs an id")
    where = f"rule {rule_id!r}"
    _need(rule_id not in seen, f"{where}: the id is already used")
    seen.add(rule_id)
    _only_keys(entry, {"id", "kinds", "patterns", "note", "zone", "negatable", "together"}, where)
    zone = entry.get("zone", "any")
    _need(zone in ("any", "reported"), f"{where}: zone must be 'any' or 'reported'")
    negatable = entry.get("negatable", True)
    _need(isinstance(negatable, bool), f"{where}: negatable must be true or false")
    together = _strings(entry.get("together", []), f"{where}.together", allow_empty=True)
    return Rule(
        id=rule_id,
        kinds=_kinds(entry.get("kinds"), where),
        patterns=compiler.compile(_strings(entry.get("patterns"), f"{where}.patterns"), where),
        zone=zone,
        negatable=negatable,
        together=tuple(compiler.compile([p], f"{where}.together") for p in together),
    )


def _parse_guard(entry: Any, index: int, compiler: _Compiler, seen: set[str]) -> Guard:
    _need(isinstance(entry, dict), f"guards[{index}] must be an object")
    guard_id = entry.get("id")
    _need(isinstance(guard_id, str) and bool(guard_id), f"guards[{index}] needs an id")
    where = f"guard {guard_id!r}"
    _need(guard_id not in seen, f"{where}: the id is already used")
    seen.add(guard_id)
    _only_keys(entry, {"id", "kinds", "scope", "patterns", "unless", "note"}, where)
    scope = entry.get("scope")
    _need(scope in SCOPES, f"{where}: scope must be one of {list(SCOPES)}")
    unless = _strings(entry.get("unless", []), f"{where}.unless", allow_empty=True)
    return Guard(
        id=guard_id,
        kinds=frozenset(_kinds(entry.get("kinds"), where)),
        scope=scope,
        patterns=compiler.compile(_strings(entry.get("patterns"), f"{where}.patterns"), where),
        unless=compiler.compile(unless, f"{where}.unless") if unless else None,
    )


def parse_patterns(data: Any) -> SafetyPatterns:
    """Validate the pattern file and compile it. A malformed entry raises ContentError."""
    _need(isinstance(data, dict), "the file must hold one object")
    top = {"about", "version", "respell", "negation", "reported_speech", "lexicons"}
    _only_keys(data, top | {"rules", "guards"}, "top level")
    _need(isinstance(data.get("version"), int), "'version' must be a number")
    respelling = _parse_respelling(data.get("respell"))
    negation = _parse_negation(data.get("negation"))
    lexicons = data.get("lexicons")
    _need(isinstance(lexicons, dict) and bool(lexicons), "'lexicons' must be an object")
    for name, entries in lexicons.items():
        _need(re.fullmatch(r"[a-z_]+", name) is not None, f"lexicon name {name!r}")
        _strings(entries, f"lexicons.{name}")
    compiler = _Compiler(lexicons, negation.cues, respelling.words)

    reported = data.get("reported_speech")
    _need(isinstance(reported, dict), "'reported_speech' must be an object")
    _only_keys(reported, {"about", "opens", "closes", "ends_at", "condition"}, "reported_speech")
    speech = {
        key: compiler.compile(
            _strings(reported.get(key), f"reported_speech.{key}"), f"reported_speech.{key}"
        )
        for key in ("opens", "closes", "condition")
    }
    seen: set[str] = set()
    raw_rules, raw_guards = data.get("rules"), data.get("guards")
    _need(isinstance(raw_rules, list) and bool(raw_rules), "'rules' must be a non-empty list")
    _need(isinstance(raw_guards, list), "'guards' must be a list")
    rules = tuple(_parse_rule(e, i, compiler, seen) for i, e in enumerate(raw_rules))
    guards = tuple(_parse_guard(e, i, compiler, seen) for i, e in enumerate(raw_guards))
    every_set = [*speech.values(), *(r.patterns for r in rules), *(g.patterns for g in guards)]
    every_set += [p for r in rules for p in r.together]
    every_set += [g.unless for g in guards if g.unless is not None]
    stems = frozenset(stem for p in every_set for stem in p.starts.stems)
    return SafetyPatterns(
        version=data["version"],
        respelling=respelling,
        negation=negation,
        reported=Reported(
            opens=speech["opens"],
            closes=speech["closes"],
            ends_at=_words(reported.get("ends_at"), "reported_speech.ends_at"),
            condition=speech["condition"],
        ),
        rules=rules,
        guards=guards,
        stems=stems,
        longest_stem=max((len(stem) for stem in stems), default=0),
    )


@cache
def safety_patterns() -> SafetyPatterns:
    return parse_patterns(read_content_json(CONTENT_FILE))


@cache
def negation_words(negation: Negation) -> NegationWords:
    return NegationWords(negation.cues, negation.not_negating, negation.breakers)


@cache
def safety_model() -> SafetyModel:
    return parse_model(read_content_json(MODEL_FILE), KINDS)


# ----------------------------------------------------------------------- reading a text


@dataclass(frozen=True, slots=True)
class Document:
    """A text as the patterns see it."""

    string: str  # " | tok tok | tok | ": what the patterns run over
    tokens: tuple[str, ...]  # the tokens in order, SEPARATOR around every sentence
    offsets: tuple[int, ...]  # where each token starts in ``string``
    sentence_of: tuple[int, ...]  # the sentence each token belongs to
    sentence_start: tuple[int, ...]  # the first token of each sentence
    quoted: frozenset[int]  # tokens inside quotation marks
    at_word: Mapping[str, tuple[int, ...]]  # word → where it stands
    at_prefix: Mapping[str, tuple[int, ...]]  # a stem the patterns use → where

    def token_at(self, offset: int) -> int:
        return bisect.bisect_right(self.offsets, offset) - 1

    def candidates(self, starts: Starts) -> list[int]:
        if starts.anything:
            return [i for i, token in enumerate(self.tokens) if token != SEPARATOR]
        found: set[int] = set()
        for word in starts.words & self.at_word.keys():
            found.update(self.at_word[word])
        for stem in starts.stems & self.at_prefix.keys():
            found.update(self.at_prefix[stem])
        return sorted(found)

    def find(self, patterns: PatternSet) -> Iterator[re.Match[str]]:
        """Every match, tried only where the patterns can start."""
        for i in self.candidates(patterns.starts):
            match = patterns.regex.match(self.string, self.offsets[i])
            if match is not None:
                yield match

    def sentences_with(self, patterns: PatternSet) -> set[int]:
        return {self.sentence_of[self.token_at(m.start())] for m in self.find(patterns)}


def normalise(text: str) -> str:
    """Lowercase, plain-quoted, control-free text with inner hyphens opened."""
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub(" ", text).translate(_QUOTES).lower()
    text = _INNER_HYPHEN.sub(" ", text)
    text = _LONG_RUN.sub(r"\1\1", text)
    return _LONE_APOSTROPHE.sub('"', text)


def _respell(tokens: list[str], spelling: Respelling) -> list[str]:
    out: list[str] = []
    words = spelling.words
    for token in tokens:
        if token in words:
            out.extend(words[token])
        elif token.endswith("'ll") and token[:-3] not in spelling.keep_will_after:
            out.extend((token[:-3], "will"))  # "boss'll" → "boss will"
        else:
            out.append(token)
    if spelling.longest_phrase:
        joined: list[str] = []
        i = 0
        while i < len(out):
            if out[i] not in spelling.phrase_starts:
                joined.append(out[i])
                i += 1
                continue
            for size in range(min(spelling.longest_phrase, len(out) - i), 1, -1):
                replacement = spelling.phrases.get(tuple(out[i : i + size]))
                if replacement is not None:
                    joined.extend(replacement)
                    i += size
                    break
            else:
                joined.append(out[i])
                i += 1
        out = joined
    if not (spelling.before.keys() | spelling.after.keys()).isdisjoint(out):
        _respell_in_context(out, spelling)
    return out


def _respell_in_context(out: list[str], spelling: Respelling) -> None:
    for i, token in enumerate(out):
        if token in spelling.before and i + 1 < len(out):
            becomes, when = spelling.before[token]
            if out[i + 1] in when:
                out[i] = becomes
        elif token in spelling.after and i > 0:
            becomes, when = spelling.after[token]
            if out[i - 1] in when:
                out[i] = becomes


def read_document(text: str, patterns: SafetyPatterns) -> Document:
    sentences: list[list[tuple[str, bool]]] = []
    for line in normalise(text).split("\n"):
        words = _respell(_TOKEN.findall(line), patterns.respelling)
        # Quotation marks pair up within a line; an unpaired one marks nothing.
        marks = [i for i, word in enumerate(words) if word == _QUOTE]
        inside: set[int] = set()
        for open_at, close_at in zip(marks[::2], marks[1::2], strict=False):
            inside.update(range(open_at + 1, close_at))
        current: list[tuple[str, bool]] = []
        for i, word in enumerate(words):
            if word == _QUOTE:
                continue
            if word in _SENTENCE_END:
                if current:
                    sentences.append(current)
                current = []
                continue
            current.append((word, i in inside))
        if current:
            sentences.append(current)

    tokens: list[str] = [SEPARATOR]
    offsets: list[int] = [1]
    sentence_of: list[int] = [-1]
    sentence_start: list[int] = []
    quoted: set[int] = set()
    at_word: dict[str, list[int]] = {}
    at_prefix: dict[str, list[int]] = {}
    offset = 3  # after " | "
    for number, sentence in enumerate(sentences):
        sentence_start.append(len(tokens))
        for word, is_quoted in sentence:
            index = len(tokens)
            if is_quoted:
                quoted.add(index)
            tokens.append(word)
            offsets.append(offset)
            sentence_of.append(number)
            offset += len(word) + 1
            at_word.setdefault(word, []).append(index)
            for end in range(1, min(len(word), patterns.longest_stem) + 1):
                if word[:end] in patterns.stems:
                    at_prefix.setdefault(word[:end], []).append(index)
        tokens.append(SEPARATOR)
        offsets.append(offset)
        sentence_of.append(number)
        offset += 2
    return Document(
        string=" " + " ".join(tokens) + " ",
        tokens=tuple(tokens),
        offsets=tuple(offsets),
        sentence_of=tuple(sentence_of),
        sentence_start=tuple(sentence_start),
        quoted=frozenset(quoted),
        at_word={word: tuple(at) for word, at in at_word.items()},
        at_prefix={prefix: tuple(at) for prefix, at in at_prefix.items()},
    )


# ------------------------------------------------------------------------ the checks


def _in_condition(doc: Document, cue: int, negation: Negation) -> bool:
    """Whether the cue sits in an "if" clause, where it denies nothing.

    "If I didn't have my dog I would've done it"; "if I don't give him my wages he'll ...".
    """
    k = cue - 1
    while k >= 0 and doc.tokens[k] != SEPARATOR and doc.tokens[k] not in negation.breakers:
        k -= 1
    return k >= 0 and doc.tokens[k] in negation.conditional


def _negated(doc: Document, at: int, negation: Negation) -> bool:
    """Whether a negation word, a few words back in the same clause, cancels a match."""
    tokens = doc.tokens
    if tokens[at] in negation.breakers:  # "nobody would care | if i wasn't there"
        return False
    budget = negation.window
    j = at - 1
    while j >= 0 and budget > 0:
        token = tokens[j]
        if token == SEPARATOR or token in negation.breakers:
            return False
        following = tokens[j + 1]
        if token in negation.soft:
            # "he hit me, and she never ..." starts a new clause; "my phone, or my money"
            # continues the old one (and costs nothing from the window).
            if following in negation.clause_starters:
                return False
        elif token in negation.cues:
            if (token, following) not in negation.not_negating and not _in_condition(
                doc, j, negation
            ):
                return True
            budget -= 1
        else:
            budget -= 1
        j -= 1
    return False


def _reported_zone(doc: Document, reported: Reported, negation: Negation) -> frozenset[int]:
    """Tokens that are someone else's words: quoted, after "he said", before ", he said"."""
    zone = set(doc.quoted)
    for match in doc.find(reported.opens):
        j = doc.token_at(match.end())
        while doc.tokens[j] != SEPARATOR:
            token = doc.tokens[j]
            if token in negation.breakers and token not in negation.conditional:
                break
            if token in negation.soft and doc.tokens[j + 1] in reported.ends_at:
                break
            zone.add(j)
            j += 1
    for match in doc.find(reported.closes):
        end = doc.token_at(match.start())
        zone.update(range(doc.sentence_start[doc.sentence_of[end]], end))
    return frozenset(zone)


@dataclass
class _GuardHits:
    spans: dict[str, list[tuple[int, int, int]]]  # guard id → (start, end, sentence)
    unless: dict[str, set[int]]  # guard id → sentences holding one of its ``unless`` phrases


def _guard_hits(doc: Document, guards: Sequence[Guard]) -> _GuardHits:
    spans: dict[str, list[tuple[int, int, int]]] = {}
    unless: dict[str, set[int]] = {}
    for guard in guards:
        found = [
            (m.start(), m.end(), doc.sentence_of[doc.token_at(m.start())])
            for m in doc.find(guard.patterns)
        ]
        if found:
            spans[guard.id] = found
            unless[guard.id] = doc.sentences_with(guard.unless) if guard.unless else set()
    return _GuardHits(spans, unless)


def _cancelled(
    kind: str, span: tuple[int, int], sentence: int, guards: Sequence[Guard], hits: _GuardHits
) -> bool:
    """Whether a guard cancels ``kind`` for a match at ``span`` in ``sentence``."""
    start, end = span
    for guard in guards:
        if kind not in guard.kinds or guard.id not in hits.spans:
            continue
        saved = hits.unless[guard.id]  # sentences where an ``unless`` phrase stands
        for g_start, g_end, g_sentence in hits.spans[guard.id]:
            if guard.scope == "text":
                if not saved:
                    return True
            elif guard.scope == "nearby":
                low, high = sorted((g_sentence, sentence))
                if high - low <= 1 and not saved & set(range(low - 1, high + 2)):
                    return True
            elif (
                g_sentence == sentence
                and sentence not in saved
                and (guard.scope == "sentence" or (g_start < end and start < g_end))
            ):
                return True
    return False


def _guarded_kinds(doc: Document, guards: Sequence[Guard]) -> set[str]:
    """Kinds a guard cancels anywhere in the text: the model's findings have no place in
    a sentence, so fiction, someone else's story, sport or a resolved past anywhere in
    the text (without an ``unless`` phrase anywhere) cancels what the model found."""
    hits = _guard_hits(doc, guards)
    return {
        kind
        for guard in guards
        if guard.id in hits.spans and not hits.unless[guard.id]
        for kind in guard.kinds
    }


def explain(text: str) -> list[Finding]:
    """Every kind found, with the rule that found it: for tests, tuning and review."""
    patterns = safety_patterns()
    doc = read_document(text, patterns)
    hits: _GuardHits | None = None
    zone: frozenset[int] | None = None
    findings: list[Finding] = []
    denied: set[str] = set()  # kinds a pattern saw and a negation cancelled
    for rule in patterns.rules:
        wanted = set(rule.kinds)
        for match in doc.find(rule.patterns):
            at = doc.token_at(match.start())
            if zone is None:  # worked out once, and only for texts that match something
                zone = _reported_zone(doc, patterns.reported, patterns.negation)
                hits = _guard_hits(doc, patterns.guards)
            assert hits is not None
            if rule.zone == "reported" and at not in zone:
                continue
            if rule.negatable and _negated(doc, at, patterns.negation):
                denied.update(rule.kinds)
                continue
            if rule.together and not all(any(doc.find(p)) for p in rule.together):
                continue
            sentence = doc.sentence_of[at]
            span = (match.start(), match.end())
            kinds = [
                k for k in rule.kinds if not _cancelled(k, span, sentence, patterns.guards, hits)
            ]
            if "self_harm" in kinds and at in zone and rule.zone != "reported":
                # Someone else's words about hurting themselves: a threat to control the
                # writer when it comes with a condition ("if you leave"), else not ours.
                kinds.remove("self_harm")
                if any(doc.find(patterns.reported.condition)):
                    kinds.extend(("threat", "coercive_control"))
            for kind in kinds:
                if kind not in {f.kind for f in findings if f.rule == rule.id}:
                    findings.append(Finding(kind, rule.id, sentence))
            wanted.difference_update(kinds)
            if not wanted:
                break
    missing = [kind for kind in KINDS if kind not in {f.kind for f in findings}]
    words = split_words(normalise(text), patterns.respelling.words) if missing else []
    # A handful of words gives a linear model too little to go on (it once read "That
    # makes sense, because" as control); short texts are the patterns' alone.
    if sum(len(sentence) for sentence in words) >= MODEL_MIN_WORDS:
        learned = safety_model().kinds_in(words, negation_words(patterns.negation))
        if learned:  # the patterns' context vetoes the model: a denial, a guard
            learned -= denied | _guarded_kinds(doc, patterns.guards)
        findings += [Finding(kind, MODEL_RULE, -1) for kind in missing if kind in learned]
    return findings


def screen(text: str) -> list[str]:
    """The kinds of concern in ``text``, in the order of KINDS, each once ([] for none)."""
    if not isinstance(text, str):
        raise TypeError("screen() reads text (str)")
    found = {finding.kind for finding in explain(text)}
    return [kind for kind in KINDS if kind in found]
