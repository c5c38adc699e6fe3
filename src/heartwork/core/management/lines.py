"""Standard input for the line-per-text commands (``heartwork screen``, ``heartwork analyze``)."""

from __future__ import annotations

from typing import IO, Any


def read_lines(stream: IO[Any]) -> list[str]:
    """Every line of ``stream``, read to the end first.

    Read as UTF-8 (a byte that is not UTF-8 becomes U+FFFD rather than stopping the run).
    Only "\\n" ends a line (with a "\\r" before it dropped), so a text holding other
    line-break characters stays one text.
    """
    buffer = getattr(stream, "buffer", None)
    raw = buffer.read() if buffer is not None else stream.read()
    data = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    if not data:
        return []
    lines = data.split("\n")
    if lines[-1] == "":  # the newline that ends the last line starts no new text
        lines.pop()
    return [line.removesuffix("\r") for line in lines]
