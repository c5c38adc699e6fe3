"""How long choosing today's prompt takes for a bond with three years of history.

Two figures:
  - domain: heartwork.domain.prompts.pick_prompt alone, over 1,095 past prompts;
  - with the database: reading the bond's history from SQLite (a fresh data directory)
    plus the pick, as `round_for_today` does on the first view of a day.

    .venv/bin/python bench/prompt_selection.py [--runs 500]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta

DAYS = 3 * 365


def timed(fn, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(label: str, samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    return f"| {label} | {statistics.median(samples):.2f} | {p95:.2f} | {len(samples)} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="heartwork-bench-")
    os.environ.update(
        HEARTWORK_DATA_DIR=data_dir,
        HEARTWORK_KEY_FILE=os.path.join(data_dir, "k"),
        HEARTWORK_LOG_LEVEL="WARNING",
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heartwork.settings")
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from heartwork.accounts.models import Person
    from heartwork.bonds.services import bond_create
    from heartwork.domain.bonds import BondKind
    from heartwork.domain.prompts import PastPrompt, pick_prompt, prompt_library
    from heartwork.prompts import selectors
    from heartwork.prompts.models import PromptRound

    library = prompt_library()
    history: list[PastPrompt] = []
    for day in range(DAYS):
        prompt = pick_prompt(
            library,
            kind=BondKind.PARTNER,
            depth=1 + day % 3,
            history=history,
            sexual_allowed=True,
            seed=f"b|{day}",
        )
        history.append(PastPrompt(prompt.id, prompt.type))

    def domain_pick() -> None:
        pick_prompt(
            library,
            kind=BondKind.PARTNER,
            depth=2,
            history=history,
            sexual_allowed=True,
            seed="b|today",
        )

    call_command("migrate", verbosity=0)
    person = Person.objects.create_user(
        "bench@example.com", "bench-password-1", display_name="Bench"
    )
    bond = bond_create(person=person, name="Bench", kind=BondKind.PARTNER)
    start = date(2023, 11, 1)
    PromptRound.objects.bulk_create(
        PromptRound(
            bond=bond,
            day=start + timedelta(days=i),
            prompt_id=p.prompt_id,
            depth=library.get(p.prompt_id).depth,
        )
        for i, p in enumerate(history)
    )

    def full_pick() -> None:
        pick_prompt(
            library,
            kind=bond.kind_enum,
            depth=selectors.ladder_for(bond).depth,
            history=selectors.selection_history(bond),
            sexual_allowed=selectors.sexual_allowed(bond),
            seed="b|today",
        )

    domain_pick(), full_pick()  # warm caches
    print(
        f"machine: {platform.node()} · {os.cpu_count()} cores · Python "
        f"{platform.python_version()} · history {DAYS} days, library {len(library.prompts)} "
        f"prompts\n"
    )
    print("| what | median ms | p95 ms | runs |")
    print("|---|---:|---:|---:|")
    print(summary("pick_prompt (domain only)", timed(domain_pick, args.runs)))
    print(summary("history from SQLite + pick", timed(full_pick, args.runs)))


if __name__ == "__main__":
    main()
