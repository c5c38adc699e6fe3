"""How long a bond's insights page takes to render, for five years of daily use and for one
month, in one run (in-process, SQLite in a fresh data directory, Django's test client).

Each bond gets, every day: a prompt both answer, a note of thanks, two check-ins (one
shared in the bond, one private), and every other day some time together; a check-up
every month and an "after a close moment" reflection every week. The page reads only a
window of weeks (heartwork.insights.selectors), so five years should cost about what a
month does: the last line is the ratio of the medians.

    PYTHONPATH=src .venv/bin/python bench/insights.py [--runs 60]
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def summary(label: str, samples: list[float]) -> tuple[str, float]:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    median = statistics.median(ordered)
    return f"| {label} | {median:.1f} | {p95:.1f} | {len(ordered)} |", median


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="heartwork-bench-")
    os.environ.update(
        HEARTWORK_DATA_DIR=data_dir,
        HEARTWORK_KEY_FILE=os.path.join(data_dir, "k"),
        HEARTWORK_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="tests.settings",  # fast hashing, a test client host
    )
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("migrate", database="keyring", verbosity=0)

    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host is allowed, as under pytest
    from django.urls import reverse
    from django.utils import timezone

    from heartwork.accounts.models import Person
    from heartwork.appreciation.models import Note
    from heartwork.bonds.models import Bond, Membership
    from heartwork.checkins.models import CheckIn
    from heartwork.checkins.services import feeling_tally_recount
    from heartwork.checkup.models import CheckupEntry, CheckupRound, ReflectionEntry
    from heartwork.domain.bonds import BondKind
    from heartwork.prompts.models import Answer, PromptRound
    from heartwork.together.models import QualityTime

    now = timezone.now()

    def backdate(model, objects, when_of) -> None:
        """bulk_create stamps created_at with now; put each back at its own time."""
        model.objects.bulk_create(objects, batch_size=500)
        for obj in objects:
            obj.created_at = when_of(obj)
        model.objects.bulk_update(objects, ["created_at"], batch_size=500)

    def seed(name: str, days: int) -> tuple[Person, Bond]:
        a = Person.objects.create_user(f"{name}-a@bench.invalid", "pw-bench-1", display_name="Ana")
        b = Person.objects.create_user(f"{name}-b@bench.invalid", "pw-bench-1", display_name="Ben")
        bond = Bond.objects.create(kind=BondKind.PARTNER, created_by=a)
        ms = [Membership.objects.create(bond=bond, person=p) for p in (a, b)]
        start = now - datetime.timedelta(days=days)
        Membership.objects.filter(bond=bond).update(created_at=start - datetime.timedelta(days=1))
        rounds, answers, notes, checkins, times, stamps = [], [], [], [], [], {}
        for d in range(days):
            at = start + datetime.timedelta(days=d, hours=12)
            r = PromptRound(bond=bond, day=at.date(), prompt_id=f"p{d}", depth=1 + d % 3)
            rounds.append(r)
            stamps[r.pk] = at
            for n, p in enumerate((a, b) if d % 2 else (b, a)):
                ans = Answer(round=r, person=p)
                ans.text = "An answer about the day."
                answers.append(ans)
                stamps[ans.pk] = at + datetime.timedelta(minutes=10 * n)
            sender, ship = (a, ms[0]) if d % 3 else (b, ms[1])
            note = Note(bond=bond, sender=sender, sender_membership=ship, recipient=a)
            note.text = "Thank you for making dinner."
            notes.append(note)
            stamps[note.pk] = at
            for p, share in ((a, bond), (b, None)):
                c = CheckIn(person=p, day=at.date(), shared_with=share)
                c.payload = {"feelings": ["calm", "tired"], "intensity": 3}
                checkins.append(c)
                stamps[c.pk] = at
            if d % 2 == 0:
                t = QualityTime(bond=bond, kind="walk", when=at, minutes=45, phones_away=d % 4 == 0)
                t.created_by = a
                times.append(t)
        PromptRound.objects.bulk_create(rounds, batch_size=500)
        for model, objects in ((Answer, answers), (Note, notes), (CheckIn, checkins)):
            backdate(model, objects, lambda o: stamps[o.pk])
        QualityTime.objects.bulk_create(times, batch_size=500)
        # Seeded past the services, so build the feeling tally as the migration's backfill does.
        feeling_tally_recount(bond=bond)
        for m in range(0, days, 30):
            at = start + datetime.timedelta(days=m)
            round_ = CheckupRound.objects.create(bond=bond, completed_at=at)
            for p in (a, b):
                e = CheckupEntry(round=round_, person=p, version=1, taken_at=at)
                e.answers = {}
                e.scores = {"emotional": {"now": 60 + m % 20, "wished": 80}}
                e.save()
        reflections = []
        for w in range(0, days, 7):
            r = ReflectionEntry(bond=bond, person=a, kind="moment", score=70)
            r.answers = {"safe": 4, "free": 4, "invested": 4}
            reflections.append(r)
            stamps[r.pk] = start + datetime.timedelta(days=w)
        backdate(ReflectionEntry, reflections, lambda o: stamps[o.pk])
        return a, bond

    began = time.perf_counter()
    five_years = seed("five", 5 * 365)
    one_month = seed("month", 30)
    print(f"seeded in {time.perf_counter() - began:.0f} s")

    def timed(person, bond) -> list[float]:
        client = Client()
        client.force_login(person)
        url = reverse("insights:bond", args=[bond.pk])
        assert client.get(url).status_code == 200  # warm
        samples = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(url)
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        return samples

    if os.environ.get("BENCH_SPLIT"):
        # Where the time goes, per size: the selector alone, and the whole render.
        from heartwork.insights import selectors

        for label, (person, bond) in (("five years", five_years), ("one month", one_month)):
            reads = []
            for _ in range(args.runs):
                start = time.perf_counter()
                selectors.bond_insights(person, bond)
                reads.append((time.perf_counter() - start) * 1000)
            renders = timed(person, bond)
            print(
                f"{label}: selector {statistics.median(reads):.1f} ms, "
                f"page {statistics.median(renders):.1f} ms"
            )
        return
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        client = Client()
        client.force_login(five_years[0])
        url = reverse("insights:bond", args=[five_years[1].pk])
        client.get(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            client.get(url)
        for q in sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:8]:
            print(q["time"], q["sql"][:300])
        cProfile.runctx("client.get(url)", globals(), locals(), "/tmp/insights.prof")
        pstats.Stats("/tmp/insights.prof").sort_stats("cumulative").print_stats(35)
        pstats.Stats("/tmp/insights.prof").sort_stats("tottime").print_stats(25)
        return
    # Interleave the two sizes so the machine's load falls on both alike.
    long_samples: list[float] = []
    short_samples: list[float] = []
    for _ in range(3):
        long_samples += timed(*five_years)
        short_samples += timed(*one_month)
    print(f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cpus")
    print("| bond | median ms | p95 ms | renders |")
    print("|---|---|---|---|")
    line, long_median = summary("five years of daily use", long_samples)
    print(line)
    line, short_median = summary("one month", short_samples)
    print(line)
    print(f"insights 5y/1m ratio: {long_median / short_median:.2f}")


if __name__ == "__main__":
    main()
