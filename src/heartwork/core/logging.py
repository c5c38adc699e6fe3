"""A logging filter that keeps secrets carried in URLs out of log records."""

from __future__ import annotations

import logging
import re

# Invite links carry their one-time token in the path; password-reset and reminder
# links carry tokens too. All are cut before any record is written.
_SECRET_PATHS = re.compile(r"(/invite/|/reset/[^/\s]+/|/reminders/link/)[^/\s\"']+")


def redact(text: str) -> str:
    return _SECRET_PATHS.sub(r"\1[redacted]", text)


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
