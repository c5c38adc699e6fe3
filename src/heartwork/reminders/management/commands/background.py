"""``heartwork background``: the task worker and the reminder scheduler in one process.

`heartwork serve` starts this on a small install. The scheduler runs in a thread and
only queues work; the worker (django-tasks-db's db_worker) runs the tasks.
"""

from __future__ import annotations

import logging
import threading

from django.core.checks import Tags
from django.core.checks.registry import registry
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from heartwork.core import heartbeat
from heartwork.reminders.services import reminders_claim_due

log = logging.getLogger("heartwork.reminders")
RUNNER_NAME = "background"


class Command(BaseCommand):
    help = "Run the task worker and the reminder scheduler together."

    def check(self, *args, **kwargs):
        """Every system check but the URL ones, which import every view and the API (the
        latter some 13 MB) into a process that serves no page. `heartwork serve` runs them
        all before it starts this; a runner started on its own still fails closed on a bad
        key file or data directory (heartwork.checks)."""
        everything = registry.registered_checks
        registry.registered_checks = {c for c in everything if Tags.urls not in c.tags}
        try:
            return super().check(*args, **kwargs)
        finally:
            registry.registered_checks = everything

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--interval", type=int, default=60, help="Seconds between reminder checks."
        )

    def handle(self, *args, interval: int, **options) -> None:
        stop = threading.Event()
        started_at = timezone.now()

        def schedule() -> None:
            while not stop.is_set():
                try:
                    close_old_connections()
                    heartbeat.beat(RUNNER_NAME, started_at=started_at)
                    reminders_claim_due()
                except Exception:  # keep the loop alive; the next minute tries again
                    log.exception("reminder check failed")
                finally:
                    close_old_connections()
                stop.wait(interval)

        threading.Thread(target=schedule, name="reminder-scheduler", daemon=True).start()
        try:
            call_command("db_worker", interval=5, verbosity=0)  # returns on SIGTERM/SIGINT
        finally:
            stop.set()
            close_old_connections()
            heartbeat.stopped(RUNNER_NAME)
