"""Train the conflict analyzer's learned model and write content/conflict_model.json.

    .venv/bin/python scripts/train_conflict_model.py           # write the model
    .venv/bin/python scripts/train_conflict_model.py --report  # also print fold figures

One logistic regression per kind and strength over words, word pairs, negated words and
the message's 28 emotion scores from the feelings model, each cut at a few levels (see
heartwork.domain.language.conflict_model.message_features), trained on the development rows
only (dev.jsonl and dev_additions.jsonl; never the held-out part). Plain Python, a fixed
seed and a fixed number of passes, so the file it writes is the same on every machine (a
test checks the shipped file against it).

How the model joins the patterns is chosen here too, per label: the model's probability at
which it adds a label the patterns missed, and below which it sets aside a label they
found. Both are picked on five folds: each fold's messages are scored by a model trained
on the other four, and the pair of thresholds that gives the best F1 over all folds wins.
The patterns were written looking at dev, so on dev they look better than they are; an
addition therefore has to beat them by a margin (ADD_MARGIN) to be kept.
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
sys.path.insert(0, str(ROOT / "scripts"))

from evaluate_conflict import load  # noqa: E402

from heartwork.domain.language.conflict import KINDS, STRENGTHS, analyze_message  # noqa: E402
from heartwork.domain.language.conflict_model import MODEL_FILE, message_features  # noqa: E402
from heartwork.domain.language.text import read  # noqa: E402

OUT = ROOT / "src" / "heartwork" / "domain" / "content" / MODEL_FILE
LABELS = (*KINDS, *STRENGTHS)
SEED = 20261214
EPOCHS = 20
RATE = 0.5  # Adagrad step size
L2 = 1e-4  # per-step weight decay on the features seen in the step
MIN_COUNT = 2  # a feature seen in fewer development messages is left out
FOLDS = 5
ADD_GRID = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
DROP_GRID = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2)
ADD_MARGIN = 0.002  # F1 an addition must gain on the folds to be kept
NEVER = 2.0  # an add_at no probability reaches


Example = tuple[frozenset[str], frozenset[str]]  # (features, gold labels)


def examples(rows: Sequence[dict[str, object]]) -> list[Example]:
    out = []
    for row in rows:
        text = str(row["text"])
        feats = frozenset(message_features(text, read(text).sentences))
        gold = frozenset(row["kinds"]) | frozenset(row["strengths"])  # type: ignore[arg-type]
        out.append((feats, gold))
    return out


def train(data: Sequence[Example]) -> tuple[dict[str, list[float]], dict[str, float]]:
    """Weights per feature (one per label) and a bias per label."""
    counts = Counter(f for feats, _ in data for f in feats)
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocabulary)}
    rows = [([index[f] for f in sorted(feats) if f in index], gold) for feats, gold in data]
    weights = {label: [0.0] * len(vocabulary) for label in LABELS}
    bias = {label: 0.0 for label in LABELS}
    order = list(range(len(rows)))
    for label in LABELS:
        w = weights[label]
        g2 = [1e-8] * len(vocabulary)
        b = 0.0
        gb2 = 1e-8
        rng = random.Random(f"{SEED}-{label}")
        for _ in range(EPOCHS):
            rng.shuffle(order)
            for i in order:
                feats, gold = rows[i]
                z = b + sum(w[j] for j in feats)
                p = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else 1.0 - 1.0 / (1.0 + math.exp(z))
                error = p - (1.0 if label in gold else 0.0)
                for j in feats:
                    grad = error + L2 * w[j]
                    g2[j] += grad * grad
                    w[j] -= RATE * grad / math.sqrt(g2[j])
                gb2 += error * error
                b -= RATE * error / math.sqrt(gb2)
        bias[label] = b
    table = {f: [weights[label][i] for label in LABELS] for f, i in index.items()}
    return table, bias


def probability(table: dict[str, list[float]], bias: float, feats: frozenset[str], k: int) -> float:
    z = bias + sum(table[f][k] for f in feats if f in table)
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else 1.0 - 1.0 / (1.0 + math.exp(z))


def f1(pairs: Sequence[tuple[bool, bool]]) -> float:
    tp = sum(1 for p, g in pairs if p and g)
    fp = sum(1 for p, g in pairs if p and not g)
    fn = sum(1 for p, g in pairs if g and not p)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def out_of_fold(data: Sequence[Example]) -> list[dict[str, float]]:
    """Each message's probabilities from a model trained without its fold."""
    order = list(range(len(data)))
    random.Random(SEED).shuffle(order)
    probs: list[dict[str, float]] = [{} for _ in data]
    for fold in range(FOLDS):
        held = set(order[fold::FOLDS])
        table, bias = train([d for i, d in enumerate(data) if i not in held])
        for i in held:
            for k, label in enumerate(LABELS):
                probs[i][label] = probability(table, bias[label], data[i][0], k)
    return probs


def thresholds(
    data: Sequence[Example], probs: Sequence[dict[str, float]], patterns: Sequence[set[str]]
) -> dict[str, dict[str, float]]:
    out = {}
    for label in LABELS:
        gold = [label in g for _, g in data]
        base = [label in p for p in patterns]
        best = (f1(list(zip(base, gold, strict=True))), NEVER, 0.0)
        for drop in DROP_GRID:
            for add in (NEVER, *ADD_GRID):
                predicted = [
                    (b and pr[label] >= drop) or (not b and pr[label] >= add)
                    for b, pr in zip(base, probs, strict=True)
                ]
                score = f1(list(zip(predicted, gold, strict=True)))
                if add != NEVER:
                    score -= ADD_MARGIN
                if score > best[0] + 1e-9:
                    best = (score, add, drop)
        out[label] = {"add_at": best[1], "drop_below": best[2]}
    return out


def build(report: bool = False) -> dict[str, object]:
    rows = load("dev.jsonl")
    data = examples(rows)
    patterns = []
    for row in rows:
        analysis = analyze_message(str(row["text"]), learned=False)
        patterns.append(set(analysis.kinds) | set(analysis.strengths))
    probs = out_of_fold(data)
    chosen = thresholds(data, probs, patterns)
    if report:
        for label in LABELS:
            gold = [label in g for _, g in data]
            base = f1([(label in p, g) for p, g in zip(patterns, gold, strict=True)])
            alone = f1([(pr[label] >= 0.5, g) for pr, g in zip(probs, gold, strict=True)])
            t = chosen[label]
            both = f1(
                [
                    (
                        (label in p and pr[label] >= t["drop_below"])
                        or (label not in p and pr[label] >= t["add_at"]),
                        g,
                    )
                    for p, pr, g in zip(patterns, probs, gold, strict=True)
                ]
            )
            print(
                f"{label:<15} patterns {base:.3f}  model {alone:.3f}  both {both:.3f}"
                f"  add_at {t['add_at']}  drop_below {t['drop_below']}"
            )
    table, bias = train(data)
    features = {
        f: [round(w, 3) for w in row]
        for f, row in sorted(table.items())
        if any(abs(round(w, 3)) > 0 for w in row)
    }
    return {
        "about": "Written by scripts/train_conflict_model.py; do not edit by hand.",
        "seed": SEED,
        "labels": list(LABELS),
        "bias": {label: round(bias[label], 4) for label in LABELS},
        "thresholds": chosen,
        "features": features,
    }


def render(model: dict[str, object]) -> str:
    """The file's text: one feature per line, so a retrain reads as a diff."""
    head = {k: v for k, v in model.items() if k != "features"}
    lines = json.dumps(head, indent=1)[:-2].splitlines()
    lines[-1] += ","
    lines.append(' "features": {')
    features = model["features"]
    assert isinstance(features, dict)
    items = [f"  {json.dumps(f)}: {json.dumps(w)}" for f, w in features.items()]
    lines.append(",\n".join(items))
    lines.append(" }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--report", action="store_true", help="print fold figures per label")
    args = parser.parse_args()
    OUT.write_text(render(build(report=args.report)), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
