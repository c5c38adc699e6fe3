from django import forms

from heartwork.core.forms import ChoiceOrWordsForm
from heartwork.domain.prompts import DEPTH_LABELS, THEMES, IntimacyType
from heartwork.prompts.models import ANSWER_MAX, REPLY_MAX, Reply

COMFORT_CHOICES = [
    (1, "1 · Not comfortable"),
    (2, "2 · A bit uneasy"),
    (3, "3 · Okay"),
    (4, "4 · Comfortable"),
    (5, "5 · Very comfortable"),
]


class AnswerForm(forms.Form):
    text = forms.CharField(
        label="Your answer",
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Only you can see it until you've both answered.",
        error_messages={"required": "Write a few words first — even one sentence is plenty."},
    )

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError("Write a few words first — even one sentence is plenty.")
        return text


class ReplyForm(ChoiceOrWordsForm):
    reaction = forms.ChoiceField(
        label="React", choices=[("", "No reaction"), *list(Reply.Reaction.choices)], required=False
    )
    text = forms.CharField(
        label="A few words (optional)",
        max_length=REPLY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ComfortForm(forms.Form):
    comfort = forms.TypedChoiceField(
        label="How comfortable did this prompt feel?",
        choices=COMFORT_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how it felt, from 1 to 5.",
            "invalid_choice": "Choose a number from 1 to 5.",
        },
    )


class DeckFilterForm(forms.Form):
    type = forms.ChoiceField(label="Kind of closeness", required=False)
    depth = forms.TypedChoiceField(
        label="Depth",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any depth")] + [(d, f"{d} · {label}") for d, label in DEPTH_LABELS.items()],
    )
    theme = forms.ChoiceField(
        label="Theme",
        required=False,
        choices=[("", "Any theme")] + [(t, t.replace("-", " ").capitalize()) for t in THEMES],
    )

    def __init__(self, *args, types: list[IntimacyType], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", "Any kind")] + [(t.value, t.label) for t in types]


class ChangeAnswerForm(forms.Form):
    """Yes or no to the other person's request to change today's prompt. ``change`` names
    the request the page showed, so a yes never lands on a different one."""

    change = forms.UUIDField()
    accept = forms.TypedChoiceField(
        choices=[("1", "Yes"), ("0", "No")], coerce=lambda value: value == "1"
    )


class ChangeWithdrawForm(forms.Form):
    change = forms.UUIDField(required=False)
