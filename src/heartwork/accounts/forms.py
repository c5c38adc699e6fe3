from __future__ import annotations

import zoneinfo
from functools import cache

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm

from heartwork.accounts.models import DISPLAY_NAME_MAX, Person


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    """Built once per process: listing every zone from disk took ~140 ms a render."""
    zones = sorted(
        z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith("Etc/")
    )
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

    def __init__(self, *args, check_existing: bool = True, **kwargs) -> None:
        # With e-mail confirmation on, an address that already has an account is not
        # refused here (that would tell anyone who uses heartwork); its owner gets an e-mail.
        self.check_existing = check_existing
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = (
            "At least 10 characters. A few unrelated words make a strong one that's easy to "
            "remember."
        )
        self.fields["password2"].help_text = "Type it once more, to be sure."

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if self.check_existing and Person.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "There's already an account with this e-mail. Try logging in, or reset your "
                "password."
            )
        return email

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError("Please tell us what to call you.")
        return name

    def validate_unique(self) -> None:
        if self.check_existing:
            super().validate_unique()


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="E-mail address", widget=forms.EmailInput(attrs={"autofocus": True})
    )

    error_messages = {
        "invalid_login": (
            "That e-mail and password don't match an account. Check both and try again."
        ),
        "inactive": "This account is not active.",
    }


class PasswordResetForm(DjangoPasswordResetForm):
    email = forms.EmailField(
        label="E-mail address",  # Django's says "Email"; every other page says this
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ProfileForm(forms.ModelForm):
    time_zone = TimeZoneField(label="Time zone")

    class Meta:
        model = Person
        fields = ("display_name", "time_zone", "reminder_time", "theme")
        labels = {
            "display_name": "Your name",
            "reminder_time": "Preferred reminder time",
            "theme": "Light or dark",
        }
        help_texts = {
            "display_name": "What the people in your bonds see.",
            "reminder_time": (
                "If you turn reminders on, this is when they arrive, in your time zone."
            ),
            "theme": (
                "Dark is gentler on the eyes at night. “Same as this device” follows the "
                "light or dark setting of the phone or computer you are using."
            ),
        }
        widgets = {
            "reminder_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "theme": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A form (or an API call) that leaves the theme out keeps the one chosen before.
        self.fields["theme"].required = False

    def clean_display_name(self) -> str:
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError("Please tell us what to call you.")
        return name

    def clean_theme(self) -> str:
        return self.cleaned_data.get("theme") or self.instance.theme


class DeleteAccountForm(forms.Form):
    CONFIRMATION = "delete my account"

    password = forms.CharField(label="Your password", strip=False, widget=forms.PasswordInput)
    confirmation = forms.CharField(
        label=f'Type "{CONFIRMATION}" to confirm',
        max_length=40,
    )

    def __init__(self, *args, person: Person, request, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.person, self.request = person, request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not password_is_right(self.request, self.person, password):
            raise forms.ValidationError("That password isn't right.")
        return password

    def clean_confirmation(self) -> str:
        text = self.cleaned_data["confirmation"].strip().lower()
        if text != self.CONFIRMATION:
            raise forms.ValidationError(f'Please type "{self.CONFIRMATION}" exactly.')
        return text


def password_is_right(request, person: Person, password: str) -> bool:
    """Check a person's password through ``authenticate``, so a wrong guess here counts
    towards the same throttle as a wrong guess at login (heartwork.accounts.throttle)."""
    return authenticate(request, username=person.email, password=password) is not None


class PasswordChangeForm(DjangoPasswordChangeForm):
    def __init__(self, user, *args, request, **kwargs) -> None:
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        if not password_is_right(self.request, self.user, old_password):
            raise forms.ValidationError(
                "That isn't your current password.", code="password_incorrect"
            )
        return old_password


# --- The second factor (heartwork.accounts.second_factor) --------------------------------


def _code_input(*, numeric: bool, autofocus: bool = False) -> forms.TextInput:
    attrs: dict[str, str | bool] = {
        "autocomplete": "one-time-code",
        "autocapitalize": "off",
        "autocorrect": "off",
        "spellcheck": "false",
        "class": "code-input",
    }
    if numeric:
        attrs.update(inputmode="numeric", pattern="[0-9 ]*", maxlength="7")
    if autofocus:
        attrs["autofocus"] = True
    return forms.TextInput(attrs=attrs)


class LoginCodeForm(forms.Form):
    """The second step of logging in: a code from the app, or a recovery code."""

    code = forms.CharField(
        label="The 6-digit code from your app",
        max_length=12,
        required=False,
        widget=_code_input(numeric=True, autofocus=True),
    )
    recovery_code = forms.CharField(
        label="One of your recovery codes",
        max_length=40,
        required=False,
        widget=_code_input(numeric=False),
        help_text="Each one works once. Dashes and capitals don't matter.",
    )

    def clean(self):
        data = super().clean()
        if not (data.get("code") or data.get("recovery_code")):
            raise forms.ValidationError("Please type the code.")
        return data

    @property
    def typed_code(self) -> str:
        return self.cleaned_data.get("code") or self.cleaned_data.get("recovery_code") or ""


class TOTPConfirmForm(forms.Form):
    """Turning two-step login on: the password again, and a first code from the app."""

    password = forms.CharField(label="Your password", strip=False, widget=forms.PasswordInput)
    code = forms.CharField(
        label="The 6-digit code your app shows now",
        max_length=12,
        widget=_code_input(numeric=True),
    )

    def __init__(self, *args, person: Person, request, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.person, self.request = person, request

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not password_is_right(self.request, self.person, password):
            raise forms.ValidationError("That password isn't right.")
        return password


class SecondFactorReauthForm(forms.Form):
    """Before changing two-step login: the password and a current code (ASVS 5.0 V7.5.1,
    full re-authentication before changing a factor). A recovery code counts as a code,
    and is used up."""

    password = forms.CharField(label="Your password", strip=False, widget=forms.PasswordInput)
    code = forms.CharField(
        label="A code from your app, or a recovery code",
        max_length=40,
        widget=_code_input(numeric=False),
    )

    def __init__(self, *args, person: Person, request, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.person, self.request = person, request

    def clean(self):
        from heartwork.accounts import second_factor, throttle

        data = super().clean()
        password, code = data.get("password"), data.get("code")
        if password is None or code is None:
            return data
        # The password first, so a wrong password never uses up a recovery code.
        if not password_is_right(self.request, self.person, password):
            self.add_error("password", "That password isn't right.")
            return data
        refusal = throttle.code_refusal(self.request, self.person, code)
        if refusal:
            self.add_error("code", refusal)
        elif not second_factor.second_factor_check(person=self.person, code=code).accepted:
            throttle.count_wrong_code(self.request, self.person.email)
            self.add_error("code", "That code isn't right. Try the newest one your app shows.")
        return data


__all__ = [
    "DeleteAccountForm",
    "LoginCodeForm",
    "LoginForm",
    "PasswordChangeForm",
    "ProfileForm",
    "SecondFactorReauthForm",
    "SignupForm",
    "TOTPConfirmForm",
    "password_validation",
]
