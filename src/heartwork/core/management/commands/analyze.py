"""``heartwork analyze``: the conflict-language analyzer over standard input, one message
per line.

    printf 'you never listen\\nthank you for dinner\\n' | heartwork analyze
    {"findings": [{"kind": "criticism", "start": 0, "end": 16}], "strengths": []}
    {"findings": [], "strengths": ["appreciation"]}

It reads everything first, then answers each line in order with one JSON object; an
empty line gets ``{"findings": [], "strengths": []}``. ``start`` and ``end`` count
characters (code points) of the line as read, so ``line[start:end]`` is the flagged
words. Kinds come from criticism, contempt, defensiveness, stonewalling and demand;
strengths from i_statement, observation, feeling, need, request, appreciation,
responsibility and break. Input is read as UTF-8 (see ``lines.read_lines``). Nothing is
stored and nothing of the input is logged; nothing is sent anywhere.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand

from heartwork.core.management.lines import read_lines
from heartwork.domain.language import analyze_message


def answer(text: str) -> str:
    """The JSON line for one message."""
    analysis = analyze_message(text)
    return json.dumps(
        {
            "findings": [
                {"kind": f.kind, "start": f.start, "end": f.end} for f in analysis.findings
            ],
            "strengths": list(analysis.strengths),
        },
        ensure_ascii=False,
    )


class Command(BaseCommand):
    help = (
        "Read messages for what pushes people apart and what helps: one message per line "
        'on standard input, one {"findings": [...], "strengths": [...]} per line out, in '
        "the same order."
    )
    stealth_options = ("stdin",)  # call_command("analyze", stdin=StringIO(...)) in tests

    def handle(self, *args: Any, **options: Any) -> None:
        texts = read_lines(options.get("stdin") or sys.stdin)
        answers = [answer(text) for text in texts]
        for line in answers:
            self.stdout.write(line)
