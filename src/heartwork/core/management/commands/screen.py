"""``heartwork screen``: the safety screen over standard input, one text per line.

    printf 'he hit me\\nlove you\\n' | heartwork screen
    {"kinds": ["violence"]}
    {"kinds": []}

It reads everything first, then answers each line in order with one JSON object; an
empty line gets ``{"kinds": []}``. Input is read as UTF-8 (a byte that is not UTF-8
becomes U+FFFD rather than stopping the run). Only "\\n" ends a line (with a "\\r" before
it dropped), so a text holding other line-break characters stays one text. Nothing is
stored and nothing of the input is logged.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand

from heartwork.core.management.lines import read_lines
from heartwork.domain.safety import screen


class Command(BaseCommand):
    help = (
        "Screen texts for signs of danger: one text per line on standard input, "
        'one {"kinds": [...]} per line out, in the same order.'
    )
    stealth_options = ("stdin",)  # call_command("screen", stdin=StringIO(...)) in tests

    def handle(self, *args: Any, **options: Any) -> None:
        texts = read_lines(options.get("stdin") or sys.stdin)
        answers = [json.dumps({"kinds": screen(text)}) for text in texts]
        for answer in answers:
            self.stdout.write(answer)
