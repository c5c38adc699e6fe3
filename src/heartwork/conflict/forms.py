from __future__ import annotations

from django import forms

from heartwork.conflict.models import DRAFT_MAX, SAID_MAX
from heartwork.conflict.services import NOTE_MAX
from heartwork.domain.composer import PART_MAX
from heartwork.domain.hard_talk import BREAK_MINUTES

TOO_LONG = "Please keep it to %(limit_value)d characters or fewer (this has %(show_value)d)."


def _text(
    label: str, limit: int, *, rows: int = 3, required: bool = False, help_text: str = "", **attrs
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        strip=True,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows, "dir": "auto", "maxlength": limit, **attrs}),
        error_messages={"max_length": TOO_LONG, "required": "Write something first."},
    )


def _line(label: str, help_text: str, **attrs) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=PART_MAX,
        help_text=help_text,
        widget=forms.TextInput(
            attrs={"dir": "auto", "maxlength": PART_MAX, "class": "part-input", **attrs}
        ),
        error_messages={"max_length": TOO_LONG},
    )


class DraftForm(forms.Form):
    text = _text(
        "What do you want to say?",
        DRAFT_MAX,
        rows=6,
        help_text="Write it as it comes. Notes appear as you go; they never stop you.",
    )
    observation = _line(
        "What happened",
        "What a camera would have seen: “when you came home at eleven and didn't text”.",
    )
    feeling = _line(
        "What you feel", "One or two feeling words: “worried”, “lonely”.", list="feeling-words"
    )
    need = _line(
        "What you need", "What matters to you underneath: “to know you're safe”.", list="need-words"
    )
    request = _line(
        "What you'd like to ask", "One clear, doable thing: “text me if you'll be after ten”."
    )

    def parts(self) -> dict:
        return {
            k: self.cleaned_data.get(k, "") for k in ("observation", "feeling", "need", "request")
        }


class SayForm(forms.Form):
    text = _text("", SAID_MAX, rows=4, required=True)


class NotNowForm(forms.Form):
    text = forms.CharField(
        label="A time that would suit you (optional)",
        required=False,
        max_length=280,
        widget=forms.TextInput(attrs={"dir": "auto", "maxlength": 280}),
        error_messages={"max_length": TOO_LONG},
    )


class BreakForm(forms.Form):
    minutes = forms.TypedChoiceField(
        label="For how long",
        coerce=int,
        choices=[(m, f"{m} minutes") for m in BREAK_MINUTES],
        error_messages={"invalid_choice": "Choose one of the lengths offered."},
    )


class ChooseForm(forms.Form):
    chosen = forms.CharField(
        max_length=64, error_messages={"required": "Choose one of the two steps."}
    )


class NoteForm(forms.Form):
    text = _text(
        "What you'd like to remember", NOTE_MAX, rows=3, help_text="Only you ever see these."
    )
