"""The conflict-language analyzer: what in a message tends to push people apart, and what
already helps.

Why it looks for what it looks for: in long studies of couples, four ways of speaking in a
disagreement went with unhappy endings (the "four horsemen"): criticism (attacking the
person instead of naming one behaviour), contempt (insults, mockery, sarcasm, eye-rolls,
talking down), defensiveness (denying, excusing, hitting back, playing the innocent victim)
and stonewalling (shutting the talk down). Each has an antidote: a gentle start-up that
names one event, a feeling and a need; appreciation and respect; taking responsibility for
a part; and a break with a promise to come back. From Nonviolent Communication come the
four parts of a message that lands: an observation a camera could make, a real feeling (not
"I feel that you…", and not "I feel ignored", which says what the other did), a need, and a
request the other could say no to (otherwise it is a demand).

How it reads, in order:

1. ``text.read`` splits the message into sentences in a canonical form ("u" → "you",
   "dont" → "don't", curly quotes straightened), each character mapped back to the text.
2. Quotations are sorted out: reported speech ("my mum used to say 'you never listen'")
   is not aimed at the reader and is set aside; a word or two in scare quotes ("your
   'career'") is a sign of mockery.
3. Every cue in ``content/conflict_patterns.json`` is matched against each sentence.
   A cue belongs to one or more families (e.g. "absolute", "sarcasm", "feeling"), each
   family to one kind, and carries a weight. Some cues only count when the message speaks
   to someone ("you"), some are cancelled by a negation before them in the same clause
   ("I don't think you're selfish"), unless the negation is a disclaimer ("I'm not saying
   you're lazy, but…", which is still criticism). Negative weights are counter-cues:
   "you always make me laugh" takes away the "always" of criticism.
4. Scores add up per sentence and kind, with half the weight of the sentences either
   side as context; a kind is present in a sentence when its score reaches 1.
5. A few rules between kinds: a break with a time to come back ("I need twenty minutes,
   then I'll find you") is not stonewalling; thanks inside a sarcastic sentence is not
   appreciation; "can we stop and talk at eight?" is a break, not a request.

It is a friendly reader, not a judge: simple on purpose (patterns and word lists written
for heartwork, no model), so what it flags can be explained, and it never calls anything
outside.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from heartwork.domain.content_files import ContentError, read_content_json
from heartwork.domain.feelings import feelings_wheel
from heartwork.domain.language.conflict_model import (
    features,
    message_features,
    sentence_words,
)
from heartwork.domain.language.conflict_model import model as learned_model
from heartwork.domain.language.text import Reading, Token, read

KINDS = ("criticism", "contempt", "defensiveness", "stonewalling", "demand")
STRENGTHS = (
    "i_statement",
    "observation",
    "feeling",
    "need",
    "request",
    "appreciation",
    "responsibility",
    "break",
)
THRESHOLD = 1.0  # a kind is present in a sentence when its score reaches this
CONTEXT = 0.5  # how much of a neighbouring sentence's score counts as context
ANALYZE_INPUT_MAX = 10_000  # characters read; a message longer than this is read in part

# --- Results -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Finding:
    """A stretch of the message that tends to push people apart, and a gentler way."""

    kind: str  # one of KINDS
    start: int  # text[start:end] is the flagged words, exactly as written
    end: int
    explanation: str  # why this tends to hurt, in one warm sentence
    suggestion: str  # a concrete way to say it instead


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the analyzer made of one message."""

    findings: tuple[Finding, ...]  # in order of where they start
    strengths: tuple[str, ...]  # of STRENGTHS, in that order

    @property
    def kinds(self) -> tuple[str, ...]:
        """The harmful kinds present, in the order of KINDS."""
        present = {f.kind for f in self.findings}
        return tuple(kind for kind in KINDS if kind in present)


# --- The rules, loaded from the content files ---------------------------------------------


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    kind: str
    explanation: str
    suggestion: str


@dataclass(frozen=True, slots=True)
class Cue:
    """One pattern from conflict_patterns.json, compiled."""

    id: str
    regex: re.Pattern[str]
    weights: tuple[tuple[Family, float], ...]
    negatable: bool  # a negation before it in its clause cancels it
    needs_you: bool  # counts only in a message that speaks to someone
    unless_break: bool  # does not count when the message offers a break
    shouted: bool  # counts only when one of its words is written in capitals
    after_sorry: bool  # counts only after the message has taken responsibility for something
    examples: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Rules:
    cues: tuple[Cue, ...]
    families: Mapping[str, Family]
    faux_feelings: Mapping[str, Mapping[str, tuple[str, ...]]]


_BLOCK = re.compile(r"\{([A-Z_]+)\}")
# Cues match whole words: a match that starts with a letter starts a word, and one that ends
# with a letter ends a word (or a word's contraction: "you" matches in "you're"). A cue may
# start or end with a mark or a space ("[.!?] ").
_WORD_START = r"(?:(?=[\w'])(?<![\w'])|(?![\w']))"
_WORD_END = r"(?:(?<=[\w'])(?!\w)|(?<![\w']))"
_ALL_KINDS = frozenset(KINDS) | frozenset(STRENGTHS)
_FLAGS = frozenset({"negatable", "you", "unless_break", "caps", "after_sorry"})


def _alternation(words: Iterable[str]) -> str:
    unique = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\-", "[- ]?") for w in unique) + ")"


def _expander(lists: Mapping[str, Sequence[str]], blocks: Mapping[str, str]) -> Any:
    done: dict[str, str] = {}

    def expand(pattern: str, seen: tuple[str, ...] = ()) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name in done:
                return done[name]
            if name in seen:
                raise ContentError(f"conflict patterns: {name} refers to itself")
            if name in lists:
                done[name] = _alternation(lists[name])
            elif name in blocks:
                done[name] = "(?:" + expand(blocks[name], (*seen, name)) + ")"
            else:
                raise ContentError(f"conflict patterns: unknown list or block {{{name}}}")
            return done[name]

        return _BLOCK.sub(replace, pattern)

    return expand


def _feeling_words(lexicon: Mapping[str, Sequence[str]]) -> list[str]:
    """Real feelings: the wheel's words and some everyday ones, minus evaluations.

    Words like "ignored" or "betrayed" sit on the wheel (people reach for them), but in a
    message they say what the other person did, so they count as faux feelings instead.
    """
    excluded = set(lexicon["FEELING_EXCLUDE"]) | set(lexicon["FAUX"])
    words = {w for w in feelings_wheel().feelings if w not in excluded}
    return sorted(words | set(lexicon["FEELING_EXTRA"]))


def parse_rules(
    patterns: Mapping[str, Any],
    lexicon: Mapping[str, Any],
    needs: Sequence[str],
    faux: Mapping[str, Any],
) -> Rules:
    """Build the cues from the content files, checking them as it goes."""
    lists: dict[str, list[str]] = {k: list(v) for k, v in lexicon["lists"].items()}
    lists["FEELING"] = _feeling_words(lists)
    lists["NEED_WORD"] = list(needs)
    expand = _expander(lists, lexicon["blocks"])

    families: dict[str, Family] = {}
    for name, spec in patterns["families"].items():
        kind = spec.get("kind")
        if kind not in _ALL_KINDS:
            raise ContentError(f"conflict patterns: family {name} has an unknown kind {kind!r}")
        explanation = spec.get("explanation", "")
        suggestion = spec.get("suggestion", "")
        if kind in KINDS and not (explanation and suggestion):
            raise ContentError(f"conflict patterns: family {name} needs words for the person")
        families[name] = Family(name, kind, explanation, suggestion)

    cues: list[Cue] = []
    seen_ids: set[str] = set()
    for spec in patterns["patterns"]:
        cue_id = spec["id"]
        if cue_id in seen_ids:
            raise ContentError(f"conflict patterns: the id {cue_id} is used twice")
        seen_ids.add(cue_id)
        source = spec.get("pattern") or "|".join(f"(?:{alt})" for alt in spec.get("any", []))
        if not source:
            raise ContentError(f"conflict patterns: {cue_id} has no pattern")
        flags = set(spec.get("flags", []))
        if flags - _FLAGS:
            raise ContentError(f"conflict patterns: {cue_id} has unknown flags {flags - _FLAGS}")
        weights = []
        for family_name, weight in spec["weights"].items():
            if family_name not in families:
                raise ContentError(f"conflict patterns: {cue_id} names no family {family_name}")
            weights.append((families[family_name], float(weight)))
        try:
            regex = re.compile(_WORD_START + "(?:" + expand(source) + ")" + _WORD_END)
        except re.error as error:
            raise ContentError(f"conflict patterns: {cue_id} does not compile: {error}") from None
        cues.append(
            Cue(
                id=cue_id,
                regex=regex,
                weights=tuple(weights),
                negatable="negatable" in flags,
                needs_you="you" in flags,
                unless_break="unless_break" in flags,
                shouted="caps" in flags,
                after_sorry="after_sorry" in flags,
                examples=tuple(spec.get("examples", [])),
            )
        )
    faux_feelings = {
        word: {"feelings": tuple(v["feelings"]), "needs": tuple(v["needs"])}
        for word, v in faux["words"].items()
    }
    return Rules(cues=tuple(cues), families=families, faux_feelings=faux_feelings)


@cache
def rules() -> Rules:
    """The analyzer's rules, read once from the content files."""
    from heartwork.domain.language.vocabulary import NEEDS

    return parse_rules(
        read_content_json("conflict_patterns.json"),
        read_content_json("conflict_lexicon.json"),
        [need for group in NEEDS for need in group.needs],
        read_content_json("faux_feelings.json"),
    )


# --- Reading a message -------------------------------------------------------------------

_SECOND_PERSON = frozenset(
    {"you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'd", "you'll"}
    | {"y'all", "yous", "youse", "ya"}
)
# Words that introduce what somebody said: a quotation after them is reported speech.
_REPORTING = frozenset(
    [
        "say",
        "said",
        "says",
        "saying",
        "tell",
        "told",
        "tells",
        "ask",
        "asked",
        "asks",
        "yell",
        "yelled",
        "shout",
        "shouted",
        "scream",
        "screamed",
        "write",
        "wrote",
        "writes",
        "text",
        "texted",
        "go",
        "goes",
        "went",
        "like",
        "call",
        "called",
        "calls",
        "line",
        "motto",
        "word",
        "words",
        "phrase",
        "replied",
        "reply",
        "answered",
        "message",
        "note",
        "sign",
        "read",
        "reads",
        "quote",
        "quoting",
        "whisper",
        "whispered",
        "mutter",
        "muttered",
        "snap",
        "snapped",
        "add",
        "added",
        "joke",
        "joked",
        "insist",
        "insisted",
        "claim",
        "claimed",
        "promise",
        "promised",
        "swear",
        "swore",
        "announce",
        "announced",
    ]
)
_NEGATORS_BEFORE_QUOTE = frozenset(
    {"not", "never", "didn't", "don't", "doesn't", "isn't", "wasn't", "aren't", "no"}
)
# A word or two in quotation marks after one of these is scorn ("your 'career'", "another
# 'quick' shower"); anywhere else it may simply quote ("replied with 'lol'").
_SCARE_LEADS = frozenset(["your", "his", "her", "their", "another", "you", "ur"])
# A third person's words reported without quotation marks: "my mum used to say you never…"
_REPORTED_CLAUSE = re.compile(
    r"(?<![\w'])(?:(?:my|his|her|their|our|the|a|some) (?:[a-z'-]+ ){0,2}[a-z'-]+"
    r"|he|she|they|someone|somebody|everyone|everybody|people|nobody|no one)"
    r" (?:always |would |used to |once |literally |actually |just |even |kept |keeps |never )?"
    r"(?:say|said|says|tell me|told me|tells me|told us|tells us|told everyone|called me"
    r"|call me|calls me|wrote|writes|yelled|shouted)(?: to (?:me|us|him|her|them))?"
    r"(?: that)?(?![\w'])"
)
_NEGATION = re.compile(
    r"(?<![\w'])(?:not|never|no|nobody|hardly|barely|\w+n't|cannot)(?![\w'])(?:\W+\w+){0,4}\W*$"
)
# A negation that still carries the criticism: "I'm not saying you're lazy, but…"
_DISCLAIMER = re.compile(
    r"(?<![\w'])(?:not|never|n't) (?:(?:really|just|trying to|going to|gonna|meaning to|to) )?"
    r"(?:saying|say|calling|call|accusing|accuse|judging|judge|criticising|criticizing|"
    r"being (?:mean|rude|funny|horrible)|be (?:mean|rude|funny|horrible)|mean to be|want to be|"
    r"attacking|having a go)|don't get me wrong|don't take this the wrong way|no offen[cs]e"
)
_CLAUSE_BREAK = re.compile(r"[,;:()]|(?<![\w'])(?:but|and|so|because|cos|though|although)(?![\w'])")


@dataclass(frozen=True, slots=True)
class _Hit:
    cue: Cue
    sentence: int
    a: int  # span in the sentence's canonical text
    b: int
    start: int  # span in the original text
    end: int


def _addresses_someone(tokens: Sequence[Token]) -> bool:
    return any(t.norm in _SECOND_PERSON or t.norm.startswith("you") for t in tokens)


def _negated(norm: str, a: int) -> bool:
    """Is there a negation in the same clause, a few words before position ``a``?"""
    before = norm[:a]
    clause_start = 0
    for match in _CLAUSE_BREAK.finditer(before):
        clause_start = match.end()
    clause = before[clause_start:]
    if not _NEGATION.search(clause):
        return False
    return not _DISCLAIMER.search(clause)


def _masked_ranges(reading: Reading) -> tuple[list[tuple[int, int]], list[tuple[int, int, float]]]:
    """Reported speech to set aside, and scare quotes (with how sure) to count as scorn."""
    masked: list[tuple[int, int]] = []
    scare: list[tuple[int, int, float]] = []
    tokens = reading.tokens
    all_words = sum(1 for t in tokens if t.kind in {"word", "num"}) or 1
    for quote in reading.quotes:
        if quote.words / all_words >= 0.8:
            continue  # the whole message is in quotation marks: read it as written
        lead = [t.norm for t in tokens[max(0, quote.opener - 3) : quote.opener]]
        after = [t.norm for t in tokens[quote.closer + 1 : quote.closer + 4]]
        reported = bool(set(lead) & _REPORTING) or (
            bool(after) and after[0] == "," and bool(set(after[1:]) & _REPORTING)
        )
        if reported or quote.words >= 4 or set(lead[-2:]) & _NEGATORS_BEFORE_QUOTE:
            masked.append((quote.start, quote.end))
            continue
        sure = 1.0 if lead and lead[-1] in _SCARE_LEADS else 0.4
        scare.append((tokens[quote.opener].start, tokens[quote.closer].end, sure))
    for sentence in reading.sentences:
        for match in _REPORTED_CLAUSE.finditer(sentence.norm):
            if match.end() < len(sentence.norm):
                start, _ = sentence.span(match.end(), len(sentence.norm))
                masked.append((start, sentence.end))
    return masked, scare


def _inside(start: int, end: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def _has_capitals(text: str) -> bool:
    return any(len(w) >= 2 and w.isupper() for w in re.findall(r"[^\W\d_]+", text))


def _match(rules_: Rules, reading: Reading) -> list[_Hit]:
    hits: list[_Hit] = []
    for index, sentence in enumerate(reading.sentences):
        norm = sentence.norm
        for cue in rules_.cues:
            for match in cue.regex.finditer(norm):
                a, b = match.span()
                if a == b:
                    continue
                start, end = sentence.span(a, b)
                if start == end:
                    continue
                hits.append(_Hit(cue, index, a, b, start, end))
    return hits


def _keep(hit: _Hit, reading: Reading, masked: Sequence[tuple[int, int]], addressed: bool) -> bool:
    cue = hit.cue
    if _inside(hit.start, hit.end, masked):
        return False
    if cue.needs_you and not addressed:
        return False
    if cue.shouted and not _has_capitals(reading.text[hit.start : hit.end]):
        return False
    return not (cue.negatable and _negated(reading.sentences[hit.sentence].norm, hit.a))


_CONTRAST = re.compile(
    r"(?<![\w'])(?:but|though|although|however|shame|pity|except|yet|still|whereas)(?![\w'])"
)
_PRAISED = frozenset({"absolute", "blame", "counter-attack"})


def _without_praised_absolutes(hits: Sequence[_Hit], reading: Reading) -> list[_Hit]:
    """ "You always make me laugh": an "always" inside praise is not criticism.

    An absolute counts as praise when thanks or admiration sits in the same sentence with
    no "but" (or "shame", "though"…) between them: "you're a great cook, but you never
    clean up" keeps its criticism.
    """
    praise = [h for h in hits if any(f.kind == "appreciation" and w > 0 for f, w in h.cue.weights)]
    if not praise:
        return list(hits)
    out = []
    for hit in hits:
        families = {f.name for f, w in hit.cue.weights if w > 0}
        if (
            families
            and families <= _PRAISED
            and any(
                p.sentence == hit.sentence and not _contrast_between(p, hit, reading)
                for p in praise
            )
        ):
            continue
        out.append(hit)
    return out


def _contrast_between(praise: _Hit, hit: _Hit, reading: Reading) -> bool:
    """Is there a "but" (or the like) between the praise and the hit, outside the praise?"""
    norm = reading.sentences[hit.sentence].norm
    start, end = min(praise.a, hit.a), max(praise.b, hit.b)
    outside = norm[start : praise.a] + " " + norm[praise.b : end]
    return bool(_CONTRAST.search(outside))


# --- Scoring -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Scores:
    """Per sentence and kind: the total weight, and the cues that added to it."""

    total: list[dict[str, float]]
    spans: list[dict[str, list[tuple[int, int, Family, float]]]]

    @classmethod
    def empty(cls, sentences: int) -> _Scores:
        return cls(
            total=[defaultdict(float) for _ in range(sentences)],
            spans=[defaultdict(list) for _ in range(sentences)],
        )

    def add(self, sentence: int, family: Family, weight: float, start: int, end: int) -> None:
        self.total[sentence][family.kind] += weight
        if weight > 0:
            self.spans[sentence][family.kind].append((start, end, family, weight))

    def present(self, sentence: int, kind: str) -> bool:
        own = self.total[sentence][kind]
        if own <= 0 or not self.spans[sentence][kind]:
            return False
        context = sum(
            max(0.0, self.total[i][kind])
            for i in (sentence - 1, sentence + 1)
            if 0 <= i < len(self.total)
        )
        return own + CONTEXT * context >= THRESHOLD

    def anywhere(self, kind: str) -> bool:
        return any(self.present(i, kind) for i in range(len(self.total)))


def _score(hits: Sequence[_Hit], sentences: int) -> _Scores:
    scores = _Scores.empty(sentences)
    counted: set[tuple[int, str, str]] = set()
    for hit in hits:
        for family, weight in hit.cue.weights:
            key = (hit.sentence, hit.cue.id, family.name)
            if key in counted:  # a cue counts once per sentence, however often it matches
                if weight > 0:
                    scores.spans[hit.sentence][family.kind].append(
                        (hit.start, hit.end, family, weight)
                    )
                continue
            counted.add(key)
            scores.add(hit.sentence, family, weight, hit.start, hit.end)
    return scores


def _scare_quotes(
    rules_: Rules, reading: Reading, scare: Sequence[tuple[int, int, float]]
) -> list[tuple[int, Family, float, int, int]]:
    family = rules_.families["sarcasm"]
    out = []
    for start, end, sure in scare:
        for index, sentence in enumerate(reading.sentences):
            if sentence.start <= start < sentence.end:
                out.append((index, family, sure, start, end))
                break
    return out


# --- Words for the person ----------------------------------------------------------------


def _faux_word(flagged: str, faux: Mapping[str, Mapping[str, tuple[str, ...]]]) -> str | None:
    lowered = flagged.casefold().replace("\u2019", "'")
    found = [w for w in faux if re.search(rf"(?<![\w']){re.escape(w)}(?![\w'])", lowered)]
    return max(found, key=len) if found else None


def _words_for(family: Family, flagged: str, rules_: Rules) -> tuple[str, str]:
    if family.name != "faux-feeling":
        return family.explanation, family.suggestion
    word = _faux_word(flagged, rules_.faux_feelings)
    under = rules_.faux_feelings.get(word or "", {})
    feelings = under.get("feelings") or ("hurt", "lonely", "sad")
    needs = under.get("needs") or ("closeness", "understanding")
    values = {
        "word": word.capitalize() if word else "A word like that",
        "feelings": " or ".join(feelings[:2]),
        "needs": " or ".join(needs[:2]),
        "feeling": feelings[0],
        "need": needs[0],
    }
    if word is None:
        values["word"] = "That word"
    return family.explanation.format(**values), family.suggestion.format(**values)


def _merge(
    spans: Sequence[tuple[int, int, Family, float]],
) -> list[tuple[int, int, Family]]:
    """Overlapping spans of one kind become one, named after its strongest cue."""
    merged: list[tuple[int, int, Family, float]] = []
    for start, end, family, weight in sorted(spans, key=lambda s: (s[0], -s[1])):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            best = (family, weight) if weight > last[3] else (last[2], last[3])
            merged[-1] = (last[0], max(last[1], end), best[0], best[1])
        else:
            merged.append((start, end, family, weight))
    return [(start, end, family) for start, end, family, _ in merged]


# --- The analyzer ------------------------------------------------------------------------


def analyze_message(text: str, *, learned: bool = True) -> Analysis:
    """Read one message and say what tends to push people apart, and what already helps.

    Never raises, for any string; a message longer than ANALYZE_INPUT_MAX characters is
    read up to there. The analysis of a text is always the same. ``learned=False`` leaves
    out the learned model (conflict_model.py), which the training script needs.
    """
    if not isinstance(text, str) or not text.strip():
        return Analysis(findings=(), strengths=())
    reading = read(text[:ANALYZE_INPUT_MAX])
    if not reading.sentences:
        return Analysis(findings=(), strengths=())
    analysis = _analyze_with_patterns(text, reading)
    if not learned:
        return analysis
    return _with_second_opinion(analysis, reading, text)


def _with_second_opinion(analysis: Analysis, reading: Reading, text: str) -> Analysis:
    """The learned model's say: add a kind no pattern saw, or set aside a pattern's guess.

    Only where the model is sure (its thresholds were chosen on held-apart folds of the
    development data by scripts/train_conflict_model.py). An added finding covers the one
    sentence the model is surest of, and reads as the kind's "heard-*" family.
    """
    model = learned_model()
    probabilities = model.probabilities(
        message_features(text[:ANALYZE_INPUT_MAX], reading.sentences)
    )
    findings = list(analysis.findings)
    strengths = set(analysis.strengths)
    for kind in KINDS:
        label = model.labels.get(kind)
        if label is None:
            continue
        found = any(f.kind == kind for f in findings)
        if found and probabilities[kind] < label.drop_below:
            findings = [f for f in findings if f.kind != kind]
        elif not found and probabilities[kind] >= label.add_at:
            scored = [
                (label.probability(features(sentence_words(s.norm))), i)
                for i, s in enumerate(reading.sentences)
            ]
            sentence = reading.sentences[max(scored)[1]]
            family = rules().families[f"heard-{kind}"]
            findings.append(
                Finding(kind, sentence.start, sentence.end, family.explanation, family.suggestion)
            )
    for kind in STRENGTHS:
        label = model.labels.get(kind)
        if label is None:
            continue
        if kind in strengths and probabilities[kind] < label.drop_below:
            strengths.discard(kind)
        elif kind not in strengths and probabilities[kind] >= label.add_at:
            strengths.add(kind)
    return Analysis(
        findings=tuple(sorted(findings, key=lambda f: (f.start, f.end, f.kind))),
        strengths=tuple(kind for kind in STRENGTHS if kind in strengths),
    )


def _analyze_with_patterns(text: str, reading: Reading) -> Analysis:
    """What the patterns and lexicons find, on their own."""
    rules_ = rules()
    masked, scare = _masked_ranges(reading)
    addressed = _addresses_someone(reading.tokens)
    hits = [h for h in _match(rules_, reading) if _keep(h, reading, masked, addressed)]
    owned = [h.end for h in hits for f, w in h.cue.weights if f.kind == "responsibility" and w > 0]
    hits = [h for h in hits if not h.cue.after_sorry or (owned and min(owned) <= h.start)]

    hits = _without_praised_absolutes(hits, reading)

    # A break with a way back is not a shutdown: decide the break first.
    first = _score(hits, len(reading.sentences))
    offers_break = first.anywhere("break")
    if offers_break:
        hits = [h for h in hits if not h.cue.unless_break]
    scores = _score(hits, len(reading.sentences))
    for index, family, weight, start, end in _scare_quotes(rules_, reading, scare):
        scores.add(index, family, weight, start, end)

    findings: list[Finding] = []
    strengths: set[str] = set()
    speaking_for_self = False
    for index in range(len(reading.sentences)):
        sarcastic = scores.present(index, "contempt")
        pausing = scores.present(index, "break")
        harmful = False
        for kind in KINDS:
            if not scores.present(index, kind):
                continue
            harmful = True
            for start, end, family in _merge(scores.spans[index][kind]):
                explanation, suggestion = _words_for(family, text[start:end], rules_)
                findings.append(Finding(kind, start, end, explanation, suggestion))
        for kind in STRENGTHS:
            if kind == "appreciation" and sarcastic:
                continue  # thanks said with scorn is not thanks
            if kind == "request" and pausing:
                continue  # "can we stop and talk at eight?" is a break
            if kind == "i_statement":
                continue  # decided below, for the whole message
            if scores.present(index, kind):
                strengths.add(kind)
        if not harmful and _speaks_for_self(index, hits, reading, scores):
            speaking_for_self = True

    # An I-statement speaks for oneself instead of attacking: in a message that also
    # attacks ("I'm hurt. You never listen."), "I'm hurt" is not doing that job.
    if speaking_for_self and not findings:
        strengths.add("i_statement")

    findings = _without_overlaps(findings)
    return Analysis(
        findings=tuple(sorted(findings, key=lambda f: (f.start, f.end, f.kind))),
        strengths=tuple(kind for kind in STRENGTHS if kind in strengths),
    )


def _speaks_for_self(index: int, hits: Sequence[_Hit], reading: Reading, scores: _Scores) -> bool:
    """The writer talks about their own feeling, need or experience ("I feel…", "I need…")."""
    if scores.present(index, "i_statement"):
        return True
    norm = reading.sentences[index].norm
    for hit in hits:
        if hit.sentence != index or not norm[hit.a :].startswith(("i ", "i'")):
            continue
        if any(f.kind in {"feeling", "need"} and w > 0 for f, w in hit.cue.weights):
            return True
    return False


def _without_overlaps(findings: Sequence[Finding]) -> list[Finding]:
    """Findings of one kind never overlap (context can join spans across sentences)."""
    out: list[Finding] = []
    for kind in KINDS:
        last_end = -1
        for finding in sorted((f for f in findings if f.kind == kind), key=lambda f: f.start):
            if finding.start < last_end:
                previous = out[-1]
                out[-1] = Finding(
                    kind,
                    previous.start,
                    max(previous.end, finding.end),
                    previous.explanation,
                    previous.suggestion,
                )
                last_end = out[-1].end
                continue
            out.append(finding)
            last_end = finding.end
    return out


def cue_examples() -> list[tuple[str, str]]:
    """(cue id, example) for every example in the patterns file, for the contract test."""
    return [(cue.id, example) for cue in rules().cues for example in cue.examples]


def cue_matches(cue_id: str, text: str) -> bool:
    """Does the cue ``cue_id`` match anywhere in ``text`` (ignoring flags)?"""
    cue = next(c for c in rules().cues if c.id == cue_id)
    return any(cue.regex.search(s.norm) for s in read(text).sentences)


__all__ = [
    "ANALYZE_INPUT_MAX",
    "KINDS",
    "STRENGTHS",
    "Analysis",
    "Finding",
    "analyze_message",
    "rules",
]
