"""Form pieces shared by the practices."""

from __future__ import annotations

from django import forms


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
