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
PASSWORD_MISMATCH_MESSAGE = "The two passwords aren't the same. Type it again in both boxes."
REQUIRED_MESSAGE = "Please fill this in."
CHOICE_MESSAGE = "Please pick one of the choices here."
TIME_MESSAGE = "That doesn't look like a time. Try it like 20:30."
DATE_MESSAGE = "That doesn't look like a date. Try it like 2026-03-14."


def use_plain_messages() -> None:
    from django.contrib.auth import forms as auth_forms

    validators.MaxLengthValidator.message = MAX_LENGTH_MESSAGE
    validators.EmailValidator.message = EMAIL_MESSAGE
    forms.Field.default_error_messages["required"] = REQUIRED_MESSAGE
    choosers = (forms.ChoiceField, forms.MultipleChoiceField)
    for field in (*choosers, forms.ModelChoiceField, forms.ModelMultipleChoiceField):
        field.default_error_messages["invalid_choice"] = CHOICE_MESSAGE
    forms.TimeField.default_error_messages["invalid"] = TIME_MESSAGE
    forms.DateField.default_error_messages["invalid"] = DATE_MESSAGE
    # Sign-up and the reset form share the mixin's messages; the password change form
    # copied them when Django defined it, so it is told separately.
    for form in (auth_forms.SetPasswordMixin, auth_forms.PasswordChangeForm):
        form.error_messages["password_mismatch"] = PASSWORD_MISMATCH_MESSAGE


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
