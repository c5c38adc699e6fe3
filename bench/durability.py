"""Kill the server mid-stream and check that nothing acknowledged was lost.

Several people write check-ins (each with a unique marker in its note) as fast as the
server takes them. During the stream the script SIGKILLs one gunicorn worker, later the
whole server (master, workers and background runner at once, as a power cut would), and
starts it again; the writers carry on. At the end every check-in the server acknowledged
(a redirect after the POST) must be in the database and must decrypt.

    .venv/bin/python bench/durability.py                      # SQLite
    .venv/bin/python bench/durability.py --database postgres  # PostgreSQL

Only 127.0.0.1 is contacted; everything started is stopped, every database made dropped.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import (
    Server,
    Visitor,
    base_env,
    free_port,
    pg_create,
    pg_drop,
    random_address,
    seed,
    shell,
)

READ_BACK = """
import json
from heartwork.checkins.models import CheckIn
from heartwork.core.crypto import DecryptionError
found, failed = [], 0
for checkin in CheckIn.objects.all():
    try:
        found.append(checkin.payload.get("note", ""))
    except DecryptionError:
        failed += 1
print(json.dumps({"notes": found, "failed": failed}))
"""


class Stream:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.acknowledged: list[str] = []
        self.refused = 0  # connection errors and 5xx while the server was down or dying
        self.stop = threading.Event()

    def writer(self, port: int, email: str, index: int) -> None:
        visitor = Visitor(port=port, address=random_address())
        n = 0
        while not self.stop.is_set():
            try:
                if "sessionid" not in visitor.cookies:
                    visitor.log_in(email)
                n += 1
                marker = f"durable-{index}-{n}-{random.getrandbits(32):08x}"
                status, _, location = visitor.request(
                    "POST",
                    "/checkin/",
                    {
                        "csrfmiddlewaretoken": visitor.cookies.get("csrftoken", ""),
                        "feelings": "calm",
                        "intensity": "2",
                        "note": marker,
                    },
                )
                if status == 302 and location.endswith("/checkin/history/"):
                    with self.lock:
                        self.acknowledged.append(marker)
                else:
                    with self.lock:
                        self.refused += 1
            except (OSError, SystemExit, Exception):
                with self.lock:
                    self.refused += 1
                time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument(
        "--seconds", type=float, default=10, help="length of each phase of the stream"
    )
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, Python {platform.python_version()}, "
        f"{os.cpu_count()} cores; database {args.database}"
    )
    root = Path(tempfile.mkdtemp(prefix="heartwork-durability-"))
    name = f"heartwork_durability_{int(time.time())}" if args.database == "postgres" else None
    extra = {"DATABASE_URL": pg_create(name)} if name else {}
    env = base_env(root / "data", root / "data.key", **extra)
    server = Server(env, free_port(), log=root / "server.log")
    stream = Stream()
    try:
        people = seed(env, args.writers)
        server.start()
        threads = [
            threading.Thread(target=stream.writer, args=(server.port, email, i), daemon=True)
            for i, (email, _) in enumerate(people)
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        workers = [
            pid
            for pid in server.descendants()
            if "background"
            not in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        ]
        victim = workers[0]
        os.kill(victim, signal.SIGKILL)
        print(
            f"SIGKILL to worker {victim} with {len(stream.acknowledged)} check-ins "
            f"acknowledged so far"
        )
        time.sleep(args.seconds)
        print(f"SIGKILL to the whole server with {len(stream.acknowledged)} acknowledged")
        server.kill()
        time.sleep(2)
        server.start()
        print("server started again")
        time.sleep(args.seconds)
        stream.stop.set()
        for thread in threads:
            thread.join(timeout=30)
        server.stop()
        result = json.loads(shell(env, READ_BACK).strip().splitlines()[-1])
    finally:
        stream.stop.set()
        server.kill()
        if name:
            pg_drop(name)
        shutil.rmtree(root, ignore_errors=True)
    stored = set(result["notes"])
    missing = [m for m in stream.acknowledged if m not in stored]
    print(
        f"acknowledged {len(stream.acknowledged)}, stored {len(stored)}, missing {len(missing)}, "
        f"failed to decrypt {result['failed']}, refused or dropped while killed {stream.refused}"
    )
    sys.exit(1 if missing or result["failed"] or not stream.acknowledged else 0)


if __name__ == "__main__":
    main()
