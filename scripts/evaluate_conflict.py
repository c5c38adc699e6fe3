"""How well the conflict-language analyzer agrees with the labelled messages.

    .venv/bin/python scripts/evaluate_conflict.py            # dev and held-out tables
    .venv/bin/python scripts/evaluate_conflict.py --dev      # dev only, while tuning
    .venv/bin/python scripts/evaluate_conflict.py --errors criticism  # dev disagreements

Message level: a kind is predicted when the analysis has at least one finding of that
kind; a strength when it is in the analysis's strengths. Precision, recall and F1 per
kind and per strength. Tuning looks at dev only: --errors never lists held-out messages.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "conflict"
sys.path.insert(0, str(ROOT / "src"))

from heartwork.domain.language import KINDS, STRENGTHS, analyze_message  # noqa: E402


@dataclass(frozen=True, slots=True)
class Score:
    label: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


# Rows written after the split (dev_additions.jsonl) are development rows too: they were
# written by looking at dev, so they never join the held-out part.
DEV_FILES = ("dev.jsonl", "dev_additions.jsonl")


def load(name: str) -> list[dict[str, object]]:
    """The rows of one split: "dev.jsonl" (with the additions) or "heldout.jsonl"."""
    names = DEV_FILES if name == "dev.jsonl" else (name,)
    rows: list[dict[str, object]] = []
    for part in names:
        with (DATA / part).open(encoding="utf-8") as lines:
            rows.extend(json.loads(line) for line in lines if line.strip())
    return rows


def predict(text: str) -> tuple[set[str], set[str]]:
    analysis = analyze_message(text)
    return set(analysis.kinds), set(analysis.strengths)


def score(rows: Iterable[dict[str, object]], labels: Sequence[str]) -> list[Score]:
    counts = {label: [0, 0, 0] for label in labels}
    for row in rows:
        kinds, strengths = predict(str(row["text"]))
        predicted = kinds | strengths
        gold = set(row["kinds"]) | set(row["strengths"])  # type: ignore[call-overload]
        for label in labels:
            if label in predicted and label in gold:
                counts[label][0] += 1
            elif label in predicted:
                counts[label][1] += 1
            elif label in gold:
                counts[label][2] += 1
    return [Score(label, *counts[label]) for label in labels]


def evaluate(name: str) -> list[Score]:
    """Scores for every kind and strength on one split ("dev.jsonl" or "heldout.jsonl")."""
    return score(load(name), (*KINDS, *STRENGTHS))


def table(title: str, scores: Sequence[Score]) -> str:
    lines = [
        f"{title}",
        f"| {'label':<15} | {'P':>5} | {'R':>5} | {'F1':>5} | {'n':>4} |",
        f"|{'-' * 17}|{'-' * 7}|{'-' * 7}|{'-' * 7}|{'-' * 6}|",
    ]
    for s in scores:
        lines.append(
            f"| {s.label:<15} | {s.precision:5.3f} | {s.recall:5.3f} "
            f"| {s.f1:5.3f} | {s.support:4d} |"
        )
    return "\n".join(lines)


def errors(rows: Iterable[dict[str, object]], label: str) -> list[str]:
    out = []
    for row in rows:
        kinds, strengths = predict(str(row["text"]))
        predicted = kinds | strengths
        gold = set(row["kinds"]) | set(row["strengths"])  # type: ignore[call-overload]
        if (label in predicted) != (label in gold):
            sign = "FP" if label in predicted else "FN"
            out.append(f"{sign} {label}: {row['text']}  [gold {sorted(gold)}]")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", metavar="LABEL", help="list dev disagreements for LABEL")
    parser.add_argument("--dev", action="store_true", help="dev only (while tuning)")
    args = parser.parse_args()
    for name, title in (("dev.jsonl", "dev"), ("heldout.jsonl", "held-out")):
        if (args.errors or args.dev) and name == "heldout.jsonl":
            break  # tuning never looks at held-out
        rows = load(name)
        print(table(f"{title} ({len(rows)} messages)", evaluate(name)))
        print()
    if args.errors:
        for line in errors(load("dev.jsonl"), args.errors):
            print(line)


if __name__ == "__main__":
    main()
