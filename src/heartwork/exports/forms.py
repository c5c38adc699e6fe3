from django import forms


class ImportForm(forms.Form):
    archive = forms.FileField(
        label="Your archive (the .zip heartwork made)",
        help_text="It goes into this account only if it is yours: made for this e-mail address.",
    )
