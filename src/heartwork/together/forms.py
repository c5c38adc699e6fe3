from __future__ import annotations

from django import forms
from django.utils import timezone

from heartwork.domain.bonds import BondKind
from heartwork.domain.feelings import feelings_wheel
from heartwork.domain.together import (
    MINUTES_MAX,
    MINUTES_MIN,
    REFLECTION_MAX,
    RITUAL_TEXT_MAX,
    TITLE_MAX,
    ActivityKind,
    Cost,
    idea_kind_for,
    is_planned,
    minutes_problem,
    when_problem,
)
from heartwork.together.models import KIND_CHOICES

WHEN_FORMAT = "%Y-%m-%dT%H:%M"
KIND_ERROR = "Choose what kind of time it was from the list."
MINUTES_ERROR = minutes_problem(0)


def _clean_text(value: str) -> str:
    return (value or "").strip()


class TimeForm(forms.Form):
    """Plan a time (a moment ahead) or log one that happened (a moment up to now)."""

    kind = forms.ChoiceField(
        label="What kind of time?",
        choices=KIND_CHOICES,
        error_messages={"required": KIND_ERROR, "invalid_choice": KIND_ERROR},
    )
    title = forms.CharField(
        label="Give it a name (optional)",
        required=False,
        max_length=TITLE_MAX,
        help_text="Something like “Picnic by the river”. You both see it.",
    )
    when = forms.DateTimeField(
        label="When",
        widget=forms.DateTimeInput(format=WHEN_FORMAT, attrs={"type": "datetime-local"}),
        help_text="Pick a moment ahead to save it as a plan.",
        error_messages={
            "required": "Choose the day and time.",
            "invalid": "Choose the day and time, like 2026-05-14 19:30.",
        },
    )
    minutes = forms.IntegerField(
        label="How long, in minutes",
        min_value=MINUTES_MIN,
        max_value=MINUTES_MAX,
        widget=forms.NumberInput(
            attrs={"inputmode": "numeric", "min": MINUTES_MIN, "max": MINUTES_MAX, "step": 1}
        ),
        error_messages={
            "required": "Say roughly how long, in minutes.",
            "invalid": "Write the length as a whole number of minutes.",
            "min_value": MINUTES_ERROR,
            "max_value": MINUTES_ERROR,
        },
    )
    phones_away = forms.BooleanField(label="Our phones were put away", required=False)
    reflection = forms.CharField(
        label="Your reflection (optional)",
        required=False,
        max_length=REFLECTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A line or two about how it felt. Private to you unless you share it.",
    )
    share_reflection = forms.BooleanField(label="Share my reflection with them", required=False)
    idea = forms.CharField(required=False, widget=forms.HiddenInput, max_length=60)

    def __init__(
        self, *args, other_name: str | None = None, with_reflection: bool = True, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        if other_name:
            self.fields["share_reflection"].label = f"Share my reflection with {other_name}"
        if not with_reflection:
            for name in ("reflection", "share_reflection", "idea"):
                del self.fields[name]
        self.with_reflection = with_reflection

    def clean_title(self) -> str:
        return _clean_text(self.cleaned_data["title"])

    def clean_reflection(self) -> str:
        return _clean_text(self.cleaned_data["reflection"])

    def clean_when(self):
        when = self.cleaned_data["when"]
        if problem := when_problem(when, timezone.now()):
            raise forms.ValidationError(problem)
        return when

    def clean(self):
        cleaned = super().clean()
        when = cleaned.get("when")
        if (
            self.with_reflection
            and cleaned.get("reflection")
            and when
            and is_planned(when, timezone.now())
        ):
            self.add_error(
                "reflection",
                "A reflection can wait until it's happened. Save the plan now and add your "
                "thoughts afterwards.",
            )
        return cleaned


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label="Your reflection",
        max_length=REFLECTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="How it felt, what you noticed, what you'd like to do again.",
        error_messages={"required": "Write a few words first. One sentence is plenty."},
    )
    shared = forms.BooleanField(label="Share my reflection with them", required=False)

    def __init__(self, *args, other_name: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if other_name:
            self.fields["shared"].label = f"Share my reflection with {other_name}"
        else:
            del self.fields["shared"]

    def clean_text(self) -> str:
        text = _clean_text(self.cleaned_data["text"])
        if not text:
            raise forms.ValidationError("Write a few words first. One sentence is plenty.")
        return text


class SessionStartForm(forms.Form):
    kind = forms.ChoiceField(
        label="What will you do together? (optional)",
        required=False,
        initial=ActivityKind.TOGETHER.value,
        choices=[
            (ActivityKind.TOGETHER.value, "Just be together"),
            *(c for c in KIND_CHOICES if c[0] != ActivityKind.TOGETHER.value),
        ],
        error_messages={"invalid_choice": KIND_ERROR},
    )

    def clean_kind(self) -> str:
        return self.cleaned_data["kind"] or ActivityKind.TOGETHER.value


def feeling_choices() -> list:
    """The wheel as grouped choices: one <optgroup> per core feeling, the core word first."""
    wheel = feelings_wheel()
    groups = []
    for core in wheel.cores:
        words = [f for f in wheel.feelings.values() if f.core == core]
        words.sort(key=lambda f: (f.ring, f.word))
        groups.append((wheel.get(core).label, [(f.word, f.label) for f in words]))
    return [("", "Choose a feeling"), *groups]


class RitualForm(forms.Form):
    day = forms.DateField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Reload the page and try again.",
            "invalid": "Reload the page and try again.",
        },
    )
    high = forms.CharField(
        label="One high",
        max_length=RITUAL_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="A moment that went well, made you smile, or that you're glad about.",
        error_messages={"required": "Write a few words for your high. Something small counts."},
    )
    low = forms.CharField(
        label="One low",
        max_length=RITUAL_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Something that was hard, tiring, or didn't go the way you hoped.",
        error_messages={"required": "Write a few words for your low. “Nothing much” is fine too."},
    )
    feeling = forms.ChoiceField(
        label="One feeling",
        choices=feeling_choices,
        widget=forms.RadioSelect,  # drawn as the feelings wheel (see _ritual_form.html)
        help_text="Start with the broad feeling, then the closest word. Close is good enough.",
        error_messages={
            "required": "Choose a feeling from the wheel.",
            "invalid_choice": "Choose a feeling from the wheel.",
        },
    )

    def clean(self):
        cleaned = super().clean()
        if "day" in self._errors:  # a hidden field: say it at the top, where it can be seen
            self.add_error(None, self._errors.pop("day"))
        return cleaned

    def clean_high(self) -> str:
        text = _clean_text(self.cleaned_data["high"])
        if not text:
            raise forms.ValidationError("Write a few words for your high. Something small counts.")
        return text

    def clean_low(self) -> str:
        text = _clean_text(self.cleaned_data["low"])
        if not text:
            raise forms.ValidationError(
                "Write a few words for your low. “Nothing much” is fine too."
            )
        return text


COST_CHOICES = [("", "Any cost"), (Cost.FREE.value, "Free"), (Cost.LOW.value, "Free or low cost")]
PLACE_CHOICES = [("", "Anywhere"), ("home", "At home"), ("out", "Out and about")]


class IdeaFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *KIND_CHOICES]
    )
    cost = forms.ChoiceField(label="Cost", required=False, choices=COST_CHOICES)
    place = forms.ChoiceField(label="Where", required=False, choices=PLACE_CHOICES)
    fit = forms.ChoiceField(label="Who for", required=False)

    def __init__(self, *args, bond_kind: BondKind, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        suited = idea_kind_for(bond_kind)
        label = {
            BondKind.PARTNER: "partners",
            BondKind.FRIEND: "friends",
            BondKind.FAMILY: "family",
            BondKind.COLLEAGUE: "colleagues",
        }[suited]
        self.fields["fit"].choices = [("", f"For {label}"), ("all", "Everyone")]
