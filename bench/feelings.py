"""The feelings suggester against what a developer would otherwise reach for, in one run.

    .venv/bin/python bench/feelings.py [--goemotions ../shared/data/goemotions] [--latency 1000]

On the GoEmotions test split (never used to train or tune) and on the held-out fifth of the
project's own first-person situations, for each contender: macro-F1 over the 28 labels,
over the Ekman grouping (anger, disgust, fear, joy, sadness, surprise, neutral) and over
the sentiment grouping (positive, negative, ambiguous, neutral); top-1 and top-3 accuracy
(a true label among the k best-scored); median and p99 latency per message on one thread;
size on disk, load time and the resident memory the model adds.

Contenders: heartwork's suggester; a TF-IDF (words, 1–2-grams) + one-vs-rest logistic
regression with per-label thresholds tuned on dev, trained here on GoEmotions train (needs
scikit-learn); VADER (sentiment only, `vaderSentiment`); NRCLex and text2emotion (Ekman)
when they import and run offline — both want NLTK or TextBlob corpora that cannot be
downloaded here: NRCLex is run on its bundled lexicon over a plain word split (its own
TextBlob tokenizer needs the corpora), and text2emotion, which also breaks with emoji 2.x,
is reported as skipped with the reason when it fails.
Development dependencies only: the app never imports any of them.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import statistics
import sys
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

import train_feelings  # noqa: E402

from heartwork.domain.language import emotions  # noqa: E402

LABELS = emotions.LABELS
GROUP_FILES = {"ekman": "ekman_mapping.json", "sentiment": "sentiment_dict.json"}


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def groupings(goemotions: Path) -> dict[str, dict[str, str]]:
    out = {}
    for name, filename in GROUP_FILES.items():
        data = json.loads((goemotions / filename).read_text())
        out[name] = {label: group for group, labels in data.items() for label in labels}
        out[name]["neutral"] = "neutral"
    return out


def macro_f1(truth: list[set[str]], guess: list[set[str]], classes: list[str]) -> float:
    scores = []
    for c in classes:
        tp = sum(1 for t, g in zip(truth, guess, strict=True) if c in t and c in g)
        fp = sum(1 for t, g in zip(truth, guess, strict=True) if c not in t and c in g)
        fn = sum(1 for t, g in zip(truth, guess, strict=True) if c in t and c not in g)
        scores.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores)


def top_k(truth: list[set[str]], ranked: list[list[str]], k: int) -> float:
    hits = sum(1 for t, r in zip(truth, ranked, strict=True) if t & set(r[:k]))
    return hits / len(truth)


def latency(fn: Callable[[str], object], texts: list[str]) -> tuple[float, float]:
    samples = []
    for text in texts:
        start = time.perf_counter()
        fn(text)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


class Contender(ABC):
    """One system in the comparison: loads once, then predicts text by text."""

    name = ""
    covers = ("labels", "ekman", "sentiment")
    size_mb: float | None = None
    load_s: float | None = None
    rss_mb: float | None = None

    @abstractmethod
    def load(self) -> None: ...

    @abstractmethod
    def predict(self, text: str) -> tuple[set[str], list[str]]:
        """The labels (or groups) it assigns, and its ranking of them, best first."""


class Heartwork(Contender):
    name = "heartwork suggester"

    def load(self) -> None:
        folder = Path(emotions.__file__).parent.parent / "content" / emotions.MODEL_DIR
        self.size_mb = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
        self.model = emotions.load_model()

    def predict(self, text):
        scores = self.model.scores(text)
        thresholds = dict(zip(LABELS, self.model.thresholds, strict=True))
        assigned = {label for label in LABELS if scores[label] >= thresholds[label]}
        ranked = sorted(LABELS, key=lambda label: -scores[label] / thresholds[label])
        return (assigned or {ranked[0]}), ranked


class TfidfLogistic(Contender):
    name = "TF-IDF + LR (baseline)"

    def __init__(self, goemotions: Path) -> None:
        self.goemotions = goemotions

    def load(self) -> None:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier

        train = train_feelings.read_goemotions(self.goemotions / "train.tsv")
        dev = train_feelings.read_goemotions(self.goemotions / "dev.tsv")
        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        x = self.vectorizer.fit_transform([t for t, _ in train])
        y = train_feelings.targets([labels for _, labels in train])
        self.model = OneVsRestClassifier(LogisticRegression(C=4.0, solver="liblinear"))
        self.model.fit(x, y)
        dev_probs = self.model.predict_proba(self.vectorizer.transform([t for t, _ in dev]))
        dev_truth = train_feelings.targets([labels for _, labels in dev]).astype(bool)
        self.thresholds = np.array(train_feelings.tune_thresholds(dev_probs, dev_truth))

    def predict(self, text):
        probs = self.model.predict_proba(self.vectorizer.transform([text]))[0]
        ratio = probs / self.thresholds
        ranked = [LABELS[i] for i in (-ratio).argsort()]
        assigned = {LABELS[i] for i, r in enumerate(ratio) if r >= 1}
        return (assigned or {ranked[0]}), ranked


class Vader(Contender):
    name = "VADER (vaderSentiment)"
    covers = ("sentiment",)

    def load(self) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self.analyzer = SentimentIntensityAnalyzer()

    def predict(self, text):
        compound = self.analyzer.polarity_scores(text)["compound"]
        if compound >= 0.05:
            return {"positive"}, ["positive", "neutral", "negative"]
        if compound <= -0.05:
            return {"negative"}, ["negative", "neutral", "positive"]
        return {"neutral"}, ["neutral", "positive", "negative"]


class NRCLexEkman(Contender):
    name = "NRCLex"
    covers = ("ekman",)
    mapping = {"anger": "anger", "disgust": "disgust", "fear": "fear", "joy": "joy"}
    mapping |= {"sadness": "sadness", "surprise": "surprise"}

    def load(self) -> None:
        from nrclex import NRCLex

        # Its raw-text path needs TextBlob's corpora, which cannot be downloaded here; its
        # bundled lexicon over our own lower-case word split works offline.
        self.lexicon = NRCLex()

    def predict(self, text):
        self.lexicon.load_token_list(re.findall(r"[a-z']+", text.lower()))
        freqs = self.lexicon.affect_frequencies
        ranked = [
            self.mapping[k]
            for k, v in sorted(freqs.items(), key=lambda kv: -kv[1])
            if k in self.mapping and v > 0
        ]
        return ({ranked[0]} if ranked else {"neutral"}), [*ranked, "neutral"]


class Text2Emotion(Contender):
    name = "text2emotion"
    covers = ("ekman",)
    mapping = {"Happy": "joy", "Angry": "anger", "Surprise": "surprise", "Sad": "sadness"}
    mapping |= {"Fear": "fear"}

    def load(self) -> None:
        import text2emotion

        self.get = text2emotion.get_emotion
        self.get("a test sentence that must run offline")

    def predict(self, text):
        scores = self.get(text)
        ranked = [self.mapping[k] for k, v in sorted(scores.items(), key=lambda kv: -kv[1]) if v]
        return ({ranked[0]} if ranked else {"neutral"}), [*ranked, "neutral"]


def evaluate(
    contender: Contender,
    sets: dict[str, list[tuple[str, set[str]]]],
    groups: dict[str, dict[str, str]],
    latency_texts: list[str],
) -> dict:
    result: dict = {"name": contender.name, "covers": contender.covers}
    for set_name, rows in sets.items():
        truth_labels = [labels for _, labels in rows]
        guesses = [contender.predict(text) for text, _ in rows]
        for level in ("labels", "ekman", "sentiment"):
            if level not in contender.covers:
                continue
            if level == "labels":
                truth, guess, classes = truth_labels, [g for g, _ in guesses], list(LABELS)
                ranked = [r for _, r in guesses]
            else:
                to_group = groups[level]
                classes = sorted(set(to_group.values()))
                truth = [{to_group[label] for label in t} for t in truth_labels]
                if contender.covers == (level,):  # predicts groups directly
                    guess = [g for g, _ in guesses]
                    ranked = [r for _, r in guesses]
                else:
                    guess = [{to_group[label] for label in g} for g, _ in guesses]
                    ranked = [list(dict.fromkeys(to_group[x] for x in r)) for _, r in guesses]
            result[(set_name, level)] = macro_f1(truth, guess, classes)
            if level == contender.covers[0]:
                result[(set_name, "top1")] = top_k(truth, ranked, 1)
                result[(set_name, "top3")] = top_k(truth, ranked, 3)
    result["latency"] = latency(contender.predict, latency_texts)
    return result


def wheel_top3(rows: list[tuple[str, set[str], list[str]]]) -> tuple[float, float]:
    """On held-out situations: a listed wheel word, or its core, among the first three."""
    word_hits = core_hits = 0
    wheel = emotions.feelings_wheel()
    for text, _, words in rows:
        suggested = emotions.suggest_feelings(text, k=3)
        word_hits += bool({s.word for s in suggested} & set(words))
        core_hits += bool({s.core for s in suggested} & {wheel.get(w).core for w in words})
    return word_hits / len(rows), core_hits / len(rows)


def fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--goemotions", type=Path, default=train_feelings.GOEMOTIONS)
    parser.add_argument("--latency", type=int, default=1000, help="messages timed per contender")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help="run only the contenders whose name starts with this (repeatable); all by default",
    )
    args = parser.parse_args()

    test = train_feelings.read_goemotions(args.goemotions / "test.tsv")
    held = train_feelings.situation_split(held_out=True)
    sets = {"GoEmotions test": test, "own held-out": [(t, labels) for t, labels, _ in held]}
    groups = groupings(args.goemotions)
    latency_texts = [t for t, _ in test[: args.latency]]

    contenders: list[Contender] = [
        Heartwork(),
        TfidfLogistic(args.goemotions),
        Vader(),
        NRCLexEkman(),
        Text2Emotion(),
    ]
    if args.only:
        wanted = tuple(name.lower() for name in args.only)
        contenders = [c for c in contenders if c.name.lower().startswith(wanted)]
    results, skipped = [], []
    for contender in contenders:
        gc.collect()
        before = rss_mb()
        start = time.perf_counter()
        try:
            contender.load()
        except Exception as error:  # a library that cannot run offline here
            skipped.append(f"{contender.name}: {type(error).__name__}: {str(error)[:120]}")
            continue
        contender.load_s = time.perf_counter() - start
        contender.rss_mb = rss_mb() - before
        print(f"evaluating {contender.name}…", file=sys.stderr)
        result = evaluate(contender, sets, groups, latency_texts)
        result["contender"] = contender
        results.append(result)

    print(f"\nMachine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, ", end="")
    print(f"Python {platform.python_version()}; {len(test)} GoEmotions test texts, ", end="")
    print(f"{len(held)} held-out situations; latency over {len(latency_texts)} texts.\n")
    head = (
        "| contender | set | F1 28 labels | F1 Ekman | F1 sentiment | top-1 | top-3 "
        "| median ms | p99 ms | size MB | load s | RSS MB |"
    )
    print(head)
    print("|" + "---|" * 12)
    for r in results:
        c = r["contender"]
        for n, set_name in enumerate(sets):
            median, p99 = r["latency"]
            print(
                f"| {r['name'] if n == 0 else ''} | {set_name} "
                f"| {fmt(r.get((set_name, 'labels')))} | {fmt(r.get((set_name, 'ekman')))} "
                f"| {fmt(r.get((set_name, 'sentiment')))} | {fmt(r.get((set_name, 'top1')))} "
                f"| {fmt(r.get((set_name, 'top3')))} "
                + (
                    f"| {median:.2f} | {p99:.2f} | {fmt(c.size_mb, 1)} | {fmt(c.load_s)} "
                    f"| {fmt(c.rss_mb, 0)} |"
                    if n == 0
                    else "| | | | | |"
                )
            )
    if any(isinstance(r["contender"], Heartwork) for r in results):
        words, cores = wheel_top3(held)
        print(
            f"\nheartwork on {len(held)} held-out situations: a listed wheel word among the "
            f"first three suggestions {words:.2f}, a listed core among them {cores:.2f}."
        )
    for line in skipped:
        print(f"Skipped {line}")


if __name__ == "__main__":
    main()
