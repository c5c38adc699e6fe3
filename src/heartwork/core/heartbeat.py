"""Signs of life from background processes, and which of them have gone quiet."""

from __future__ import annotations

import datetime
import os
import socket

from django.db import DatabaseError
from django.utils import timezone

from heartwork.core.models import RunnerHeartbeat

# A runner beats once a minute; three missed beats means it is gone.
STALE_AFTER = datetime.timedelta(minutes=3)


def beat(name: str, *, started_at: datetime.datetime) -> None:
    now = timezone.now()
    RunnerHeartbeat.objects.update_or_create(
        name=name,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "beat_at": now,
            "stopped_at": None,
        },
    )


def stopped(name: str) -> None:
    RunnerHeartbeat.objects.filter(name=name, pid=os.getpid()).update(stopped_at=timezone.now())


def silent_runners(now: datetime.datetime | None = None) -> list[RunnerHeartbeat]:
    """Runners that stopped beating without saying they stopped (killed, crashed, hung)."""
    now = now or timezone.now()
    try:
        return list(
            RunnerHeartbeat.objects.filter(stopped_at__isnull=True, beat_at__lt=now - STALE_AFTER)
        )
    except DatabaseError:  # not migrated yet
        return []
