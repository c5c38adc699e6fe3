"""A logging filter that keeps secrets carried in URLs out of log records."""

from __future__ import annotations

import logging
import re

# Invite links carry their one-time token in the path; password-reset and reminder
# links carry tokens too, and API tokens may appear in a header someone logs. All are
# cut before any record is written.
_SECRET_PATHS = re.compile(
    r"(/invite/|/reset/[^/\s]+/|/reminders/link/|/signup/confirm/)[^/\s\"']+"
)


# Personal access tokens for the API (heartwork.domain.api_tokens) carry a fixed prefix.
_API_TOKENS = re.compile(r"hwpat_[A-Za-z0-9_-]+")


def redact(text: str) -> str:
    return _API_TOKENS.sub("hwpat_[redacted]", _SECRET_PATHS.sub(r"\1[redacted]", text))


class RedactSecretsFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        # Django attaches the request to request-error records; its path would be
        # formatted by some handlers, so it is dropped rather than trusted.
        if hasattr(record, "request"):
            record.request = None
        return True
