"""Shared pieces of the bench scripts: real `heartwork` processes on loopback, seeded
people, and a small cookie-keeping HTTP client. Nothing here contacts anything but
127.0.0.1, and every process started is stopped when the script ends.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, for tests/
from tests.processes import HEARTWORK, heartwork_env

PASSWORD = "bench-password-for-everyone-1"
PG_ADMIN_URL = os.environ.get("HEARTWORK_BENCH_PG", "postgres://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(data_dir: Path, key_file: Path, **extra: str) -> dict:
    """A clean environment (tests/processes.py), where every simulated person arrives from
    their own client address, as behind one proxy."""
    return heartwork_env(data_dir, key_file, HEARTWORK_PROXY_COUNT="1", **extra)


def run(env: dict, *args: str, timeout: float = 300) -> str:
    result = subprocess.run(
        [HEARTWORK, *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise SystemExit(f"heartwork {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def shell(env: dict, code: str, timeout: float = 300) -> str:
    return run(env, "shell", "-c", code, timeout=timeout)


# --- PostgreSQL databases made for one run ------------------------------------------------


def pg_create(name: str) -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def pg_drop(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- Seeding ------------------------------------------------------------------------------

SEED = """
import json
from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond, Membership
from heartwork.core.setup import prepare_databases
prepare_databases()
zones = ["Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney",
         "America/Los_Angeles"]
people = []
for n in range({people}):
    people.append(Person.objects.create_user(
        f"bench{{n}}@example.org", "{password}", display_name=f"P{{n}}",
        time_zone=zones[n % len(zones)],
    ))
for a, b in zip(people[0::2], people[1::2]):
    bond = Bond.objects.create(kind="partner", created_by=a)
    for person, name in ((a, f"with {{b.display_name}}"), (b, f"with {{a.display_name}}")):
        m = Membership(bond=bond, person=person); m.name = name; m.save()
print(json.dumps([[p.email, str(p.pk)] for p in people]))
"""


def seed(env: dict, people: int) -> list[tuple[str, str]]:
    out = shell(env, SEED.format(people=people, password=PASSWORD))
    return [tuple(row) for row in json.loads(out.strip().splitlines()[-1])]


# --- Servers -------------------------------------------------------------------------------


@dataclass
class Server:
    env: dict
    port: int
    workers: int = 2
    process: subprocess.Popen | None = None
    log: Path | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, wait: float = 120) -> Server:
        # The log stays open for the server's life; the child process holds it.
        handle = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            [HEARTWORK, "serve", "--port", str(self.port), "--workers", str(self.workers)],
            env=self.env,
            stdout=handle,
            stderr=handle,
            start_new_session=True,
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/help/")
                if conn.getresponse().status == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                raise SystemExit(f"server on {self.port} exited early (see {self.log})")
            time.sleep(0.3)
        raise SystemExit(f"server on {self.port} did not come up")

    def descendants(self) -> list[int]:
        rows = subprocess.run(
            ["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True
        ).stdout.split("\n")
        table = [r.split() for r in rows if r.strip()]
        found, frontier = [], {str(self.process.pid)}
        while frontier:
            below = [r[0] for r in table if len(r) == 2 and r[1] in frontier]
            found += [int(p) for p in below]
            frontier = set(below)
        return found

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL to the master and everything below it, as a power cut would."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)


# --- A person in a browser, minus the browser --------------------------------------------


@dataclass
class Visitor:
    port: int
    address: str  # their own client address (X-Forwarded-For, one proxy)
    cookies: dict = field(default_factory=dict)
    conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        return self.conn

    def request(self, method: str, path: str, data: dict | None = None) -> tuple[int, str, str]:
        """(status, body, location). Cookies are kept; redirects are not followed."""
        headers = {
            "X-Forwarded-For": self.address,
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Referer": f"http://127.0.0.1:{self.port}{path}",
                    "Origin": f"http://127.0.0.1:{self.port}",
                }
            )
        try:
            conn = self._connection()
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.conn = None
            raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.conn = None
        return response.status, text, response.getheader("Location", "")

    def csrf(self, page: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return match.group(1) if match else self.cookies.get("csrftoken", "")

    def log_in(self, email: str) -> None:
        _, page, _ = self.request("GET", "/login/")
        status, _, _ = self.request(
            "POST",
            "/login/",
            {"csrfmiddlewaretoken": self.csrf(page), "username": email, "password": PASSWORD},
        )
        if status != 302:
            raise SystemExit(f"log-in failed for {email}: {status}")


def random_address() -> str:
    return "10.{}.{}.{}".format(*secrets.token_bytes(3))


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]
