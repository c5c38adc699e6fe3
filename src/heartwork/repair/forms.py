from __future__ import annotations

from django import forms

from heartwork.domain.repair import COOLING_OFF_CHOICES, RATING_LABELS
from heartwork.repair.models import COMMITMENT_MAX, TEXT_MAX

TOO_LONG = "Please keep it to %(limit_value)d characters or fewer (this has %(show_value)d)."


class OpenForm(forms.Form):
    role = forms.ChoiceField(
        label="Where are you in this?",
        choices=[
            ("responsible", "I hurt them, and I want to make it right"),
            ("hurt", "I was hurt, and I'd like us to work on it"),
        ],
        widget=forms.RadioSelect,
        help_text=(
            "The other person will see that a repair has begun, and nothing of what is written "
            "until it is sent."
        ),
        error_messages={"required": "Choose one.", "invalid_choice": "Choose one of the two."},
    )


class WriteForm(forms.Form):
    accountability = forms.CharField(
        label="What you did, and what it cost them",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text="Name the act, not your intention. No “if”, no “but”, no “you made me”.",
        error_messages={"max_length": TOO_LONG},
    )
    apology = forms.CharField(
        label="Your apology",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
        help_text="In your own words. Gentle notes appear as you write; they never stop you.",
        error_messages={"max_length": TOO_LONG},
    )


class CommitmentForm(forms.Form):
    change = forms.CharField(
        label="A change you will make",
        max_length=COMMITMENT_MAX,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text="Concrete and checkable: “I will tell you before I make plans that affect us.”",
        error_messages={"required": "Write the change first.", "max_length": TOO_LONG},
    )
    evidence = forms.CharField(
        label="How they will be able to see it",
        required=False,
        max_length=COMMITMENT_MAX,
        widget=forms.TextInput(attrs={"dir": "auto"}),
        help_text="“You'll hear about plans from me first, not from friends.”",
        error_messages={"max_length": TOO_LONG},
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your answer",
        choices=[("accept", "I accept"), ("not-yet", "Not yet"), ("decline", "No")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose an answer, or leave it for now.",
            "invalid_choice": "Choose one of the answers.",
        },
    )
    note = forms.CharField(
        label="Anything you want to say with it (optional)",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
        error_messages={"max_length": TOO_LONG},
    )


class TimeForm(forms.Form):
    days = forms.TypedChoiceField(
        label="How long",
        coerce=int,
        choices=[(d, f"{d} day{'s' if d > 1 else ''}") for d in COOLING_OFF_CHOICES],
        error_messages={"invalid_choice": "Choose one of the lengths offered."},
    )


def rating_form(commitments):
    """A form with one 1–5 choice per commitment, and an optional note."""
    fields = {
        f"c_{c.pk}": forms.TypedChoiceField(
            label=c.change,
            coerce=int,
            choices=list(RATING_LABELS.items()),
            widget=forms.RadioSelect,
            error_messages={"required": "Rate each one.", "invalid_choice": "Choose from 1 to 5."},
        )
        for c in commitments
    }
    fields["note"] = forms.CharField(
        label="A few words for yourself (and for them, once you've both rated)",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        error_messages={"max_length": TOO_LONG},
    )
    return type("RatingForm", (forms.Form,), fields)
