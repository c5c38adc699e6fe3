"""Running the real ``heartwork`` command in a test (or a bench script), cleanly.

A child process gets heartwork's defaults plus what the caller sets: none of the test
run's own settings, database URL or HEARTWORK_ variables leak into it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HEARTWORK = Path(sys.executable).parent / "heartwork"
LEFT_OUT = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def heartwork_env(data_dir: Path, key_file: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in LEFT_OUT and not k.startswith("HEARTWORK_")
    }
    env.update(
        HEARTWORK_DATA_DIR=str(data_dir),
        HEARTWORK_KEY_FILE=str(key_file),
        HEARTWORK_LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env
