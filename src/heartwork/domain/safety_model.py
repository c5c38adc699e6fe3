"""The learned half of the safety screen: a small linear model over words and word pieces.

The patterns in ``content/safety_patterns.json`` know the phrases someone wrote down. This
model knows the words around them: it was trained on the development sentences
(``tests/data/safety/dev.jsonl``) by ``scripts/train_safety_model.py`` and is shipped as
``content/safety_model.json``: for each feature, one weight per kind, a bias per kind and
a threshold per kind chosen by cross-validation on the development set only.

A feature is the presence of a word, a pair of neighbouring words, a word seen just after
a negation ("never hit" gives ``n:hit``), or a piece of three to five letters of a word
(so "strangled", "strangling" and a typo like "stangled" share evidence). Text is read
the way the patterns read it (``safety.normalise`` and the file's respellings), so the
model sees "cant" and "can't" as one word. A text's features are weighted equally and
scaled by one over the square root of how many there are, so a long text is not a
concern just for being long.

Long texts are also read a few sentences at a time (``WINDOW``) and the highest score
counts: one frightening sentence in a long, otherwise happy letter still shows.

Inference is plain Python: a dictionary look-up per feature, a sum and a sigmoid.
Changing the features here, the respellings, or the development set means retraining:
``python scripts/train_safety_model.py`` (a test checks the shipped file is what the
script produces).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from heartwork.domain.content_files import ContentError

MODEL_FILE = "safety_model.json"
CHAR_SIZES = (3, 4, 5)
NEGATION_REACH = 4  # words after a negation that get an ``n:`` feature too
# A text's features are scaled by 1/sqrt(their number), but never by more than for this
# many: a few words ("not utf-8") are too little evidence to count for much.
MIN_SCALE_COUNT = 60
_LIST_WORDS = frozenset({",", "or", "nor"})
WINDOW = 3  # sentences read together in a long text
_WORD = re.compile(r"\w+(?:'\w+)*|,")  # a comma is kept: it continues a negated list
_SENTENCE_END = re.compile(r"[.!?;…\n]+")


@dataclass(frozen=True, slots=True)
class SafetyModel:
    kinds: tuple[str, ...]
    bias: tuple[float, ...]
    threshold: tuple[float, ...]
    weights: Mapping[str, tuple[float, ...]]  # feature → one weight per kind

    def scores(self, features: Iterable[str]) -> list[float]:
        """The probability of each kind (in ``kinds`` order) for one set of features."""
        present = set(features)
        totals = [0.0] * len(self.kinds)
        for feature in present:
            row = self.weights.get(feature)
            if row is not None:
                for i, weight in enumerate(row):
                    totals[i] += weight
        scale = 1.0 / math.sqrt(max(len(present), MIN_SCALE_COUNT))
        return [_sigmoid(b + t * scale) for b, t in zip(self.bias, totals, strict=True)]

    def kinds_in(self, words: Sequence[Sequence[str]], negation: NegationWords) -> set[str]:
        """The kinds whose score reaches its threshold in the text or any window of it."""
        best = [0.0] * len(self.kinds)
        for chunk in windows(words):
            for i, value in enumerate(self.scores(features(chunk, negation))):
                best[i] = max(best[i], value)
        return {kind for kind, b, t in zip(self.kinds, best, self.threshold, strict=True) if b >= t}


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def windows(sentences: Sequence[Sequence[str]]) -> list[list[Sequence[str]]]:
    """The whole text, and when it is longer than WINDOW sentences each run of WINDOW."""
    chunks = [list(sentences)]
    if len(sentences) > WINDOW:
        chunks += [list(sentences[i : i + WINDOW]) for i in range(len(sentences) - WINDOW + 1)]
    return chunks


@dataclass(frozen=True, slots=True)
class NegationWords:
    """From the pattern file's ``negation``: what starts a negation and what stops one."""

    cues: frozenset[str]
    not_negating: frozenset[tuple[str, str]]  # ("don't", "know") negates nothing
    breakers: frozenset[str]


def features(sentences: Iterable[Sequence[str]], negation: NegationWords) -> set[str]:
    """The features of some sentences, each a list of normalised words.

    A word a negation reaches ("never *hit* me") gives ``n:hit`` instead of ``w:hit``, a
    pair ending in it ``nb:`` instead of ``b:``, and none of its letter pieces, so "he has
    never hit me" is no evidence of being hit.
    """
    out: set[str] = set()
    vocabulary: set[str] = set()
    for words in sentences:
        negated_until = -1
        previous = "<s>"
        for i, word in enumerate(words):
            if word in negation.breakers:
                negated_until = -1
            elif word in _LIST_WORDS and i <= negated_until + 1:
                negated_until = i + NEGATION_REACH  # "doesn't read my post or open my mail"
            if i <= negated_until:
                out.add("n:" + word)
                out.add(f"nb:{previous} {word}")
            else:
                vocabulary.add(word)
                out.add("w:" + word)
                out.add(f"b:{previous} {word}")
            if word in negation.cues:
                following = words[i + 1] if i + 1 < len(words) else ""
                if (word, following) not in negation.not_negating:
                    negated_until = i + NEGATION_REACH
            previous = word
        if words:
            out.add(f"b:{previous} </s>")
    for word in vocabulary:  # each distinct word once, however long the text
        padded = f"<{word}>"
        for size in CHAR_SIZES:
            for start in range(len(padded) - size + 1):
                out.add("c:" + padded[start : start + size])
    return out


def split_words(normalised: str, respell: Mapping[str, tuple[str, ...]]) -> list[list[str]]:
    """Sentences of words from text already passed through ``safety.normalise``."""
    sentences = []
    for part in _SENTENCE_END.split(normalised):
        words = [w for token in _WORD.findall(part) for w in respell.get(token, (token,))]
        if words:
            sentences.append(words)
    return sentences


def parse_model(data: Any, kinds: Sequence[str]) -> SafetyModel:
    """Validate the shipped model. A malformed file raises ContentError."""

    def need(condition: bool, message: str) -> None:
        if not condition:
            raise ContentError(f"{MODEL_FILE}: {message}")

    need(isinstance(data, dict), "the file must hold one object")
    need(data.get("kinds") == list(kinds), f"'kinds' must be {list(kinds)}")
    size = len(kinds)
    for key in ("bias", "threshold"):
        values = data.get(key)
        need(
            isinstance(values, list)
            and len(values) == size
            and all(isinstance(v, int | float) for v in values),
            f"'{key}' must hold {size} numbers",
        )
    need(all(0 < t < 1 for t in data["threshold"]), "every threshold must be between 0 and 1")
    weights = data.get("weights")
    need(isinstance(weights, dict) and bool(weights), "'weights' must be a non-empty object")
    for feature, row in weights.items():
        need(
            isinstance(row, list) and len(row) == size,
            f"weights[{feature!r}] must hold {size} numbers",
        )
    return SafetyModel(
        kinds=tuple(kinds),
        bias=tuple(float(v) for v in data["bias"]),
        threshold=tuple(float(v) for v in data["threshold"]),
        weights={feature: tuple(float(v) for v in row) for feature, row in weights.items()},
    )
