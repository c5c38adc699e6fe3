"""A second factor: codes from an authenticator app (TOTP, RFC 6238), and recovery codes.

What each piece promises (OWASP ASVS 5.0, V6.3.3 and V6.5):
- The secret is 160 bits from the OS's CSPRNG, sealed at rest with the person's data key
  (``TOTPDevice.key``); it leaves the server only on the setup page, as a QR code and as
  text, until the first code confirms the app has it.
- A code is accepted once: accepting one moves the device's last time step forward in one
  conditional UPDATE, so the same code (or an older one) fails afterwards, even from two
  requests at the same moment.
- Wrong codes slow down twice over: each counts as a wrong password for that account and
  address (django-axes, heartwork.accounts.throttle: five pause the pair for fifteen
  minutes), and the device itself makes the next try wait 1, 2, 4, 8… seconds after each
  wrong one, from every address (django-otp's ThrottlingMixin).
- Recovery codes: ten, 125 random bits each, shown once, stored as SHA-256 digests, each
  deleted in the statement that accepts it. They are not held back by the device's wait,
  so a person whose password is being guessed can still get in.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets
import time
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_otp.oath import TOTP

from heartwork.accounts.models import Person, RecoveryCode, TOTPDevice
from heartwork.core.errors import ApplicationError

log = logging.getLogger("heartwork.accounts")

ISSUER = "heartwork"
KEY_BYTES = 20  # 160 bits, as RFC 4226 recommends
STEP = 30
DIGITS = 6
TOLERANCE = 1  # one step either side: a phone clock a little off still works
RECOVERY_CODE_COUNT = 10
# Crockford's base32 alphabet: no i, l, o or u to misread; 5 bits a character.
RECOVERY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
RECOVERY_GROUPS, RECOVERY_GROUP_LENGTH = 5, 5  # 25 characters, 125 bits
RECOVERY_LENGTH = RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH
_MISREAD = str.maketrans({"o": "0", "i": "1", "l": "1", "u": "v"})


# --- Reading ----------------------------------------------------------------------------


def totp_device_for(person: Person, *, confirmed: bool | None = True) -> TOTPDevice | None:
    devices = TOTPDevice.objects.filter(user=person)
    if confirmed is not None:
        devices = devices.filter(confirmed=confirmed)
    return devices.first()


def has_second_factor(person: Person) -> bool:
    return TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def recovery_codes_left(person: Person) -> int:
    return RecoveryCode.objects.filter(person=person).count()


def wait_before_next_code(device: TOTPDevice) -> datetime.timedelta | None:
    """How long the device still holds back codes after wrong ones, or None."""
    allowed, detail = device.verify_is_allowed()
    if allowed or not detail:
        return None
    return max(detail["locked_until"] - timezone.now(), datetime.timedelta(seconds=1))


def provisioning_uri(device: TOTPDevice) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    from urllib.parse import quote, urlencode

    label = quote(f"{ISSUER}:{device.user.email}")
    query = urlencode(
        {
            "secret": secret_text(device).replace(" ", ""),
            "issuer": ISSUER,
            "algorithm": "SHA1",
            "digits": DIGITS,
            "period": STEP,
        }
    )
    return f"otpauth://totp/{label}?{query}"


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    import base64

    encoded = base64.b32encode(bytes.fromhex(device.key)).decode("ascii").rstrip("=")
    return " ".join(encoded[i : i + 4] for i in range(0, len(encoded), 4))


def current_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the app shows now. For tests and the operator's own checks, never a page."""
    totp = TOTP(bytes.fromhex(device.key), STEP, 0, DIGITS, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{DIGITS}d}"


# --- Setting up and removing ------------------------------------------------------------


def totp_setup_start(*, person: Person) -> TOTPDevice:
    """A new, unconfirmed device with a fresh secret (any earlier unconfirmed one goes)."""
    if has_second_factor(person):
        raise ApplicationError("Two-step login is already on.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=person, confirmed=False).delete()
        device = TOTPDevice(user=person, name="Authenticator app", confirmed=False)
        device.key = secrets.token_hex(KEY_BYTES)
        device.full_clean(exclude=["key_sealed"])
        device.save()
    return device


@transaction.atomic
def totp_setup_confirm(*, person: Person, device: TOTPDevice, code: str) -> list[str] | None:
    """Turn the device on if ``code`` is right; returns the new recovery codes, or None."""
    if device.user_id != person.pk or device.confirmed:
        raise ApplicationError("This set-up has ended. Please start again.")
    if not totp_code_verify(device=device, code=code):
        return None
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True, confirmed_at=timezone.now())
    log.info("second factor on person=%s", person.pk)
    _notify(person, "on")
    return recovery_codes_regenerate(person=person, notify=False)


@transaction.atomic
def recovery_codes_regenerate(*, person: Person, notify: bool = True) -> list[str]:
    """Ten new recovery codes, returned once; every earlier code stops working."""
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.filter(person=person).delete()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(person=person, digest=_recovery_digest(code)) for code in codes
    )
    if notify:
        _notify(person, "codes")
    return codes


@transaction.atomic
def second_factor_remove(*, person: Person, by_operator: bool = False) -> bool:
    """Turn two-step login off: the app's secret and every recovery code go. Returns
    whether there was anything to remove."""
    confirmed = has_second_factor(person)
    removed = TOTPDevice.objects.filter(user=person).delete()[0]
    removed += RecoveryCode.objects.filter(person=person).delete()[0]
    if removed:
        log.info("second factor removed person=%s by_operator=%s", person.pk, by_operator)
    if confirmed:
        _notify(person, "reset" if by_operator else "off")
    return bool(removed)


def _notify(person: Person, change: str) -> None:
    """An e-mail once the change has committed, so a change they didn't make is noticed."""
    from heartwork.accounts.tasks import send_second_factor_notice

    person_id = str(person.pk)
    transaction.on_commit(lambda: send_second_factor_notice.enqueue(person_id, change))


# --- Checking a code --------------------------------------------------------------------


@dataclass(frozen=True)
class CodeCheck:
    accepted: bool
    by_recovery_code: bool = False


def normalise_code(value: str) -> str:
    return "".join(ch for ch in (value or "").lower() if ch.isalnum())


def looks_like_app_code(code: str) -> bool:
    cleaned = normalise_code(code)
    return len(cleaned) == DIGITS and cleaned.isdigit()


def second_factor_check(*, person: Person, code: str) -> CodeCheck:
    """A code from the app, or one of the recovery codes (used up if it is right)."""
    cleaned = normalise_code(code)
    if looks_like_app_code(cleaned):
        device = totp_device_for(person)
        return CodeCheck(device is not None and totp_code_verify(device=device, code=cleaned))
    if len(cleaned) == RECOVERY_LENGTH:
        return CodeCheck(recovery_code_use(person=person, code=cleaned), by_recovery_code=True)
    return CodeCheck(False)


def totp_code_verify(*, device: TOTPDevice, code: str) -> bool:
    """Check a code from the app; a wrong one makes the next try wait longer."""
    cleaned = normalise_code(code)
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return False
    if len(cleaned) == DIGITS and cleaned.isdigit():
        totp = TOTP(bytes.fromhex(device.key), STEP, 0, DIGITS, device.drift)
        totp.time = time.time()
        if totp.verify(int(cleaned), TOLERANCE, device.last_t + 1):
            # Claimed in one statement: of two requests with the same code, one wins.
            claimed = TOTPDevice.objects.filter(pk=device.pk, last_t__lt=totp.t()).update(
                last_t=totp.t(),
                drift=totp.drift,
                throttling_failure_count=0,
                throttling_failure_timestamp=None,
                last_used_at=timezone.now(),
            )
            if claimed:
                device.refresh_from_db()
                return True
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=F("throttling_failure_count") + 1,
        throttling_failure_timestamp=timezone.now(),
    )
    device.refresh_from_db()
    return False


def recovery_code_use(*, person: Person, code: str) -> bool:
    cleaned = normalise_code(code).translate(_MISREAD)
    if len(cleaned) != RECOVERY_LENGTH:
        return False
    used = RecoveryCode.objects.filter(person=person, digest=_recovery_digest(cleaned)).delete()
    if used[0]:
        log.info("recovery code used person=%s", person.pk)
    return bool(used[0])


def _new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return "-".join(
        raw[i : i + RECOVERY_GROUP_LENGTH] for i in range(0, RECOVERY_LENGTH, RECOVERY_GROUP_LENGTH)
    )


def _recovery_digest(code: str) -> str:
    cleaned = normalise_code(code).translate(_MISREAD)
    return hashlib.sha256(b"heartwork-recovery-code|" + cleaned.encode("ascii")).hexdigest()


def qr_svg_path(data: str) -> tuple[int, str]:
    """The QR code for ``data`` as one SVG path (its size in modules, and the path), so the
    template draws it inline without marking any text safe."""
    import segno

    qr = segno.make(data, error="m", micro=False)
    quiet = 4
    rows = list(qr.matrix_iter(scale=1, border=quiet))
    parts = []
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                parts.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return len(rows), "".join(parts)
