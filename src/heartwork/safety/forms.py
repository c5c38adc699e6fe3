from __future__ import annotations

from django import forms

from heartwork.domain.safety_check import (
    ANSWER_LABELS,
    QUESTIONS,
    SAFE_NOW_LABELS,
    SAFE_NOW_QUESTION,
)


class SafetyCheckForm(forms.Form):
    """The project's own questions, about one other person, asked of one person alone."""

    def __init__(self, *args, other_name: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.id] = forms.ChoiceField(
                label=question.text.format(name=other_name),
                choices=[(a.value, label) for a, label in ANSWER_LABELS.items()],
                widget=forms.RadioSelect,
                required=False,  # skipping a question is allowed, and read as "rather not say"
            )
        self.fields["safe_now"] = forms.ChoiceField(
            label=SAFE_NOW_QUESTION.format(name=other_name),
            choices=[(a.value, label) for a, label in SAFE_NOW_LABELS.items()],
            widget=forms.RadioSelect,
            error_messages={"required": "Please answer this one: it matters most."},
        )
