"""``heartwork reminders_scheduler``: find due reminders every minute and queue them.

Safe to run more than once at a time and to restart at any moment: each reminder slot
is claimed by a unique row before anything is sent.
"""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from heartwork.core import heartbeat
from heartwork.reminders.services import reminders_claim_due

RUNNER_NAME = "scheduler"


class Command(BaseCommand):
    help = "Queue reminders as they fall due (every --interval seconds, or --once)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--interval", type=int, default=60)
        parser.add_argument("--once", action="store_true", help="Check once and exit (for cron).")

    def handle(self, *args, interval: int, once: bool, **options) -> None:
        running = True

        def stop(signum, frame) -> None:
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        started_at = timezone.now()
        try:
            self._loop(
                interval=interval,
                once=once,
                started_at=started_at,
                running=lambda: running,
                **options,
            )
        finally:
            if not once:
                heartbeat.stopped(RUNNER_NAME)

    def _loop(self, *, interval: int, once: bool, started_at, running, **options) -> None:
        while True:
            if not once:
                heartbeat.beat(RUNNER_NAME, started_at=started_at)
            claimed = reminders_claim_due()
            if claimed and options.get("verbosity", 1) > 1:
                self.stdout.write(f"queued {len(claimed)} reminder(s)")
            if once:
                return
            deadline = time.monotonic() + interval
            while running() and time.monotonic() < deadline:
                time.sleep(0.5)
            if not running():
                return
            # A long-lived loop must not hold a connection the database has dropped.
            # Only between rounds: the first round uses the caller's connection as is.
            close_old_connections()
