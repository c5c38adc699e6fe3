"""A small learned reader beside the patterns: one linear model per kind and strength.

Why: the patterns name what they flag and explain it, but they only know the wordings
someone wrote down. A logistic model over words and word pairs, trained on every labelled
development message, hears the same kind in other words ("you'd be lost without a sat-nav
and a babysitter") and gives the analyzer a second opinion. The analyzer stays in charge:
the model can add a finding for the one sentence it is surest of when no pattern saw that
kind, or set aside a pattern finding it is very sure is wrong (thresholds chosen on
held-apart folds by the training script, never on the held-out part).

The weights live in ``content/conflict_model.json``, written by
``scripts/train_conflict_model.py`` with a fixed seed (a test checks the shipped file is
what the script writes). Inference is plain Python: a dictionary look-up per feature and a
logistic function, well under a millisecond for a message, plus one call of the feelings
model (``emotions.emotion_scores``, about a millisecond) for the message's tone.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from heartwork.domain.content_files import ContentError, read_content_json
from heartwork.domain.language.emotions import emotion_scores
from heartwork.domain.language.text import Sentence

MODEL_FILE = "conflict_model.json"
# Where a GoEmotions score (emotions.py) counts as present: one feature per label and cut,
# so the linear model can weigh "a little disgust" and "a lot" differently.
EMOTION_CUTS = (0.05, 0.1, 0.2, 0.4)
_NEGATORS = frozenset(
    {"not", "never", "no", "don't", "didn't", "doesn't", "isn't", "wasn't", "aren't", "won't"}
    | {"can't", "cannot", "couldn't", "wouldn't", "shouldn't", "haven't", "hasn't", "nobody"}
)
_WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*|[?!]|[\U0001F300-\U0001FAFF\u2600-\u27BF]")


def sentence_words(norm: str) -> list[str]:
    """The words of a sentence's canonical text, with ? ! and emoji kept as words."""
    return _WORD.findall(norm)


def features(words: Sequence[str]) -> set[str]:
    """Binary features of one stretch of words.

    Words, word pairs, the first word and pair (imperatives and "oh great" live there), and
    words within three of a negation marked as negated ("not lazy" is not "lazy").
    """
    out: set[str] = set()
    negated_until = -1
    for index, word in enumerate(words):
        if word in _NEGATORS or word.endswith("n't"):
            negated_until = index + 3
        out.add(("n:" if index <= negated_until and word not in _NEGATORS else "w:") + word)
        if index:
            out.add("b:" + words[index - 1] + " " + word)
    if words:
        out.add("s:" + words[0])
        if len(words) > 1:
            out.add("s2:" + words[0] + " " + words[1])
    return out


def emotion_features(scores: Mapping[str, float]) -> set[str]:
    """The message's tone as the feelings model hears it: "e:disgust>0.2" and the like.

    Why: that model learned tone from 58k Reddit comments, far more (and more varied) text
    than the conflict set, so it hears admiration in polite irony, remorse in an owned
    mistake and gratitude in thanks worded in ways the conflict set never saw.
    """
    return {
        f"e:{label}>{cut}"
        for label, score in scores.items()
        for cut in EMOTION_CUTS
        if score >= cut
    }


def message_features(text: str, sentences: Iterable[Sentence]) -> set[str]:
    """Features of a whole message: its sentences' features and its emotion features.

    ``text`` is the text that was read into ``sentences``; the emotion model reads it once
    (about a millisecond), never once per sentence.
    """
    out = emotion_features(emotion_scores(text))
    for sentence in sentences:
        out |= features(sentence_words(sentence.norm))
    return out


@dataclass(frozen=True, slots=True)
class LabelModel:
    label: str
    bias: float
    weights: Mapping[str, float]
    add_at: float  # probability at or above which the model adds the label (2.0: never)
    drop_below: float  # probability below which a pattern finding is set aside (0.0: never)

    def probability(self, feats: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        e = math.exp(z)
        return e / (1.0 + e)


@dataclass(frozen=True, slots=True)
class Model:
    labels: Mapping[str, LabelModel]

    def probabilities(self, feats: Iterable[str]) -> dict[str, float]:
        feats = tuple(feats)
        return {label: m.probability(feats) for label, m in self.labels.items()}


def parse_model(data: Mapping[str, Any]) -> Model:
    """The model from its JSON form (see scripts/train_conflict_model.py)."""
    labels = data.get("labels")
    features_ = data.get("features")
    if not isinstance(labels, list) or not isinstance(features_, dict):
        raise ContentError("conflict model: needs labels and features")
    weights: dict[str, dict[str, float]] = {label: {} for label in labels}
    for feature, row in features_.items():
        if not isinstance(row, list) or len(row) != len(labels):
            raise ContentError(f"conflict model: feature {feature!r} needs one weight per label")
        for label, weight in zip(labels, row, strict=True):
            if weight:
                weights[label][feature] = float(weight)
    out = {}
    for label in labels:
        spec = data["thresholds"][label]
        out[label] = LabelModel(
            label=label,
            bias=float(data["bias"][label]),
            weights=weights[label],
            add_at=float(spec["add_at"]),
            drop_below=float(spec["drop_below"]),
        )
    return Model(labels=out)


@cache
def model() -> Model:
    """The shipped model, read once."""
    return parse_model(read_content_json(MODEL_FILE))
