"""gunicorn hooks for `heartwork serve`: start the background runner beside the web
workers on a small install, and stop it with them.

The runner is one process (`heartwork background`): the task worker plus the reminder
scheduler. At scale, set HEARTWORK_BACKGROUND=false here and run `heartwork db_worker`
and `heartwork reminders_scheduler` as their own services instead.
"""

import os
import subprocess
import sys

_background = None


def when_ready(server):
    global _background
    if os.environ.get("HEARTWORK_BACKGROUND", "true").lower() in ("1", "true", "yes", "on"):
        _background = subprocess.Popen([sys.executable, "-m", "django", "background"])
        server.log.info("background runner started (pid %s)", _background.pid)


def on_exit(server):
    if _background is not None and _background.poll() is None:
        _background.terminate()
        try:
            _background.wait(timeout=15)
        except subprocess.TimeoutExpired:
            _background.kill()
