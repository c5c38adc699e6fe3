from django import forms

from heartwork.reminders.models import WEEKDAYS


class PreferenceForm(forms.Form):
    enabled = forms.BooleanField(required=False, label="Remind me")
    local_time = forms.TimeField(
        label="At",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Enter a time like 19:30.", "required": "Choose a time."},
    )
    weekday = forms.TypedChoiceField(
        label="On", coerce=int, choices=WEEKDAYS, required=False, empty_value=6
    )
    by_email = forms.BooleanField(required=False, label="Also by e-mail")
