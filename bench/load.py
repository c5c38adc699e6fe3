"""Mixed traffic from many people at once, against the real server on loopback.

40 simulated people in 20 bonds (by default) each log in once, then loop for the given
time: open Today, check in, answer today's prompt, send a note of thanks. Reports
requests per second, p50/p95/p99 latency per kind of request, and errors (a 5xx or a
dropped connection). Three ways to run it:

    .venv/bin/python bench/load.py                       # SQLite, one `heartwork serve`
    .venv/bin/python bench/load.py --database postgres   # PostgreSQL, one `heartwork serve`
    .venv/bin/python bench/load.py --scale-out           # PostgreSQL, two app servers + one worker

--scale-out runs heartwork as a service that has outgrown one machine does (README,
"Running on more than one machine"): two `heartwork serve` processes with their own data
directories and no background runner of their own, one separate `heartwork background`,
one PostgreSQL database, and the keyring in a second PostgreSQL database. Every person
has a reminder falling due during the run; the script checks each was sent exactly once.

Only 127.0.0.1 is contacted; every process and database made is removed at the end.
"""

from __future__ import annotations

import argparse
import datetime
import json
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import (
    HEARTWORK,
    Server,
    Visitor,
    base_env,
    free_port,
    percentile,
    pg_create,
    pg_drop,
    random_address,
    seed,
    shell,
)

BOND = re.compile(r"/bonds/([0-9a-f-]{36})/")
ANSWER = re.compile(r'action="(/bonds/[0-9a-f-]{36}/prompt/[0-9a-f-]{36}/answer/)"')

REMINDERS = """
import datetime, json, zoneinfo
from django.utils import timezone
from heartwork.accounts.models import Person
from heartwork.reminders.models import ReminderPreference
due = timezone.now() + datetime.timedelta(seconds={lead})
for person in Person.objects.filter(email__startswith="bench"):
    local = due.astimezone(zoneinfo.ZoneInfo(person.time_zone))
    ReminderPreference.objects.create(person=person, kind="checkin", enabled=True, by_email=True,
                                      local_time=local.time().replace(second=0, microsecond=0))
print(json.dumps({{"due_utc": due.replace(second=0, microsecond=0).isoformat()}}))
"""

DELIVERIES = """
import json
from heartwork.reminders.models import ReminderDelivery
rows = list(ReminderDelivery.objects.values_list("person_id", "kind", "slot", "status"))
print(json.dumps({"rows": len(rows), "distinct": len({(p, k, s) for p, k, s, _ in rows}),
                  "sent": sum(1 for *_, status in rows if status == "sent")}))
"""


class Tally:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.statuses: dict[int, int] = defaultdict(int)

    def add(self, kind: str, seconds: float, status: int | None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds * 1000)
            if status is None or status >= 500:
                self.errors[kind] += 1
            if status is not None:
                self.statuses[status] += 1


def person_loop(
    visitor: Visitor, email: str, tally: Tally, stop_at: float, rng: random.Random
) -> None:
    def timed(kind: str, method: str, path: str, data: dict | None = None) -> tuple[int, str, str]:
        started = time.perf_counter()
        try:
            status, body, location = visitor.request(method, path, data)
        except Exception:
            tally.add(kind, time.perf_counter() - started, None)
            return 0, "", ""
        tally.add(kind, time.perf_counter() - started, status)
        return status, body, location

    visitor.log_in(email)
    _, today, _ = visitor.request("GET", "/today/")
    bond = BOND.search(today).group(1)
    n = 0
    while time.monotonic() < stop_at:
        n += 1
        token = visitor.cookies.get("csrftoken", "")
        roll = rng.random()
        if roll < 0.4:
            timed("today", "GET", "/today/")
        elif roll < 0.6:
            timed(
                "check-in",
                "POST",
                "/checkin/",
                {
                    "csrfmiddlewaretoken": token,
                    "feelings": rng.choice(["calm", "hopeful", "tired", "worried"]),
                    "intensity": str(rng.randint(1, 5)),
                    "note": f"bench note {n} from {email}",
                },
            )
        elif roll < 0.8:
            _status, page, _ = timed("prompt page", "GET", f"/bonds/{bond}/prompt/")
            match = ANSWER.search(page)
            if match:
                timed(
                    "prompt answer",
                    "POST",
                    match.group(1),
                    {"csrfmiddlewaretoken": token, "text": f"answer {n} by {email}"},
                )
        else:
            timed(
                "note",
                "POST",
                f"/bonds/{bond}/appreciation/send/",
                {
                    "csrfmiddlewaretoken": token,
                    "text": f"Thank you for the tea on Tuesday, {n}.",
                    "as_it_is": "1",
                },
            )


def drive(ports: list[int], people: list[tuple[str, str]], seconds: float) -> tuple[Tally, float]:
    tally = Tally()
    stop_at = time.monotonic() + seconds
    threads = []
    for index, (email, _) in enumerate(people):
        visitor = Visitor(port=ports[index % len(ports)], address=random_address())
        rng = random.Random(index)
        threads.append(
            threading.Thread(
                target=person_loop, args=(visitor, email, tally, stop_at, rng), daemon=True
            )
        )
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return tally, time.monotonic() - started


def report(tally: Tally, elapsed: float, label: str) -> dict:
    every = [v for values in tally.latencies.values() for v in values]
    rows = []
    for kind in sorted(tally.latencies):
        values = tally.latencies[kind]
        rows.append(
            {
                "kind": kind,
                "requests": len(values),
                "errors": tally.errors[kind],
                "p50": percentile(values, 50),
                "p95": percentile(values, 95),
                "p99": percentile(values, 99),
            }
        )
    summary = {
        "label": label,
        "requests": len(every),
        "seconds": round(elapsed, 1),
        "rps": len(every) / elapsed,
        "errors": sum(tally.errors.values()),
        "p50": percentile(every, 50),
        "p95": percentile(every, 95),
        "p99": percentile(every, 99),
        "statuses": dict(sorted(tally.statuses.items())),
        "by_kind": rows,
    }
    print(
        f"\n== {label}: {summary['requests']} requests in {summary['seconds']} s = "
        f"{summary['rps']:.1f}/s, "
        f"errors {summary['errors']}, p50 {summary['p50']:.1f} ms, p95 {summary['p95']:.1f} "
        f"ms, p99 {summary['p99']:.1f} ms"
    )
    print(f"   statuses: {summary['statuses']}")
    print("   | request | n | errors | p50 ms | p95 ms | p99 ms |")
    for row in rows:
        print(
            f"   | {row['kind']} | {row['requests']} | {row['errors']} | {row['p50']:.1f} | "
            f"{row['p95']:.1f} | {row['p99']:.1f} |"
        )
    return summary


def one_server(args, root: Path) -> dict:
    extra = {}
    name = None
    if args.database == "postgres":
        name = f"heartwork_load_{int(time.time())}"
        extra["DATABASE_URL"] = pg_create(name)
    env = base_env(root / "data", root / "data.key", **extra)
    try:
        people = seed(env, args.people)
        server = Server(env, free_port(), workers=args.workers, log=root / "server.log").start()
        try:
            tally, elapsed = drive([server.port], people, args.seconds)
        finally:
            server.stop()
        return report(
            tally,
            elapsed,
            f"{args.database}, one server, {args.workers} workers, {len(people)} people",
        )
    finally:
        if name:
            pg_drop(name)


def scale_out(args, root: Path) -> dict:
    stamp = int(time.time())
    main_db, keyring_db = f"heartwork_load_{stamp}", f"heartwork_keyring_{stamp}"
    shared = {
        "DATABASE_URL": pg_create(main_db),
        "HEARTWORK_KEYRING_URL": pg_create(keyring_db),
        "HEARTWORK_SECRET_KEY": "bench-" + "s" * 60,
        "HEARTWORK_BACKGROUND": "false",
    }
    key_file = root / "shared.key"
    servers, worker = [], None
    try:
        seed_env = base_env(root / "seed", key_file, **shared)
        people = seed(seed_env, args.people)
        due = json.loads(
            shell(seed_env, REMINDERS.format(lead=args.reminder_lead)).strip().splitlines()[-1]
        )["due_utc"]
        for n in range(2):  # as on two machines: each its own data directory
            env = base_env(root / f"app{n}", key_file, **shared)
            servers.append(
                Server(env, free_port(), workers=args.workers, log=root / f"app{n}.log").start()
            )
        worker_env = base_env(root / "worker", key_file, **shared)
        log = open(root / "worker.log", "ab")  # noqa: SIM115 (held by the worker for its life)
        worker = subprocess.Popen(
            [HEARTWORK, "background", "--interval", "10"], env=worker_env, stdout=log, stderr=log
        )
        tally, elapsed = drive([s.port for s in servers], people, args.seconds)
        summary = report(
            tally,
            elapsed,
            f"postgres, two app servers × {args.workers} workers + one worker, "
            f"{len(people)} people",
        )
        # Give the worker time to send what fell due near the end of the run.
        deadline = time.monotonic() + 90
        while True:
            deliveries = json.loads(shell(seed_env, DELIVERIES).strip().splitlines()[-1])
            outbox = (
                list((root / "worker" / "outbox").glob("*.log"))
                if (root / "worker" / "outbox").exists()
                else []
            )
            if deliveries["sent"] >= len(people) or time.monotonic() > deadline:
                break
            time.sleep(5)
        sent_mails = sum(f.read_text(errors="replace").count("Subject: ") for f in outbox)
        summary["reminders"] = {
            "due_utc": due,
            "people": len(people),
            **deliveries,
            "emails": sent_mails,
        }
        print(
            f"   reminders due at {due}: {deliveries['rows']} claimed "
            f"({deliveries['distinct']} distinct), "
            f"{deliveries['sent']} sent, {sent_mails} e-mails in the outbox, for "
            f"{len(people)} people"
        )
        ok = (
            deliveries["rows"]
            == deliveries["distinct"]
            == deliveries["sent"]
            == sent_mails
            == len(people)
        )
        print("   every reminder sent exactly once: " + ("yes" if ok else "NO"))
        return summary
    finally:
        for server in servers:
            server.stop()
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
        pg_drop(main_db)
        pg_drop(keyring_db)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--scale-out", action="store_true", help="two app servers and a worker on PostgreSQL"
    )
    parser.add_argument("--people", type=int, default=40, help="simulated people (two per bond)")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server")
    parser.add_argument(
        "--reminder-lead",
        type=int,
        default=40,
        help="--scale-out: seconds until reminders fall due",
    )
    parser.add_argument("--json", type=Path, help="also write the summary here")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {platform.system()} {platform.release()}, Python "
        f"{platform.python_version()}, "
        f"{__import__('os').cpu_count()} cores; "
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC"
    )
    root = Path(tempfile.mkdtemp(prefix="heartwork-load-"))
    try:
        summary = scale_out(args, root) if args.scale_out else one_server(args, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    failed = summary["errors"] or (
        "reminders" in summary and summary["reminders"]["sent"] != summary["reminders"]["people"]
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
