from django import forms

from heartwork.appreciation.models import ThankYou
from heartwork.core.forms import ChoiceOrWordsForm
from heartwork.domain.appreciation import ITEM_MAX, NOTE_MAX, REPLY_MAX

EMPTY_NOTE = "Write a few words first. One sentence is plenty."
TOO_LONG = "Please keep it to %(limit_value)d characters or fewer (this has %(show_value)d)."


def _required_text(form: forms.Form, message: str) -> str:
    text = form.cleaned_data["text"].strip()
    if not text:
        raise forms.ValidationError(message)
    return text


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Your note",
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": EMPTY_NOTE, "max_length": TOO_LONG},
    )
    # "Send it as it is" after a hint, or the hint was already shown while typing.
    as_it_is = forms.BooleanField(required=False, widget=forms.HiddenInput)
    coaching_seen = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, coach_url: str = "", recipient: str = "them", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["text"]
        field.help_text = (
            f"Only {recipient} will see it. What did they do, when, and what did it show you "
            f"about them?"
        )
        if coach_url:
            # With htmx, hints follow the typing; without it, they come after pressing Send.
            field.widget.attrs.update(
                {
                    "hx-post": coach_url,
                    "hx-trigger": "keyup changed delay:600ms",
                    "hx-target": "#coaching",
                    "hx-swap": "innerHTML",
                    "hx-sync": "this:replace",
                }
            )

    def clean_text(self) -> str:
        return _required_text(self, EMPTY_NOTE)

    @property
    def skip_coaching(self) -> bool:
        return bool(self.cleaned_data.get("as_it_is") or self.cleaned_data.get("coaching_seen"))


class ThankYouForm(ChoiceOrWordsForm):
    reaction = forms.ChoiceField(
        label="A quick reaction",
        choices=[("", "No reaction"), *list(ThankYou.Reaction.choices)],
        required=False,
        error_messages={"invalid_choice": "Pick one of the reactions offered."},
    )
    text = forms.CharField(
        label="A few words back (optional)",
        max_length=REPLY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": TOO_LONG},
    )


class ItemForm(forms.Form):
    text = forms.CharField(
        label="Something you appreciate about them",
        max_length=ITEM_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Private to you. A quality, a habit, a moment you keep coming back to.",
        error_messages={"required": "Write a few words first.", "max_length": TOO_LONG},
    )

    def clean_text(self) -> str:
        return _required_text(self, "Write a few words first.")
