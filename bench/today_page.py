"""Load the Today page of a logged-in person, as `heartwork serve` serves it.

Starts the real server (gunicorn, SQLite, a fresh data directory) on loopback, logs in
as the demo person, then drives GET /today/ with wrk from a second process at 1 and 20
concurrent connections. Reports p50/p95 latency, requests per second, errors and the
server's resident memory (master plus workers, sampled during the run).

Then, at one connection and in the same server, it alternates the Today page with Help
(the cheapest logged-in page: same middleware, session and layout) and reports Today's
requests per second as a share of Help's, round by round: a ratio holds on a noisy
machine where absolute figures do not. It also drives the live poll an open page makes
every 8 seconds (`/live/?v=<token>` while nothing has changed), to show what an idle
open page costs.

    make bench                      # or: .venv/bin/python bench/today_page.py --seconds 30

Needs Debian's wrk (apt-get install wrk). Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
HEARTWORK = Path(sys.executable).parent / "heartwork"
EMAIL, PASSWORD = "alex@demo.heartwork", "demo-heartwork-2026"


def wait_until_up(url: str, deadline_s: float = 60) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not come up at {url}")


def log_in(base: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": EMAIL, "password": PASSWORD}
    ).encode()
    request = urllib.request.Request(
        f"{base}/login/", data=data, headers={"Referer": f"{base}/login/"}
    )
    opener.open(request).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise SystemExit("login failed")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def process_tree_rss_mb(root_pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB."""
    out = subprocess.run(
        ["ps", "-e", "-o", "pid=,ppid=,rss="], capture_output=True, text=True
    ).stdout
    rows = [tuple(int(x) for x in line.split()) for line in out.splitlines() if line.strip()]
    children: dict[int, list[int]] = {}
    rss = {}
    for pid, ppid, kb in rows:
        children.setdefault(ppid, []).append(pid)
        rss[pid] = kb
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total / 1024


class RssSampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.running = pid, 0.0, True

    def run(self) -> None:
        while self.running:
            self.peak = max(self.peak, process_tree_rss_mb(self.pid))
            time.sleep(0.5)


def run_wrk(url: str, cookie: str, connections: int, seconds: int) -> dict:
    threads = min(2, connections)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "5s",
        "-s",
        str(HERE / "percentiles.lua"),
        "-H",
        f"Cookie: {cookie}",
        url,
    ]
    out = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    result["connections"] = connections
    return result


def compare_with_help(base: str, cookie: str, rounds: int, seconds: int) -> list:
    """Today and Help in turns, so both see the same moments of a noisy machine."""
    return [
        (
            run_wrk(f"{base}/today/", cookie, 1, seconds),
            run_wrk(f"{base}/help/", cookie, 1, seconds),
        )
        for _ in range(rounds)
    ]


def live_poll_url(base: str, cookie: str) -> str:
    """The poll address the Today page itself carries (its token is the current state)."""
    request = urllib.request.Request(f"{base}/today/", headers={"Cookie": cookie})
    page = urllib.request.urlopen(request).read().decode()
    path = re.search(r'hx-get="(/live/\?v=[0-9a-f]+)"', page)
    if path is None:
        raise SystemExit("the Today page carries no live poll")
    return base + path.group(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--clients", default="1,20")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="Today/Help alternations")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")

    data_dir = Path(tempfile.mkdtemp(prefix="heartwork-bench-"))
    env = {**os.environ, "HEARTWORK_DATA_DIR": str(data_dir), "HEARTWORK_LOG_LEVEL": "WARNING"}
    env.pop("DATABASE_URL", None)
    subprocess.run([HEARTWORK, "migrate", "-v0"], env=env, check=True)
    subprocess.run([HEARTWORK, "demo", "-v0"], env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [
            HEARTWORK,
            "serve",
            "--port",
            str(args.port),
            "--workers",
            str(args.workers),
            "--threads",
            str(args.threads),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_until_up(f"{base}/login/")
        cookie = log_in(base)
        run_wrk(f"{base}/today/", cookie, 4, 3)  # warm-up: imports, template caches
        sampler = RssSampler(server.pid)
        sampler.start()
        results = [
            run_wrk(f"{base}/today/", cookie, int(c), args.seconds) for c in args.clients.split(",")
        ]
        sampler.running = False
        sampler.join()
        idle_rss = process_tree_rss_mb(server.pid)
        rounds = compare_with_help(base, cookie, args.rounds, args.seconds)
        live = run_wrk(live_poll_url(base, cookie), cookie, 1, args.seconds)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)

    print(
        f"machine: {platform.node()} · {os.cpu_count()} cores · "
        f"{platform.processor() or platform.machine()} · Python {platform.python_version()}"
    )
    worker_class = "sync" if args.threads == 1 else "gthread"
    print(
        f"server: heartwork serve (gunicorn {worker_class}, {args.workers} workers × "
        f"{args.threads} threads, SQLite WAL); {args.seconds}s per run\n"
    )
    print("| clients | requests/s | p50 ms | p95 ms | p99 ms | errors |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(
            f"| {r['connections']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} "
            f"| {r['p99_ms']:.1f} | {r['errors']} |"
        )
    print(
        f"\nserver resident memory: peak {sampler.peak:.0f} MB during load, {idle_rss:.0f} MB after"
    )
    print("\nOne connection, alternating in one server: Today against Help\n")
    print("| round | Today req/s | Today p50 ms | Help req/s | Help p50 ms | Today ÷ Help |")
    print("|---:|---:|---:|---:|---:|---:|")
    for number, (today, help_page) in enumerate(rounds, start=1):
        print(
            f"| {number} | {today['rps']:.0f} | {today['p50_ms']:.2f} | {help_page['rps']:.0f} "
            f"| {help_page['p50_ms']:.2f} | {today['rps'] / help_page['rps']:.2f} |"
        )
    ratios = sorted(today["rps"] / help_page["rps"] for today, help_page in rounds)
    print(f"\nmedian Today ÷ Help: {ratios[len(ratios) // 2]:.2f}")
    print(
        f"live poll while nothing changed (204): {live['rps']:.0f} req/s, "
        f"p50 {live['p50_ms']:.2f} ms, errors {live['errors']}"
    )


if __name__ == "__main__":
    main()
