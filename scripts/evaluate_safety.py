"""How well the safety screen does on the labelled sentences.

    .venv/bin/python scripts/evaluate_safety.py            # dev and held-out
    .venv/bin/python scripts/evaluate_safety.py --errors   # and list what dev gets wrong
    .venv/bin/python scripts/evaluate_safety.py --file some.jsonl

Prints per-kind precision, recall and F1, and "any concern" precision and recall (a text
with at least one kind). Tune on dev only; held-out is for reporting (see
tests/data/safety/README.md). ``--errors`` never lists held-out sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from heartwork.domain.safety import KINDS, screen  # noqa: E402

DATA = ROOT / "tests" / "data" / "safety"


@dataclass(frozen=True)
class Score:
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


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def score(rows: list[dict], predictions: list[list[str]]) -> dict[str, Score]:
    """Per kind, and "any" (some concern found vs. some concern labelled)."""
    counts = {name: [0, 0, 0] for name in (*KINDS, "any")}
    for row, predicted in zip(rows, predictions, strict=True):
        gold = set(row["kinds"])
        for name in (*KINDS, "any"):
            want = bool(gold) if name == "any" else name in gold
            got = bool(predicted) if name == "any" else name in predicted
            counts[name][0] += want and got
            counts[name][1] += got and not want
            counts[name][2] += want and not got
    return {name: Score(*values) for name, values in counts.items()}


def table(title: str, scores: dict[str, Score], size: int) -> str:
    lines = [f"{title} ({size} texts)", f"  {'kind':18} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
    for name, s in scores.items():
        lines.append(
            f"  {name:18} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
            f"  {s.tp:3d} {s.fp:3d} {s.fn:3d}"
        )
    return "\n".join(lines)


def evaluate(path: Path) -> tuple[list[dict], list[list[str]], dict[str, Score]]:
    rows = load(path)
    predictions = [screen(row["text"]) for row in rows]
    return rows, predictions, score(rows, predictions)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, action="append", help="a .jsonl file to score")
    parser.add_argument("--errors", action="store_true", help="list what dev gets wrong")
    args = parser.parse_args()
    files = args.file or [DATA / "dev.jsonl", DATA / "heldout.jsonl"]
    for path in files:
        rows, predictions, scores = evaluate(path)
        print(table(path.name, scores, len(rows)))
        if args.errors and path.name != "heldout.jsonl":
            for row, predicted in zip(rows, predictions, strict=True):
                if set(predicted) != set(row["kinds"]):
                    print(f"    want {row['kinds']} got {predicted}: {row['text']}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
