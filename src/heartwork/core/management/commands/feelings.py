"""``heartwork feelings``: the feelings suggester over standard input, one text per line.

    printf 'my sister drove three hours to see me graduate\\n' | heartwork feelings
    {"wheel": [{"word": "touched", "core": "joyful", "score": 0.93}, ...],
     "labels": {"admiration": 0.12, ..., "neutral": 0.03}, "predicted": ["gratitude", ...]}

One JSON object per input line, in order: up to five wheel words with their core and score,
the scores of all 28 GoEmotions labels, and the labels over the model's own thresholds. It
reads everything first, so thousands of lines cost one model load. An empty line gets no
wheel words. Lines are read as in ``heartwork screen``. Nothing is stored or logged.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand

from heartwork.core.management.commands.screen import read_lines
from heartwork.domain.language import emotion_scores, predicted_labels, suggest_feelings


def answer(text: str) -> dict[str, Any]:
    scores = emotion_scores(text)
    return {
        "wheel": [s.as_dict() for s in suggest_feelings(text, k=5)],
        "labels": {label: round(score, 4) for label, score in scores.items()},
        "predicted": predicted_labels(scores),
    }


class Command(BaseCommand):
    help = (
        "Suggest feeling words: one text per line on standard input, one JSON object per line "
        'out ({"wheel": [...], "labels": {...}, "predicted": [...]}), in the same order.'
    )
    stealth_options = ("stdin",)  # call_command("feelings", stdin=StringIO(...)) in tests

    def handle(self, *args: Any, **options: Any) -> None:
        texts = read_lines(options.get("stdin") or sys.stdin)
        answers = [json.dumps(answer(text), ensure_ascii=False) for text in texts]
        for line in answers:
            self.stdout.write(line)
