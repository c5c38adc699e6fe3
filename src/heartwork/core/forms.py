"""Form pieces shared by the practices."""

from __future__ import annotations

from django import forms
from django.core import validators

# Django's stock wording for these ("Ensure this value has at most 4000 characters (it
# has 4012).") reads like a machine. Set once, at start (heartwork.core.apps), for every
# form and model field in the product.
MAX_LENGTH_MESSAGE = (
    "Please shorten this to %(limit_value)d characters or fewer. It has %(show_value)d now."
)
EMAIL_MESSAGE = "That doesn't look like an e-mail address. Check it for a typo?"


def use_plain_messages() -> None:
    validators.MaxLengthValidator.message = MAX_LENGTH_MESSAGE
    validators.EmailValidator.message = EMAIL_MESSAGE


class ChoiceOrWordsForm(forms.Form):
    """An answer made of a ready choice (a reaction, a phrase), a few words, or both.

    Subclasses declare the two fields and name them in ``choice_field`` and ``words_field``;
    the words are stripped, and a form with neither gets ``neither_message``.
    """

    choice_field = "reaction"
    words_field = "text"
    neither_message = "Pick a reaction or write a few words."

    def clean(self):
        cleaned = super().clean()
        cleaned[self.words_field] = (cleaned.get(self.words_field) or "").strip()
        if not self.errors and not cleaned.get(self.choice_field) and not cleaned[self.words_field]:
            raise forms.ValidationError(self.neither_message)
        return cleaned
