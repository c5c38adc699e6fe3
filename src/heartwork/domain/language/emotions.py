"""Emotion scores and feeling-word suggestions for a short text, in plain Python.

A linear model over word and character n-grams, trained offline by
``scripts/train_feelings.py`` on GoEmotions and on the project's own first-person
situations, and shipped inside the package (``content/emotion_model/``). Reading it needs
nothing but the standard library: the weights are 16-bit integers with one scale, read
into an ``array``, so there is no numpy, no download and no PyTorch at run time.

- ``featurize``: the features of a text, shared by the training script and the model, so
  the two can never drift apart.
- ``emotion_scores``: the 28 GoEmotions label scores (0..1) of a text.
- ``predicted_labels``: the labels the model assigns with its own per-label thresholds.
- ``suggest_feelings``: the few wheel words most likely to fit, with their core, a score
  and, where it can, a one-line reason. Two outputs are blended: the 28 labels carried onto
  the wheel by the reviewed map, and a second output over the same features that scores
  wheel words directly, learned from the situations' own wheel words (``wheel.i16.gz``), for
  the feelings no GoEmotions label reaches well (tired, isolated, betrayed, ignored…).
"""

from __future__ import annotations

import gzip
import json
import math
import re
import sys
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from heartwork.domain.feelings import FeelingsWheel, feelings_wheel

LABELS = (
    "admiration",
    "amusement",
    "anger",
    "annoyance",
    "approval",
    "caring",
    "confusion",
    "curiosity",
    "desire",
    "disappointment",
    "disapproval",
    "disgust",
    "embarrassment",
    "excitement",
    "fear",
    "gratitude",
    "grief",
    "joy",
    "love",
    "nervousness",
    "optimism",
    "pride",
    "realization",
    "relief",
    "remorse",
    "sadness",
    "surprise",
    "neutral",
)
TEXT_MAX = 2000  # a check-in note is shorter; longer text is read up to here
MODEL_DIR = "emotion_model"

# --- Features ---------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_REPEATS = re.compile(r"(.)\1{2,}")  # "soooo" → "soo": one spelling for every stretch
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]|[^\w\s]")
_NEGATORS = frozenset(
    {"not", "no", "never", "don't", "didn't", "doesn't", "isn't", "wasn't", "can't", "won't"}
    | {"couldn't", "wouldn't", "hardly", "nothing", "nobody", "aren't", "weren't", "without"}
)
CHAR_MIN, CHAR_MAX = 2, 5


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text[:TEXT_MAX]).translate(_APOSTROPHES).lower()
    return _REPEATS.sub(r"\1\1", text)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalize(text))


def featurize(text: str) -> tuple[Counter[str], Counter[str]]:
    """Word features (words, negated words, word pairs) and character n-grams of each word.

    A word after a negation ("not happy") also counts as "neg:happy" until the next
    punctuation, so the model can learn that it is not the same as "happy".
    """
    toks = tokens(text)
    words: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    negated = False
    previous = "<s>"
    for tok in toks:
        is_word = tok[0].isalnum()
        words["w:" + tok] += 1
        if is_word and negated:
            words["n:" + tok] += 1
        words["b:" + previous + " " + tok] += 1
        previous = tok
        if tok in _NEGATORS:
            negated = True
        elif not is_word:
            negated = False
        if is_word:
            padded = f" {tok} "
            for size in range(CHAR_MIN, CHAR_MAX + 1):
                for start in range(len(padded) - size + 1):
                    chars[padded[start : start + size]] += 1
    return words, chars


# --- The model --------------------------------------------------------------------------


@dataclass(frozen=True)
class WheelHead:
    """The second output: one logistic score per wheel word, over the same features, with
    weights only for the features the situations use (``rows``: feature row → head row)."""

    words: tuple[str, ...]
    rows: dict[int, int]
    weights: array[int]  # head rows × len(words), in units of ``scale``
    scale: float
    bias: tuple[float, ...]
    blend: float  # how much a word's own score adds to what the labels give it


@dataclass(frozen=True)
class EmotionModel:
    """Two L2-normalised sublinear TF-IDF blocks (words, characters) and one row of 28
    weights per feature; scores are logistic, thresholds are per label."""

    index: dict[str, int]  # feature → row
    idf: array[float]  # per row
    weights: array[int]  # rows × 28, in units of ``scale``
    scale: float
    bias: tuple[float, ...]
    thresholds: tuple[float, ...]
    wheel: WheelHead | None = None

    def raw_scores(self, text: str) -> list[float]:
        return self._raw(text, with_wheel=False)[0]

    def _raw(self, text: str, *, with_wheel: bool) -> tuple[list[float], list[float]]:
        """The 28 label logits and, when asked and shipped, the wheel words' logits."""
        n = len(LABELS)
        total = list(self.bias)
        head = self.wheel if with_wheel else None
        m = len(head.words) if head else 0
        on_wheel = list(head.bias) if head else []
        for block in featurize(text):
            rows: list[tuple[int, float]] = []
            for feature, count in block.items():
                row = self.index.get(feature)
                if row is not None:
                    rows.append((row, (1.0 + math.log(count)) * self.idf[row]))
            norm = math.sqrt(sum(v * v for _, v in rows)) or 1.0
            for row, value in rows:
                v = value / norm
                weights = self.weights[row * n : row * n + n]
                vs = v * self.scale
                total = [t + vs * w for t, w in zip(total, weights, strict=True)]
                if head and (at := head.rows.get(row)) is not None:
                    w2 = head.weights[at * m : at * m + m]
                    vh = v * head.scale
                    on_wheel = [t + vh * w for t, w in zip(on_wheel, w2, strict=True)]
        return total, on_wheel

    def wheel_scores(self, text: str) -> dict[str, float]:
        """Each wheel word's own score (0..1) from the second output; empty if not shipped."""
        if self.wheel is None:
            return {}
        _, logits = self._raw(text, with_wheel=True)
        return {w: _sigmoid(z) for w, z in zip(self.wheel.words, logits, strict=True)}

    def scores(self, text: str) -> dict[str, float]:
        return {label: _sigmoid(z) for label, z in zip(LABELS, self.raw_scores(text), strict=True)}


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _little_endian(kind: str, data: bytes) -> array[Any]:
    values = array(kind)
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


def load_model(files: Any = None) -> EmotionModel:
    """Load the shipped model (or one in another directory, for the training script)."""
    folder = files or resources.files("heartwork.domain.content").joinpath(MODEL_DIR)
    meta = json.loads(folder.joinpath("model.json").read_text(encoding="utf-8"))
    if tuple(meta["labels"]) != LABELS:
        raise ValueError("the emotion model was trained on other labels")
    features = gzip.decompress(folder.joinpath("features.txt.gz").read_bytes())
    names = features.decode("utf-8").split("\n")
    arrays = gzip.decompress(folder.joinpath("weights.i16.gz").read_bytes())
    rows = len(names)
    idf = _little_endian("f", arrays[: rows * 4])
    weights = _little_endian("h", arrays[rows * 4 :])
    if len(weights) != rows * len(LABELS):
        raise ValueError("the emotion model's weights do not match its features")
    wheel = None
    if "wheel" in meta:  # the second output, straight onto wheel words
        head = meta["wheel"]
        data = gzip.decompress(folder.joinpath("wheel.i16.gz").read_bytes())
        words = tuple(head["words"])
        count = int(head["rows"])
        feature_rows = _little_endian("I", data[: count * 4])
        head_weights = _little_endian("h", data[count * 4 :])
        if len(head_weights) != count * len(words) or max(feature_rows, default=0) >= rows:
            raise ValueError("the emotion model's wheel output does not match its features")
        wheel = WheelHead(
            words=words,
            rows={int(row): at for at, row in enumerate(feature_rows)},
            weights=head_weights,
            scale=float(head["scale"]),
            bias=tuple(head["bias"]),
            blend=float(head["blend"]),
        )
    return EmotionModel(
        index={name: row for row, name in enumerate(names)},
        idf=idf,
        weights=weights,
        scale=float(meta["scale"]),
        bias=tuple(meta["bias"]),
        thresholds=tuple(meta["thresholds"]),
        wheel=wheel,
    )


@cache
def emotion_model() -> EmotionModel:
    return load_model()


def emotion_scores(text: str) -> dict[str, float]:
    """The 28 GoEmotions label scores of a text, each between 0 and 1."""
    return emotion_model().scores(text)


def predicted_labels(scores: dict[str, float]) -> list[str]:
    """The labels over their thresholds, strongest first; the strongest one if none is."""
    model = emotion_model()
    over = [
        label
        for label, threshold in zip(LABELS, model.thresholds, strict=True)
        if scores[label] >= threshold
    ]
    if not over:
        over = [max(LABELS, key=lambda label: scores[label] / _threshold(model, label))]
    return sorted(over, key=lambda label: -scores[label] / _threshold(model, label))


def _threshold(model: EmotionModel, label: str) -> float:
    return max(model.thresholds[LABELS.index(label)], 1e-6)


# --- From labels to the wheel -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LabelOnWheel:
    label: str
    words: tuple[tuple[str, float], ...]  # wheel word, how much of the label goes to it
    because: str  # one line: what the text seems to be about


@dataclass(frozen=True, slots=True)
class Suggestion:
    word: str
    core: str
    score: float
    because: str  # "" when there is no reason worth saying

    def as_dict(self) -> dict[str, Any]:
        return {"word": self.word, "core": self.core, "score": round(self.score, 4)}


def parse_label_map(data: dict[str, Any], wheel: FeelingsWheel) -> dict[str, LabelOnWheel]:
    """Check the reviewed mapping: every label but neutral, only wheel words, weights > 0."""
    labels = data.get("labels")
    if not isinstance(labels, dict):
        raise ValueError("the label map needs a 'labels' object")
    missing = set(LABELS) - {"neutral"} - set(labels)
    if missing:
        raise ValueError(f"the label map leaves out {sorted(missing)}")
    out: dict[str, LabelOnWheel] = {}
    for label, entry in labels.items():
        if label not in LABELS or label == "neutral":
            raise ValueError(f"'{label}' is not a GoEmotions label with feelings")
        words = tuple((str(w), float(s)) for w, s in entry["words"])
        if not words:
            raise ValueError(f"'{label}' maps to no wheel word")
        for word, share in words:
            if wheel.get(word) is None:
                raise ValueError(f"'{label}' maps to '{word}', which is not on the wheel")
            if not 0 < share <= 1:
                raise ValueError(f"'{label}' gives '{word}' a weight outside (0, 1]")
        because = str(entry.get("because", ""))
        out[label] = LabelOnWheel(label, words, because)
    return out


@cache
def label_map() -> dict[str, LabelOnWheel]:
    folder = resources.files("heartwork.domain.content")
    data = json.loads(folder.joinpath("emotions_on_wheel.json").read_text(encoding="utf-8"))
    return parse_label_map(data, feelings_wheel())


_WORD = re.compile(r"[a-z][a-z'-]*")
# A wheel word counts as named only after one of these ("i feel lonely", "so drained"):
# many wheel words are everyday words too ("close", "free", "present", "used").
_FRAMES = frozenset(
    {"feel", "feeling", "felt", "feels", "i'm", "im", "am", "was", "so", "really", "very"}
    | {"kinda", "pretty", "bit", "totally", "super", "quite", "little", "me", "got", "get"}
    | {"getting", "too", "just", "still", "more", "less", "been", "being", "and", "but"}
)


def _named_feelings(text: str, wheel: FeelingsWheel) -> list[str]:
    """Wheel words the person wrote themselves ("I felt so left out"), not negated."""
    words = _WORD.findall(normalize(text))
    named: list[str] = []
    for i, word in enumerate(words):
        before = words[max(0, i - 3) : i]
        if not before or not _FRAMES.intersection(before):
            continue
        if _NEGATORS.intersection(before):
            continue
        for candidate in (" ".join(words[i : i + 2]), word):
            feeling = wheel.get(candidate)
            if feeling is not None and feeling.word not in named:
                named.append(feeling.word)
                break
    return named


def wheel_word_scores(
    model: EmotionModel, mapping: dict[str, LabelOnWheel], text: str, blend: float
) -> tuple[dict[str, float], dict[str, tuple[float, str]]]:
    """Each wheel word's score for a text: what the labels give it through the reviewed map,
    plus ``blend`` times its own score from the second output (the training script tunes
    ``blend`` with this same function). Also the strongest reason behind each word."""
    logits, on_wheel = model._raw(text, with_wheel=model.wheel is not None and blend > 0)
    word_score: dict[str, float] = {}
    reason: dict[str, tuple[float, str]] = {}
    for label, entry in mapping.items():
        # Relative to its own threshold, so a rare label the model is sure of counts.
        score = _sigmoid(logits[LABELS.index(label)])
        strength = min(1.0, score / (2 * _threshold(model, label)))
        for word, share in entry.words:
            value = strength * share
            word_score[word] = word_score.get(word, 0.0) + value
            if value > reason.get(word, (0.0, ""))[0]:
                reason[word] = (value, entry.because)
    if model.wheel is not None and on_wheel:
        for word, z in zip(model.wheel.words, on_wheel, strict=True):
            value = blend * _sigmoid(z)
            word_score[word] = word_score.get(word, 0.0) + value
            if value > reason.get(word, (0.0, ""))[0]:
                reason[word] = (value, _WHEEL_REASON)
    return word_score, reason


_WHEEL_REASON = "a word people often use for moments like this"


def suggest_feelings(text: str, k: int = 5) -> list[Suggestion]:
    """The ``k`` wheel words that most likely fit what was written, strongest first.

    Each label's score is shared among the wheel words it maps to; a word on the wheel that
    the person wrote themselves comes first. Nothing is suggested for an empty text or one
    the model reads as neutral with nothing else above its threshold.
    """
    if not text.strip() or k <= 0:
        return []
    wheel = feelings_wheel()
    model = emotion_model()
    word_score, reason = wheel_word_scores(
        model, label_map(), text, model.wheel.blend if model.wheel else 0.0
    )
    for rank, word in enumerate(_named_feelings(text, wheel)):
        word_score[word] = 2.0 - rank * 0.01
        reason[word] = (2.0, f"you named “{word}” yourself")
    ranked = sorted(word_score.items(), key=lambda item: (-item[1], item[0]))
    out = []
    for word, score in ranked[:k]:
        if score < 0.15:
            break
        feeling = wheel.get(word)
        assert feeling is not None  # parse_label_map checked every word
        out.append(Suggestion(word, feeling.core, min(1.0, score), reason[word][1]))
    return out
