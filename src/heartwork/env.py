"""Strict readers for environment variables.

Every setting heartwork reads from the environment goes through these helpers, so a
mistake names the variable that caused it instead of failing somewhere deeper.
Secrets can also be given as ``<NAME>_FILE`` pointing at a file holding the value.
"""

from __future__ import annotations

import os
from pathlib import Path

PREFIX = "HEARTWORK_"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigurationError(Exception):
    """A variable is set to something heartwork cannot use."""


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    file_path = os.environ.get(f"{name}_FILE")
    if value is None and file_path:
        try:
            return Path(file_path).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ConfigurationError(f"{name}_FILE: cannot read {file_path!r}: {error}") from error
    return value


def env_str(name: str, default: str) -> str:
    value = _raw(name)
    return default if value is None else value.strip()


def env_optional(name: str) -> str | None:
    value = _raw(name)
    return value.strip() if value and value.strip() else None


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None or not value.strip():
        return default
    try:
        number = int(value)
    except ValueError as error:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}") from error
    if minimum is not None and number < minimum:
        raise ConfigurationError(f"{name} must be at least {minimum}, not {number}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_path(name: str, default: Path) -> Path:
    value = _raw(name)
    return Path(value).expanduser().resolve() if value else default.expanduser().resolve()
