"""Project-wide checks of the templates' own text."""

import re
from pathlib import Path

ENGINE_FREE = True  # reads files only

ROOT = Path(__file__).resolve().parents[2] / "src" / "heartwork"


def test_no_template_comment_spans_lines():
    """Django's {# … #} ends at the line's end: one spread over lines is printed on the
    page as text. Longer notes use {% comment %}."""
    offenders = [
        f"{path.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in ROOT.rglob("*.html")
        for text in [path.read_text(encoding="utf-8")]
        for match in re.finditer(r"\{#(?:(?!#\}).)*$", text, flags=re.M)
    ]
    assert offenders == []
