"""Reading the versioned content files that ship inside the package."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any


class ContentError(ValueError):
    """A content file does not match what the code expects."""


def read_content_json(*parts: str) -> Any:
    path = resources.files("heartwork.domain").joinpath("content", *parts)
    return json.loads(path.read_text("utf-8"))
