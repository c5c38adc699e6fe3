"""``heartwork serve``: check, migrate, collect static files and start gunicorn, with the
background runner for reminders beside it (see heartwork/gunicorn_conf.py)."""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from heartwork.core.setup import collect_static_if_changed, prepare_databases
from heartwork.env import env_optional
from heartwork.keyring.services import KeyFileProblem
from heartwork.site_url import derive_site_url


class Command(BaseCommand):
    help = "Prepare the database and static files, then serve heartwork with gunicorn."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default=os.environ.get("HEARTWORK_HOST", "127.0.0.1"))
        parser.add_argument(
            "--port", type=int, default=int(os.environ.get("HEARTWORK_PORT", "8000"))
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("HEARTWORK_WORKERS", "2")),
            help="Worker processes (default 2; one per core is a good start).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("HEARTWORK_THREADS", "1")),
            help=(
                "Threads per worker (default 1: on CPython, more threads mostly add GIL "
                "contention; see docs/benchmarks.md)."
            ),
        )

    def handle(self, *args, host: str, port: int, workers: int, threads: int, **options) -> None:
        site_url = self._site_url(host, port)
        call_command("check", deploy=False)
        try:
            prepare_databases()
        except KeyFileProblem as problem:
            raise CommandError(str(problem)) from None
        collect_static_if_changed(self.stderr)
        if not settings.EMAIL_HOST:
            self.stdout.write(
                self.style.WARNING(
                    f"E-mail is not set up (HEARTWORK_EMAIL_HOST): messages are saved in "
                    f"{settings.EMAIL_FILE_PATH} "
                    "instead of being sent."
                )
            )
        self.stdout.write(self.style.SUCCESS(f"heartwork is starting on http://{host}:{port}"))
        self.stdout.write(f"Links in e-mails lead to {site_url}")
        sys.stdout.flush()
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "heartwork.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            # One thread per worker: gunicorn's plain sync worker, whose requests queue
            # fairly across workers in the kernel (a lower tail than gthread here, see
            # docs/benchmarks.md). It expects a buffering proxy in front, as the README says.
            "--worker-class",
            "sync" if threads == 1 else "gthread",
            "--timeout",
            "30",
            "--graceful-timeout",
            "10",
            "--max-requests",
            "5000",
            "--max-requests-jitter",
            "500",
            # No access log: request paths can carry one-time tokens, and knowing who
            # opened which page is not something heartwork keeps.
            "--error-logfile",
            "-",
            "--forwarded-allow-ips",
            os.environ.get("HEARTWORK_FORWARDED_ALLOW_IPS", "127.0.0.1"),
            # heartwork does not use gunicornc; without this, two instances on one machine
            # would fight over one control socket in the home directory.
            "--no-control-socket",
            # Hooks that start the background runner (task worker and reminder scheduler).
            "--config",
            "python:heartwork.gunicorn_conf",
        ]
        # Replace this process so signals from the terminal or a supervisor reach gunicorn.
        os.execv(sys.executable, argv)

    def _site_url(self, host: str, port: int) -> str:
        """The address in e-mails' links. Unless the operator set HEARTWORK_SITE_URL, it
        follows --host and --port, and is handed to gunicorn's workers and the background
        runner (which send the e-mails) through the environment they inherit."""
        if env_optional("HEARTWORK_SITE_URL"):
            return str(settings.SITE_URL)
        derived = derive_site_url(
            host, port, allowed_hosts=settings.ALLOWED_HOSTS, https=settings.HTTPS
        )
        os.environ["HEARTWORK_SITE_URL"] = derived
        settings.SITE_URL = derived  # for the system checks run here, before gunicorn
        return derived
