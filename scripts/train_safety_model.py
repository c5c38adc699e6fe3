"""Train the safety screen's linear model on the development sentences.

    .venv/bin/python scripts/train_safety_model.py           # writes content/safety_model.json
    .venv/bin/python scripts/train_safety_model.py --check   # exit 1 if the shipped file differs
    .venv/bin/python scripts/train_safety_model.py --report  # cross-validated figures only

Logistic regression, one per kind, by stochastic gradient descent in plain Python (no
numpy or scikit-learn, so the result is the same on every machine and the shipped model
needs nothing to run). Reads ``tests/data/safety/dev.jsonl`` only: the held-out set is
never opened here.

Each kind's threshold is chosen by 5-fold cross-validation on dev: the model is trained on
four fifths and scores the fifth it has not seen; over those out-of-fold scores, the
threshold is the one with the best F-beta (beta = BETA: recall counts more than precision,
because missing someone in danger is worse than a false alarm) among those keeping
out-of-fold precision at least MIN_PRECISION. Then the model is trained on all of dev.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from heartwork.domain.safety import KINDS, negation_words, normalise, safety_patterns  # noqa: E402
from heartwork.domain.safety_model import MIN_SCALE_COUNT, features, split_words  # noqa: E402

DEV = ROOT / "tests" / "data" / "safety" / "dev.jsonl"
OUT = ROOT / "src" / "heartwork" / "domain" / "content" / "safety_model.json"

SEED = 20261215
FOLDS = 5
EPOCHS = 12
LEARNING_RATE = 2.0
L2 = 1e-4  # per update, on the weights a text touches
MIN_COUNT = 3  # a feature must appear in at least this many training texts
BETA = 1.5
MIN_PRECISION = 0.8
PRUNE = 0.05  # features whose every weight is smaller are left out of the file
DIGITS = 3  # weights are rounded: a smaller file, and the same file on every machine


def text_features(text: str) -> set[str]:
    patterns = safety_patterns()
    words = split_words(normalise(text), patterns.respelling.words)
    return features(words, negation_words(patterns.negation))


def train(
    docs: Sequence[set[str]], labels: Sequence[Sequence[int]], seed: int
) -> tuple[list[float], dict[str, list[float]]]:
    """Weights per feature and a bias per kind, by SGD on the logistic loss."""
    counts = Counter(f for doc in docs for f in doc)
    # Scaled as at run time: by every feature of the text, known or not.
    scales = [1.0 / math.sqrt(max(len(doc), MIN_SCALE_COUNT)) for doc in docs]
    kept = [sorted(f for f in doc if counts[f] >= MIN_COUNT) for doc in docs]
    size = len(KINDS)
    positives = [sum(label[k] for label in labels) for k in range(size)]
    # Each kind is rare; positives count as much in total as negatives.
    pos_weight = [(len(labels) - p) / p if p else 1.0 for p in positives]
    weights: dict[str, list[float]] = {}
    bias = [0.0] * size
    order = list(range(len(kept)))
    rng = random.Random(seed)
    step = 0
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for index in order:
            doc, label, scale = kept[index], labels[index], scales[index]
            if not doc:
                continue
            step += 1
            rate = LEARNING_RATE / math.sqrt(1 + step / len(kept))
            rows = [weights.setdefault(f, [0.0] * size) for f in doc]
            for k in range(size):
                total = bias[k] + scale * sum(row[k] for row in rows)
                p = 1.0 / (1.0 + math.exp(-total)) if total > -30 else 0.0
                error = (p - label[k]) * (pos_weight[k] if label[k] else 1.0)
                bias[k] -= rate * error * 0.1
                change = rate * error * scale
                for row in rows:
                    row[k] -= change + rate * L2 * row[k]
    return bias, weights


def predict(bias: Sequence[float], weights: dict[str, list[float]], doc: set[str]) -> list[float]:
    totals = list(bias)
    scale = 1.0 / math.sqrt(max(len(doc), MIN_SCALE_COUNT))
    for f in doc:
        row = weights.get(f)
        if row is not None:
            for k, w in enumerate(row):
                totals[k] += w * scale
    return [1.0 / (1.0 + math.exp(-t)) if t > -30 else 0.0 for t in totals]


def choose_threshold(scores: Sequence[float], gold: Sequence[int]) -> tuple[float, str]:
    """The threshold with the best out-of-fold F-beta at precision >= MIN_PRECISION."""
    best = (-1.0, 0.5, "")
    total = sum(gold)
    for step in range(5, 96):
        threshold = step / 100
        tp = sum(1 for s, g in zip(scores, gold, strict=True) if s >= threshold and g)
        fp = sum(1 for s, g in zip(scores, gold, strict=True) if s >= threshold and not g)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / total if total else 1.0
        if precision < MIN_PRECISION or not tp:
            continue
        b2 = BETA * BETA
        f = (1 + b2) * precision * recall / (b2 * precision + recall)
        if f > best[0]:
            best = (f, threshold, f"P {precision:.3f} R {recall:.3f} F{BETA:g} {f:.3f}")
    return best[1], best[2]


def build() -> tuple[dict, list[str]]:
    rows = [json.loads(line) for line in DEV.read_text("utf-8").splitlines() if line.strip()]
    docs = [text_features(row["text"]) for row in rows]
    labels = [[int(kind in row["kinds"]) for kind in KINDS] for row in rows]
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)
    out_of_fold = [[0.0] * len(KINDS) for _ in rows]
    for fold in range(FOLDS):
        held = set(order[fold::FOLDS])
        train_at = [i for i in order if i not in held]
        bias, weights = train([docs[i] for i in train_at], [labels[i] for i in train_at], SEED)
        for i in held:
            out_of_fold[i] = predict(bias, weights, docs[i])
    thresholds, report = [], []
    for k, kind in enumerate(KINDS):
        threshold, line = choose_threshold(
            [s[k] for s in out_of_fold], [label[k] for label in labels]
        )
        thresholds.append(threshold)
        report.append(f"  {kind:18} threshold {threshold:.2f}  out-of-fold {line}")
    bias, weights = train(docs, labels, SEED)
    kept = {
        f: [round(w, DIGITS) for w in row]
        for f, row in sorted(weights.items())
        if max(abs(w) for w in row) >= PRUNE
    }
    model = {
        "about": [
            "The safety screen's linear model: written by scripts/train_safety_model.py from "
            "tests/data/safety/dev.jsonl; do not edit by hand (heartwork/domain/safety_model.py "
            "says how it is read).",
        ],
        "kinds": list(KINDS),
        "bias": [round(b, DIGITS) for b in bias],
        "threshold": thresholds,
        "weights": kept,
    }
    report.append(f"  {len(kept)} features kept, trained on {len(rows)} dev texts")
    return model, report


def dump(model: dict) -> str:
    head = {k: v for k, v in model.items() if k != "weights"}
    lines = json.dumps(head, indent=1, ensure_ascii=False)[:-2] + ',\n "weights": {\n'
    lines += ",\n".join(
        f"  {json.dumps(f, ensure_ascii=False)}: {json.dumps(row)}"
        for f, row in model["weights"].items()
    )
    return lines + "\n }\n}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    parser.add_argument("--report", action="store_true", help="print figures, write nothing")
    args = parser.parse_args()
    model, report = build()
    print("\n".join(report))
    text = dump(model)
    if args.check:
        same = OUT.read_text("utf-8") == text
        print("the shipped model is up to date" if same else f"{OUT.name} differs: retrain")
        return 0 if same else 1
    if not args.report:
        OUT.write_text(text, "utf-8")
        print(f"wrote {OUT.relative_to(ROOT)} ({len(text) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
