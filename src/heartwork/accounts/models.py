"""A person: someone who signs in with an e-mail address."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from functools import cache

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django_otp.models import Device, ThrottlingMixin

from heartwork.core.sealed import SealedText

DISPLAY_NAME_MAX = 60
DEFAULT_REMINDER_TIME = datetime.time(19, 30)


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in _known_zones():
        raise ValidationError("Choose a time zone from the list.")


class Theme(models.TextChoices):
    """How pages look: following the device's light or dark setting, or one chosen."""

    SYSTEM = "system", "Same as this device"
    LIGHT = "light", "Light"
    DARK = "dark", "Dark"


class PersonManager(BaseUserManager["Person"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> Person:
        if not email:
            raise ValueError("A person needs an e-mail address.")
        person = self.model(email=self.normalize_email(email).lower(), **fields)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_superuser(self, email: str, password: str | None = None, **fields) -> Person:
        fields.setdefault("display_name", "Operator")
        return self.create_user(email, password, is_staff=True, is_superuser=True, **fields)

    def get_by_natural_key(self, username: str) -> Person:
        # E-mail addresses are matched without regard to case.
        return self.get(email__iexact=username)


class Person(AbstractBaseUser, PermissionsMixin):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField("e-mail address", unique=True)
    display_name = models.CharField(max_length=DISPLAY_NAME_MAX)
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    reminder_time = models.TimeField(
        default=DEFAULT_REMINDER_TIME,
        help_text="The local time a person prefers to hear from heartwork.",
    )
    theme = models.CharField(max_length=8, choices=Theme.choices, default=Theme.SYSTEM)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Goes up by one with every change the person asks for (PageVersionMiddleware): a page
    # kept for them (the Today page's cache) is keyed by it, so their own writes show at once.
    page_version = models.PositiveBigIntegerField(default=0, editable=False)

    objects = PersonManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return self.display_name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        from heartwork.core.clock import person_zone

        return person_zone(self)


class PendingSignup(models.Model):
    """A sign-up waiting for its e-mail address to be confirmed (when e-mail is set up).

    Every sign-up makes one, whether or not the address already has an account, so the
    page and its timing say nothing about who uses heartwork; the e-mail itself tells the
    owner of the address which is the case. The password is kept only as its hash.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField()
    display_name = models.CharField(max_length=DISPLAY_NAME_MAX)
    time_zone = models.CharField(max_length=64, default="UTC")
    password = models.CharField(max_length=256)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"pending sign-up {self.id}"


class TOTPDevice(ThrottlingMixin, Device):
    """A person's authenticator app: the second factor asked for at login once it is set up.

    django-otp's own TOTP model keeps the secret in the clear; here it is sealed with the
    person's data key like what they write (heartwork.core.sealed), so a copy of the
    database alone cannot make codes. The id is a UUID because the seal binds to the row
    id before the INSERT. ``confirmed`` stays false until a first code proves the app has
    the secret; only a confirmed device is asked for at login. ThrottlingMixin doubles the
    wait after each wrong code (1, 2, 4, 8… seconds) across every address.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    key_sealed = models.TextField()
    key = SealedText(author="user_id")  # the shared secret, hex
    # The time step of the last code accepted: a code is never accepted twice, and no code
    # older than the last one is accepted either (heartwork.accounts.second_factor).
    last_t = models.BigIntegerField(default=-1)
    drift = models.SmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta(Device.Meta):
        verbose_name = "authenticator app"
        constraints = [models.UniqueConstraint(fields=["user"], name="one_totp_device_per_person")]

    def __str__(self) -> str:
        return f"authenticator app {self.id}"

    def get_throttle_factor(self) -> int:
        return 1


class RecoveryCode(models.Model):
    """One single-use recovery code, stored as its SHA-256 digest only.

    Each code carries 125 bits from the operating system's CSPRNG, more than the 112 bits
    ASVS asks before a plain hash may stand in for a slow salted one; the digest is
    domain-separated. A code is deleted in the same statement that accepts it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="recovery_codes")
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "digest"], name="one_recovery_code_digest")
        ]

    def __str__(self) -> str:
        return f"recovery code {self.id}"
