"""A background runner that dies without stopping shows up in `heartwork check`."""

from __future__ import annotations

import datetime

from django.utils import timezone

from heartwork.checks import check_background_runner
from heartwork.core import heartbeat
from heartwork.core.models import RunnerHeartbeat


def test_a_runner_that_went_quiet_is_reported(db):
    started = timezone.now() - datetime.timedelta(hours=1)
    heartbeat.beat("background", started_at=started)
    assert check_background_runner(None) == []  # beating now
    RunnerHeartbeat.objects.update(beat_at=timezone.now() - datetime.timedelta(minutes=10))
    (warning,) = check_background_runner(None)
    assert warning.id == "heartwork.W004" and "did not stop cleanly" in warning.msg


def test_a_runner_that_stopped_cleanly_is_not_reported(db):
    heartbeat.beat("background", started_at=timezone.now())
    heartbeat.stopped("background")
    RunnerHeartbeat.objects.update(beat_at=timezone.now() - datetime.timedelta(days=2))
    assert check_background_runner(None) == []
