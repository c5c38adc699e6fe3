"""Reading what people write, locally, in plain Python: nothing is ever sent anywhere.

- ``coach_appreciation``: the thanks coach (notes of thanks toward specifics).
- ``analyze_message``: the conflict-language analyzer (what pushes people apart in a
  message, what already helps, and a gentler way to say it).
- ``suggest_feelings`` and ``emotion_scores``: the feelings suggester (wheel words for a
  sentence about your day, and the 28 GoEmotions label scores behind them).
- ``NEEDS`` and ``FAUX_FEELINGS``: word lists the composer offers.
"""

from heartwork.domain.language.conflict import (
    KINDS,
    STRENGTHS,
    Analysis,
    Finding,
    analyze_message,
)
from heartwork.domain.language.emotions import (
    LABELS,
    Suggestion,
    emotion_scores,
    predicted_labels,
    suggest_feelings,
)
from heartwork.domain.language.thanks import COACH_INPUT_MAX, FRAME, Coaching, coach_appreciation
from heartwork.domain.language.vocabulary import FAUX_FEELINGS, NEEDS, NeedsGroup, Underneath

__all__ = [
    "COACH_INPUT_MAX",
    "FAUX_FEELINGS",
    "FRAME",
    "KINDS",
    "LABELS",
    "NEEDS",
    "STRENGTHS",
    "Analysis",
    "Coaching",
    "Finding",
    "NeedsGroup",
    "Suggestion",
    "Underneath",
    "analyze_message",
    "coach_appreciation",
    "emotion_scores",
    "predicted_labels",
    "suggest_feelings",
]
