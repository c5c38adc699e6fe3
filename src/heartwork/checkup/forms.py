from __future__ import annotations

from django import forms

from heartwork.domain.checkup import ANSWER_LABELS, CLOSENESS_LABELS, Item

_ERRORS = {"invalid_choice": "Choose one of the five answers, or leave it blank."}
_CLOSE_ERRORS = {"invalid_choice": "Choose one of the pictures, or leave it blank."}


def _answer(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=False,
        coerce=int,
        empty_value=None,
        choices=list(ANSWER_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages=_ERRORS,
    )


def _closeness(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        required=False,
        coerce=int,
        empty_value=None,
        choices=list(CLOSENESS_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages=_CLOSE_ERRORS,
    )


class CheckupForm(forms.Form):
    """Every item twice (now, and how I'd like it), all optional; and the circles."""

    def __init__(self, *args, items: tuple[Item, ...], other_name: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        self.other_name = other_name
        for item in items:
            text = item.worded_for(other_name)
            self.fields[f"now_{item.id}"] = _answer(f"{text} (how it is now)")
            self.fields[f"wish_{item.id}"] = _answer(f"{text} (how I'd like it to be)")
        self.fields["closeness_now"] = _closeness("How close we are now")
        self.fields["closeness_wished"] = _closeness("How close I'd like us to be")

    def answers(self) -> dict[str, tuple[int | None, int | None]]:
        data = self.cleaned_data
        return {i.id: (data.get(f"now_{i.id}"), data.get(f"wish_{i.id}")) for i in self.items}

    def closeness(self) -> tuple[int | None, int | None]:
        return self.cleaned_data.get("closeness_now"), self.cleaned_data.get("closeness_wished")

    def groups(self):
        """(dimension id, [(item, its words, now field, wish field)]) in the order asked."""
        grouped: dict[str, list] = {}
        for item in self.items:
            grouped.setdefault(item.dimension, []).append(
                (
                    item,
                    item.worded_for(self.other_name),
                    self[f"now_{item.id}"],
                    self[f"wish_{item.id}"],
                )
            )
        return list(grouped.items())


class ReflectionForm(forms.Form):
    def __init__(self, *args, questions, other_name: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[f"q_{q.id}"] = _answer(q.worded_for(other_name))

    def answers(self) -> dict[str, int | None]:
        return {q.id: self.cleaned_data.get(f"q_{q.id}") for q in self.questions}
