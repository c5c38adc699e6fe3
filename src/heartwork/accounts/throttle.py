"""How heartwork slows down password guessing without locking the real person out.

- django-axes locks one account *from one address* after five wrong passwords (the
  e-mail is normalised first, so ``Alice@Example.com`` and ``alice@example.com`` share a
  count, and the address is the real client's behind a proxy: heartwork.core.clientip).
- Across all addresses, an account that has had ``ACCOUNT_CEILING`` wrong passwords in
  the cool-off window only takes further tries from a browser it has been logged into
  before (a signed "known device" cookie, OWASP's device-cookie approach). An attacker
  spreading guesses over many addresses is stopped; the person on their own phone is not.
- Every address may try to log in ``LOGIN_PER_ADDRESS`` times a minute, checked before any
  password is hashed, so a flood of logins cannot keep the workers busy hashing.
- The forms that ask for the password again (changing it, deleting the account) check it
  through ``authenticate``, so their wrong guesses count exactly like the login's.
- A wrong second-factor code counts as a wrong password for that account and address
  (``count_wrong_code``), so the pause, the ceiling and the known-device rule cover codes
  too; the device adds its own growing wait on top (heartwork.accounts.second_factor).
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from heartwork.core.clientip import client_ip
from heartwork.core.ratelimit import Limit, hit

ACCOUNT_CEILING = 20
LOGIN_PER_ADDRESS = Limit("login-address", 30, 60)
DEVICE_COOKIE = "heartwork_known"
DEVICE_SALT = "heartwork.accounts.known-device"
DEVICE_MAX_AGE = 60 * 60 * 24 * 365
DEVICE_ACCOUNTS_MAX = 5


def normalise_email(value: str) -> str:
    """One spelling per address: the throttle and the login agree on who is meant."""
    return unicodedata.normalize("NFKC", value or "").strip().lower()


def axes_username(request: HttpRequest, credentials: dict | None) -> str:
    """AXES_USERNAME_CALLABLE: the normalised address typed in, whatever its case."""
    raw = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if raw is None and request is not None:
        raw = request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")
    return normalise_email(raw or "")


def _account_tag(email: str) -> str:
    return hashlib.sha256(b"heartwork-device|" + normalise_email(email).encode()).hexdigest()[:20]


def _known_tags(request: HttpRequest) -> list[str]:
    raw = request.COOKIES.get(DEVICE_COOKIE)
    if not raw:
        return []
    try:
        tags = signing.loads(raw, salt=DEVICE_SALT, max_age=DEVICE_MAX_AGE)
    except signing.BadSignature:
        return []
    return [t for t in tags if isinstance(t, str)] if isinstance(tags, list) else []


def is_known_device(request: HttpRequest, email: str) -> bool:
    return _account_tag(email) in _known_tags(request)


def remember_device(request: HttpRequest, response: HttpResponse, email: str) -> None:
    """After a successful login: this browser may keep trying this account later."""
    tag = _account_tag(email)
    tags = [tag] + [t for t in _known_tags(request) if t != tag]
    response.set_cookie(
        DEVICE_COOKIE,
        signing.dumps(tags[:DEVICE_ACCOUNTS_MAX], salt=DEVICE_SALT),
        max_age=DEVICE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.HTTPS,
    )


def account_failures(email: str) -> int:
    """Wrong passwords for this account from every address within the cool-off window."""
    from axes.models import AccessAttempt
    from django.db.models import Sum

    since = timezone.now() - (settings.AXES_COOLOFF_TIME or timedelta(minutes=15))
    total = AccessAttempt.objects.filter(
        username=normalise_email(email), attempt_time__gte=since
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


def login_refusal(request: HttpRequest, email: str) -> str | None:
    """Why this login attempt is refused before its password is even checked, or None."""
    if not hit(LOGIN_PER_ADDRESS, client_ip(request)):
        return "Too many log-in attempts from here. Please wait a minute and try again."
    if email and account_failures(email) >= ACCOUNT_CEILING and not is_known_device(request, email):
        return (
            "This account has had many wrong passwords lately, so it only takes log-ins "
            "from a browser "
            "it has been used on before. Please try again later, or reset your password."
        )
    return None


def count_wrong_code(request: HttpRequest, email: str) -> None:
    """A wrong second-factor code counts like a wrong password, for this account and address.
    django-axes records it (and pauses the pair at the limit) through the same signal."""
    user_login_failed.send(
        sender=__name__, credentials={"username": normalise_email(email)}, request=request
    )


def pair_locked(request: HttpRequest, email: str) -> bool:
    """Whether this account is paused for this address (too many wrong passwords or codes)."""
    from axes.handlers.proxy import AxesProxyHandler

    return AxesProxyHandler.is_locked(request, credentials={"username": normalise_email(email)})


PAIR_LOCKED = (
    "There have been several wrong passwords or codes for this account, so it is paused "
    "for fifteen minutes to keep it safe. Please try again later."
)


def code_refusal(request: HttpRequest, person, code: str) -> str | None:
    """Why a second-factor code is refused before it is even checked, or None."""
    from heartwork.accounts import second_factor

    if pair_locked(request, person.email):
        return PAIR_LOCKED
    if second_factor.looks_like_app_code(code):
        device = second_factor.totp_device_for(person)
        wait = device and second_factor.wait_before_next_code(device)
        if wait:
            seconds = int(wait.total_seconds()) + 1
            when = f"{seconds} seconds" if seconds < 120 else f"{seconds // 60 + 1} minutes"
            return (
                f"There have been several wrong codes, so please wait {when} and then type "
                "the newest code. A recovery code works straight away."
            )
    return None
