"""Split the labelled safety sentences ONCE into a development part and a held-out part.

Reads ``tests/data/safety/part*.jsonl`` (the labelled set as it was handed over) and
writes ``dev.jsonl`` (about 70%) and ``heldout.jsonl`` (about 30%) beside them. The split
is stratified by the exact set of kinds a sentence carries, so every kind (and every
combination) is in both parts, and it uses a fixed seed so it can be checked.

It refuses to run again once the files exist: the held-out part is only fair while nobody
tunes on it, and sentences written later for development are appended to ``dev.jsonl``.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

SEED = 20261202
HELDOUT_SHARE = 0.3
DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "safety"


def main() -> int:
    dev_path, heldout_path = DATA / "dev.jsonl", DATA / "heldout.jsonl"
    if dev_path.exists() or heldout_path.exists():
        print("dev.jsonl / heldout.jsonl already exist; the split is done once.", file=sys.stderr)
        return 1
    rows = [
        json.loads(line)
        for part in sorted(DATA.glob("part*.jsonl"))
        for line in part.read_text("utf-8").splitlines()
        if line.strip()
    ]
    strata: dict[tuple[str, ...], list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        strata[tuple(sorted(row["kinds"]))].append(row)
    rng = random.Random(SEED)
    dev: list[dict[str, object]] = []
    heldout: list[dict[str, object]] = []
    for key in sorted(strata):
        group = strata[key]
        rng.shuffle(group)
        # At least one of each combination held out when there are two or more.
        n_heldout = max(1, round(len(group) * HELDOUT_SHARE)) if len(group) > 1 else 0
        heldout.extend(group[:n_heldout])
        dev.extend(group[n_heldout:])
    rng.shuffle(dev)
    rng.shuffle(heldout)
    for path, part in ((dev_path, dev), (heldout_path, heldout)):
        with path.open("w", encoding="utf-8") as out:
            for row in part:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences: {len(dev)} dev, {len(heldout)} held out (seed {SEED})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
