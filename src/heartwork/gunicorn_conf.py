"""gunicorn settings and hooks for `heartwork serve`.

- The background runner (`heartwork background`: task worker and reminder scheduler)
  starts beside the web workers on a small install, and a supervisor thread in the master
  restarts it, with backoff, if it dies; it stops with the server. At scale, set
  HEARTWORK_BACKGROUND=false and run `heartwork background` as its own service (README).
- gunicorn's own log lines pass through the same redaction as heartwork's, so a token in
  a failing request's path never reaches them; there is no access log at all.
- Responses do not advertise the server software.
"""

import os
import subprocess
import sys
import threading
import time

# --- Logging: gunicorn's error log, redacted; no access log -------------------------------
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "heartwork.core.logging.RedactSecretsFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact"],
            "stream": "ext://sys.stderr",
        },
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}


# --- No "Server: gunicorn/…" header --------------------------------------------------------
def _without_server_header() -> None:
    """gunicorn has no setting for this; its Response builds the header in one method."""
    try:
        from gunicorn.http.wsgi import Response
    except ImportError:  # a gunicorn without that module: leave it be
        return
    original = Response.default_headers

    def default_headers(self):
        return [line for line in original(self) if not line.lower().startswith("server:")]

    Response.default_headers = default_headers


_without_server_header()


# --- The background runner, supervised ------------------------------------------------------
RESTART_BACKOFF = (1, 2, 5, 10, 30, 60)  # seconds before each further restart
HEALTHY_AFTER = 300  # a run this long resets the backoff


class RunnerSupervisor:
    """Starts `heartwork background` and starts it again whenever it exits unasked."""

    def __init__(self, log) -> None:
        self.log = log
        self.process = None
        self.stopping = threading.Event()
        self.thread = threading.Thread(
            target=self._watch, name="background-supervisor", daemon=True
        )

    def start(self) -> None:
        self._spawn()
        self.thread.start()

    def _spawn(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "django", "background"])
        self.started = time.monotonic()
        self.log.info("background runner started (pid %s)", self.process.pid)

    def _watch(self) -> None:
        failures = 0
        while not self.stopping.wait(1.0):
            code = self.process.poll()
            if code is None:
                if time.monotonic() - self.started > HEALTHY_AFTER:
                    failures = 0
                continue
            delay = RESTART_BACKOFF[min(failures, len(RESTART_BACKOFF) - 1)]
            failures += 1
            self.log.warning(
                "background runner exited (pid %s, code %s); restarting in %ss",
                self.process.pid,
                code,
                delay,
            )
            if self.stopping.wait(delay):
                return
            self._spawn()

    def stop(self) -> None:
        self.stopping.set()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()


_supervisor = None


def when_ready(server):
    global _supervisor
    if os.environ.get("HEARTWORK_BACKGROUND", "true").lower() in ("1", "true", "yes", "on"):
        _supervisor = RunnerSupervisor(server.log)
        _supervisor.start()


def on_exit(server):
    if _supervisor is not None:
        _supervisor.stop()
