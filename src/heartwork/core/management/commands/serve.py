"""``heartwork serve``: check, migrate, collect static files and start gunicorn, with the
background runner for reminders beside it (see heartwork/gunicorn_conf.py)."""

from __future__ import annotations

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Prepare the database and static files, then serve heartwork with gunicorn."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default=os.environ.get("HEARTWORK_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("HEARTWORK_PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("HEARTWORK_WORKERS", "2")),
            help="Worker processes (default 2; one per core is a good start).",
        )
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("HEARTWORK_THREADS", "1")),
            help="Threads per worker (default 1: on CPython, more threads mostly add GIL contention; see docs/benchmarks.md).",
        )

    def handle(self, *args, host: str, port: int, workers: int, threads: int, **options) -> None:
        call_command("check", deploy=False)
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"heartwork is starting on http://{host}:{port}"))
        sys.stdout.flush()
        argv = [
            sys.executable, "-m", "gunicorn", "heartwork.wsgi:application",
            "--bind", f"{host}:{port}",
            "--workers", str(workers),
            "--threads", str(threads),
            # One thread per worker: gunicorn's plain sync worker, whose requests queue
            # fairly across workers in the kernel (a lower tail than gthread here, see
            # docs/benchmarks.md). It expects a buffering proxy in front, as the README says.
            "--worker-class", "sync" if threads == 1 else "gthread",
            "--timeout", "30",
            "--graceful-timeout", "10",
            "--max-requests", "5000",
            "--max-requests-jitter", "500",
            # No access log: request paths can carry one-time tokens, and knowing who
            # opened which page is not something heartwork keeps.
            "--error-logfile", "-",
            "--forwarded-allow-ips", os.environ.get("HEARTWORK_FORWARDED_ALLOW_IPS", "127.0.0.1"),
            # Hooks that start the background runner (task worker and reminder scheduler).
            "--config", "python:heartwork.gunicorn_conf",
        ]
        # Replace this process so signals from the terminal or a supervisor reach gunicorn.
        os.execv(sys.executable, argv)
