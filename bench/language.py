"""How long reading one message takes: the language components, single thread.

One figure per component, each measured by its own function below, over every labelled
conflict message (development and held-out texts; only the texts are read, never the
labels, and nothing is printed of them):
  - analyzer: heartwork.domain.language.analyze_message, patterns and learned model;
  - analyzer (patterns only): the same with learned=False, to show what the model costs.

The feelings suggester (its own issue) gets a function of its own here, next to these,
and a line in COMPONENTS.

    .venv/bin/python bench/language.py [--rounds 5]

Each round times every message once, in a fixed shuffled order; the first message of a
run is read once beforehand, so loading the content files is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "conflict"
sys.path.insert(0, str(ROOT / "src"))

Reader = Callable[[str], object]


def texts() -> list[str]:
    out = []
    for name in ("dev.jsonl", "dev_additions.jsonl", "heldout.jsonl"):
        with (DATA / name).open(encoding="utf-8") as lines:
            out.extend(str(json.loads(line)["text"]) for line in lines if line.strip())
    random.Random(20261214).shuffle(out)
    return out


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(reader: Reader, messages: list[str], rounds: int) -> list[float]:
    """Milliseconds per message, every message once per round."""
    reader(messages[0])  # warm: content files and compiled patterns load once
    samples = []
    for _ in range(rounds):
        for text in messages:
            start = time.perf_counter()
            reader(text)
            samples.append((time.perf_counter() - start) * 1000)
    return samples


# --- One function per component ------------------------------------------------------------


def analyzer() -> Reader:
    from heartwork.domain.language import analyze_message

    return analyze_message


def analyzer_patterns_only() -> Reader:
    from heartwork.domain.language.conflict import analyze_message

    return lambda text: analyze_message(text, learned=False)


COMPONENTS: dict[str, Callable[[], Reader]] = {
    "analyze_message": analyzer,
    "analyze_message (patterns only)": analyzer_patterns_only,
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    messages = texts()
    print(
        f"machine: {platform.node()} · {os.cpu_count()} cores · {platform.processor() or '?'}"
        f" · Python {platform.python_version()} · {len(messages)} messages × {args.rounds}"
        " rounds\n"
    )
    print("| component | median ms | p99 ms | max ms | messages |")
    print("|---|---:|---:|---:|---:|")
    for label, make in COMPONENTS.items():
        samples = timed(make(), messages, args.rounds)
        print(
            f"| {label} | {statistics.median(samples):.2f} | {percentile(samples, 0.99):.2f} "
            f"| {max(samples):.2f} | {len(samples)} |"
        )


if __name__ == "__main__":
    main()
