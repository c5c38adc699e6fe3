from __future__ import annotations

from django import forms

from heartwork.checkins.models import NOTE_MAX, STATEMENT_PART_MAX
from heartwork.core.forms import ChoiceOrWordsForm
from heartwork.domain.checkins import INTENSITY_LABELS, acknowledgement_phrases
from heartwork.domain.feelings import FeelingsWheel, feelings_wheel

MAX_FEELINGS = 6


def _not_on_the_wheel(wheel: FeelingsWheel, word: str) -> str:
    near = [f.word for f in wheel.closest(word)]
    if not near:
        return f"“{word}” isn't on the wheel yet: pick the closest word from the wheel above."
    options = (
        ", ".join(f"“{w}”" for w in near[:-1]) + (" or " if len(near) > 1 else "") + f"“{near[-1]}”"
    )
    return f"“{word}” isn't on the wheel yet. Is it close to {options}?"


class CheckInForm(forms.Form):
    feelings = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Feelings",
        error_messages={
            "invalid_choice": (
                "“%(value)s” isn't on the wheel. Pick words from the wheel, or type them below."
            )
        },
    )
    typed = forms.CharField(
        label="Or type them",
        required=False,
        max_length=200,
        help_text="Separate words with commas, e.g. “tired, hopeful”.",
    )
    intensity = forms.TypedChoiceField(
        label="How strongly?",
        coerce=int,
        choices=list(INTENSITY_LABELS.items()),
        initial=3,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "Choose how strongly, from “a little” to “very strongly”.",
            "required": "Choose how strongly you feel it.",
        },
    )
    note = forms.CharField(
        label="What happened? (optional)",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    feel = forms.CharField(label="I feel…", required=False, max_length=STATEMENT_PART_MAX)
    when = forms.CharField(label="when…", required=False, max_length=STATEMENT_PART_MAX)
    because = forms.CharField(label="because…", required=False, max_length=STATEMENT_PART_MAX)
    share_with = forms.ChoiceField(
        label="Who sees this?",
        required=False,
        # Never echo the id back: say what can be done instead.
        error_messages={
            "invalid_choice": (
                "You can share only with a bond you're in where both of you are active. Choose "
                "one of the list, or keep it private."
            )
        },
    )

    def __init__(self, *args, bonds=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        wheel = feelings_wheel()
        self.fields["feelings"].choices = [(word, word) for word in wheel.feelings]
        self.fields["share_with"].choices = [("", "Only me (private)")] + [
            (str(bond.pk), f"Share with {bond.name}") for bond in bonds
        ]

    def clean_typed(self) -> list[str]:
        wheel = feelings_wheel()
        words, unknown = [], []
        for raw in self.cleaned_data["typed"].split(","):
            word = raw.strip().lower()
            if not word:
                continue
            (words if wheel.get(word) else unknown).append(word)
        if unknown:
            raise forms.ValidationError(
                " ".join(_not_on_the_wheel(wheel, word) for word in unknown)
            )
        return words

    def clean(self):
        cleaned = super().clean()
        chosen = list(dict.fromkeys([*cleaned.get("feelings", []), *cleaned.get("typed", [])]))
        if not chosen and not self.errors:
            raise forms.ValidationError(
                "Pick at least one feeling — any word that's close is fine."
            )
        if len(chosen) > MAX_FEELINGS:
            raise forms.ValidationError(
                f"Pick up to {MAX_FEELINGS} feelings; the strongest ones are enough."
            )
        cleaned["chosen"] = chosen
        if (cleaned.get("when") or cleaned.get("because")) and not cleaned.get("feel"):
            self.add_error("feel", "Start with the feeling: “I feel …”.")
        return cleaned


class AcknowledgementForm(ChoiceOrWordsForm):
    choice_field, words_field = "phrase", "reply"
    neither_message = "Choose a phrase or write a few words."

    phrase = forms.ChoiceField(label="Send back", required=False)
    reply = forms.CharField(
        label="Or write a few words",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phrase"].choices = [
            ("", "Choose a phrase"),
            *acknowledgement_phrases().items(),
        ]
