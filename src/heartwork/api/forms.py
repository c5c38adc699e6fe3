from django import forms

from heartwork.domain.api_tokens import NAME_MAX, Scope


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=NAME_MAX,
        help_text="Where you will use it, e.g. “My phone” or “Backup script”.",
    )
    scope = forms.ChoiceField(
        label="What it may do",
        choices=[(s.value, s.label) for s in Scope],
        initial=Scope.READ.value,
        widget=forms.RadioSelect,
    )
