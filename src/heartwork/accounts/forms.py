from __future__ import annotations

import zoneinfo

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm

from heartwork.accounts.models import DISPLAY_NAME_MAX, Person


def time_zone_choices() -> list[tuple[str, str]]:
    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith("Etc/"))
    return [("UTC", "UTC")] + [(z, z.replace("_", " ")) for z in zones]


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs) -> None:
        super().__init__(choices=time_zone_choices, **kwargs)


class SignupForm(BaseUserCreationForm):
    display_name = forms.CharField(
        label="What should we call you?",
        max_length=DISPLAY_NAME_MAX,
        help_text="Shown to the people you invite. A first name is plenty.",
    )
    time_zone = TimeZoneField(label="Your time zone", initial="UTC")

    class Meta:
        model = Person
        fields = ("email", "display_name", "time_zone")
        labels = {"email": "E-mail address"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = (
            "At least 10 characters. A few unrelated words make a strong one that's easy to remember."
        )
        self.fields["password2"].help_text = "Type it once more, to be sure."

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if Person.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "There's already an account with this e-mail. Try logging in, or reset your password."
            )
        return email

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError("Please tell us what to call you.")
        return name


class LoginForm(AuthenticationForm):
    username = forms.EmailField(label="E-mail address", widget=forms.EmailInput(attrs={"autofocus": True}))

    error_messages = {
        "invalid_login": "That e-mail and password don't match an account. Check both and try again.",
        "inactive": "This account is not active.",
    }


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField(label="Time zone")

    class Meta:
        model = Person
        fields = ("display_name", "time_zone", "reminder_time")
        labels = {
            "display_name": "Your name",
            "reminder_time": "Preferred reminder time",
        }
        help_texts = {
            "display_name": "What the people in your bonds see.",
            "reminder_time": "If you turn reminders on, this is when they arrive, in your time zone.",
        }
        widgets = {"reminder_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError("Please tell us what to call you.")
        return name


class DeleteAccountForm(forms.Form):
    CONFIRMATION = "delete my account"

    password = forms.CharField(label="Your password", strip=False, widget=forms.PasswordInput)
    confirmation = forms.CharField(
        label=f'Type "{CONFIRMATION}" to confirm',
        max_length=40,
    )

    def __init__(self, *args, person: Person, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.person.check_password(password):
            raise forms.ValidationError("That password isn't right.")
        return password

    def clean_confirmation(self) -> str:
        text = self.cleaned_data["confirmation"].strip().lower()
        if text != self.CONFIRMATION:
            raise forms.ValidationError(f'Please type "{self.CONFIRMATION}" exactly.')
        return text


__all__ = ["SignupForm", "LoginForm", "ProfileForm", "DeleteAccountForm", "password_validation"]
