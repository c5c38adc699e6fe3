"""Split the labelled conflict messages once into dev (~70%) and held-out (~30%).

Run once; its output is committed, and tuning looks only at dev.jsonl:

    .venv/bin/python scripts/split_conflict_data.py

Stratified by the set of harmful kinds a message carries (none, one kind, or a pair), so
both halves hold every kind, and every pair, in about the same share. The seed is fixed,
and rows are read in part order (part1 … part12), so the split is reproducible.

Rows written later, after looking at dev, go to ``dev_additions.jsonl`` and never through
this script: they belong to development, and the held-out part stays as it was split.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "conflict"
SEED = 20261202
HELDOUT_SHARE = 0.3


def _part_number(path: Path) -> int:
    return int(path.stem.removeprefix("part"))


def main() -> None:
    rows = []
    for path in sorted(DATA.glob("part*.jsonl"), key=_part_number):
        with path.open(encoding="utf-8") as lines:
            rows.extend(json.loads(line) for line in lines if line.strip())

    strata: dict[tuple[str, ...], list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        strata[tuple(sorted(row["kinds"]))].append(row)

    rng = random.Random(SEED)
    dev: list[dict[str, object]] = []
    heldout: list[dict[str, object]] = []
    for key in sorted(strata):
        group = strata[key]
        rng.shuffle(group)
        cut = round(len(group) * HELDOUT_SHARE)
        heldout.extend(group[:cut])
        dev.extend(group[cut:])
    rng.shuffle(dev)
    rng.shuffle(heldout)

    for name, part in (("dev.jsonl", dev), ("heldout.jsonl", heldout)):
        with (DATA / name).open("w", encoding="utf-8") as out:
            for row in part:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} rows: {len(dev)} dev, {len(heldout)} held-out")


if __name__ == "__main__":
    main()
