"""`heartwork serve`, the first quick-start command, as a person runs it: a real process.

It must come up on a fresh data directory with nothing but SQLite, answer pages, start the
background runner beside the web workers, and stop both on SIGTERM.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request

from tests.processes import HEARTWORK, heartwork_env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def descendants(pid: int) -> dict[int, str]:
    """Every process below ``pid``: its id and command line."""
    rows = subprocess.run(
        ["ps", "-e", "-o", "pid=,ppid=,args="], capture_output=True, text=True
    ).stdout.splitlines()
    table = [row.split(None, 2) for row in rows if row.strip()]
    found, frontier = {}, {str(pid)}
    while frontier:
        below = [row for row in table if len(row) == 3 and row[1] in frontier]
        found.update({int(row[0]): row[2] for row in below})
        frontier = {row[0] for row in below}
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_for(url: str, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_starts_on_a_fresh_data_directory_with_the_background_runner_and_stops_cleanly(
    tmp_path,
):
    port = free_port()
    # Its own SQLite file (never the test database of the suite's PostgreSQL leg) and
    # heartwork's defaults, whatever the shell running the tests has set.
    env = heartwork_env(tmp_path / "data", tmp_path / "data.key")
    server = subprocess.Popen(
        [HEARTWORK, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        assert wait_for(f"http://127.0.0.1:{port}/login/", 90) == 200
        assert wait_for(f"http://127.0.0.1:{port}/help/", 10) == 200
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/help/", timeout=5) as response:
            assert "Server" not in response.headers, "the server software is not advertised"
            assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
        assert (tmp_path / "data" / "heartwork.sqlite3").exists()
        assert oct((tmp_path / "data" / "secret_key").stat().st_mode & 0o777) == "0o600"
        deadline = time.monotonic() + 20
        while not any("background" in args for args in descendants(server.pid).values()):
            assert time.monotonic() < deadline, "the background runner did not start"
            time.sleep(0.3)
        # Killed outright, the runner is started again by the supervisor in the master.
        first = next(pid for pid, args in descendants(server.pid).items() if "background" in args)
        os.kill(first, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while not any(
            "background" in args and pid != first for pid, args in descendants(server.pid).items()
        ):
            assert time.monotonic() < deadline, "the background runner was not restarted"
            time.sleep(0.3)
        started = descendants(server.pid)  # web workers and the background runner
    finally:
        server.send_signal(signal.SIGTERM)  # to gunicorn alone, as a supervisor would
        try:
            server.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            raise
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in started):
        assert time.monotonic() < deadline, (
            f"still running after SIGTERM: {[a for p, a in started.items() if alive(p)]}"
        )
        time.sleep(0.3)


def test_gunicorn_logs_pass_through_the_redaction():
    import logging
    import logging.config

    from heartwork import gunicorn_conf

    logging.config.dictConfig(gunicorn_conf.logconfig_dict)
    handler = logging.getLogger("gunicorn.error").handlers[0]
    record = logging.LogRecord(
        "gunicorn.error",
        logging.ERROR,
        __file__,
        1,
        "Error handling request %s",
        ("/invite/tok3n-secret-value/",),
        None,
    )
    assert all(f.filter(record) for f in handler.filters)
    assert "tok3n-secret-value" not in record.getMessage()


def test_static_files_are_collected_only_when_they_change(tmp_path, settings):
    from io import StringIO

    from heartwork.core.setup import collect_static_if_changed

    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    assert collect_static_if_changed(StringIO()) is True
    assert collect_static_if_changed(StringIO()) is False  # nothing changed: nothing written
