"""Peak memory and time of exporting five years of daily use, in a temporary SQLite install.

Two people in one bond, every day for five years: a check-in each (shared every third
day), a prompt both answered with a reply each, an evening check-in each, a note of
thanks every other day, and a time together each week with a reflection each. Then, each
in a fresh process, the archive of one of them is written to a file:

- with ``tracemalloc`` on, for the peak of Python's own allocations during the export;
- with it off, for the wall time and the process's peak resident size (``ru_maxrss``,
  which includes Django, the interpreter and the database pages it read).

    .venv/bin/python bench/export_memory.py            # five years, three runs
    .venv/bin/python bench/export_memory.py --days 365 --runs 1

The archive's uncompressed JSON size is printed beside the peaks: an export that held
the document in memory would peak above it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import base_env, run, shell

MAKE = """
import datetime, random
from django.utils import timezone
from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond, Membership
from heartwork.checkins.models import CheckIn
from heartwork.prompts.models import Answer, PromptRound, Reply
from heartwork.appreciation.models import Note
from heartwork.together.models import QualityTime, Reflection, Ritual, RitualEntry

DAYS = {days}
random.seed(5)
words = ("today I noticed how much I rely on you and how the small things add up, "
         "the coffee, the message at lunch, the way you listened last night ").split()
def text(n):
    return " ".join(random.choice(words) for _ in range(n))

a = Person.objects.create_user("bench-a@example.com", "a-long-pass-1", display_name="Ana",
                               time_zone="Europe/Lisbon")
b = Person.objects.create_user("bench-b@example.com", "a-long-pass-1", display_name="Ben",
                               time_zone="America/Chicago")
bond = Bond.objects.create(kind="partner", created_by=a)
ma, mb = Membership(bond=bond, person=a), Membership(bond=bond, person=b)
ma.name, mb.name = "Us", "Ana and me"
ma.save(); mb.save()
start = timezone.now() - datetime.timedelta(days=DAYS)
batch = {{}}
def add(row):
    batch.setdefault(type(row), []).append(row)
    if len(batch[type(row)]) >= 1000:
        type(row).objects.bulk_create(batch.pop(type(row)))
for n in range(DAYS):
    day = (start + datetime.timedelta(days=n)).date()
    for p in (a, b):
        c = CheckIn(person=p, day=day, shared_with=bond if n % 3 == 0 else None)
        c.payload = {{"feelings": ["calm", "hopeful"], "intensity": 3, "note": text(40),
                     "statement": "I feel calm when " + text(8)}}
        add(c)
    r = PromptRound(bond=bond, day=day, prompt_id="p-%d" % (n % 300), depth=1)
    add(r)
    ritual = Ritual(bond=bond, day=day)
    add(ritual)
PromptRound.objects.bulk_create(batch.pop(PromptRound, []))
Ritual.objects.bulk_create(batch.pop(Ritual, []))
for r in PromptRound.objects.filter(bond=bond):
    for p in (a, b):
        x = Answer(round=r, person=p); x.text = text(60); add(x)
        y = Reply(round=r, person=p, reaction="hug"); y.text = text(12); add(y)
for ritual in Ritual.objects.filter(bond=bond):
    for p in (a, b):
        e = RitualEntry(ritual=ritual, person=p)
        e.payload = {{"high": text(15), "low": text(15), "feeling": "calm"}}
        add(e)
for n in range(0, DAYS, 2):
    sender, to, m = (a, b, ma) if n % 4 == 0 else (b, a, mb)
    note = Note(bond=bond, sender=sender, sender_membership=m, recipient=to)
    note.text = text(30)
    add(note)
for n in range(0, DAYS, 7):
    t = QualityTime(bond=bond, kind="walk", when=start + datetime.timedelta(days=n),
                    minutes=60, created_by=a)
    t.set_title(text(4), a.pk)
    t.save()
    for p in (a, b):
        f = Reflection(quality_time=t, person=p, shared=True); f.text = text(25); add(f)
for model, rows in batch.items():
    model.objects.bulk_create(rows)
import json
print(json.dumps({{m.__name__: m.objects.count() for m in
      (CheckIn, PromptRound, Answer, Reply, Ritual, RitualEntry, Note, QualityTime, Reflection)}}))
"""

MEASURE = """
import json, resource, time, tracemalloc, zipfile
from heartwork.accounts.models import Person
from heartwork.exports.services import archive_write
person = Person.objects.get(email="bench-a@example.com")
trace = {trace}
rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if trace:
    tracemalloc.start()
began = time.perf_counter()
with open({path!r}, "wb") as out:
    records = archive_write(person=person, out=out)
seconds = time.perf_counter() - began
peak = tracemalloc.get_traced_memory()[1] if trace else None
with zipfile.ZipFile({path!r}) as archive:
    sizes = {{i.filename: i.file_size for i in archive.infolist()}}
print(json.dumps({{"trace": trace, "records": records, "seconds": seconds,
    "traced_peak": peak, "rss_before_kib": rss_before,
    "rss_peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "zip_bytes": __import__("os").path.getsize({path!r}), "sizes": sizes}}))
"""


def mib(value: float | None) -> str:
    return "–" if value is None else f"{value / 2**20:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--days", type=int, default=5 * 365 + 1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hw-export-bench-") as tmp:
        root = Path(tmp)
        env = base_env(root / "data", root / "heartwork.key", HEARTWORK_LOG_LEVEL="WARNING")
        run(env, "demo")
        began = time.perf_counter()
        made = json.loads(shell(env, MAKE.format(days=args.days), timeout=3600).splitlines()[-1])
        print(f"made in {time.perf_counter() - began:.0f} s: {made}")
        print(f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
        print(
            "| run | tracemalloc | records | seconds | traced peak MiB | max RSS MiB "
            "(before → after) | JSON MiB | HTML MiB | zip MiB |"
        )
        print("|---:|---|---:|---:|---:|---|---:|---:|---:|")
        for number in range(1, args.runs + 1):
            for trace in (True, False):
                path = str(root / f"archive-{number}-{trace}.zip")
                code = MEASURE.format(trace=trace, path=path)
                result = json.loads(shell(env, code, timeout=3600).splitlines()[-1])
                sizes = result["sizes"]
                print(
                    f"| {number} | {'on' if trace else 'off'} | {result['records']} "
                    f"| {result['seconds']:.1f} | {mib(result['traced_peak'])} "
                    f"| {result['rss_before_kib'] / 1024:.0f} → "
                    f"{result['rss_peak_kib'] / 1024:.0f} "
                    f"| {mib(sizes['heartwork-export.json'])} | {mib(sizes['index.html'])} "
                    f"| {mib(result['zip_bytes'])} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
