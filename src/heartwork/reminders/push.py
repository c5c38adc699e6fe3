"""Reminders as notifications on a phone or computer (Web Push: RFC 8030, 8291, 8292).

- heartwork's own VAPID key pair is made once, in the data directory, readable by its
  owner alone; browsers are given its public half when a device subscribes.
- A notification says only "A moment for you in heartwork" unless the person chose to
  show what it is for: a lock screen is seen by whoever picks the phone up.
- A device the push service says is gone (404 or 410) is forgotten at once.
- Nothing a person wrote is ever in a notification, and endpoints are never logged.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import logging
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from py_vapid import Vapid02

from heartwork.accounts.models import Person
from heartwork.core.errors import ApplicationError
from heartwork.reminders.models import PushChoice, PushDevice, ReminderDelivery, ReminderKind

log = logging.getLogger("heartwork.reminders")

NEUTRAL = "A moment for you in heartwork"
TTL_SECONDS = 12 * 60 * 60  # a reminder older than half a day is not worth showing
MAX_DEVICES = 10


def vapid_key_path() -> Path:
    return Path(settings.DATA_DIR) / "vapid_private.pem"


@cache
def vapid() -> Vapid02:
    """heartwork's VAPID key pair: made on first use, owner-readable, never replaced."""
    path = vapid_key_path()
    if not path.exists():
        key = Vapid02()
        key.generate_keys()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        pem = key.private_pem()
        try:
            fd = path.open("xb")
        except FileExistsError:  # another process made it a moment ago
            return Vapid02.from_file(str(path))
        with fd:
            path.chmod(0o600)
            fd.write(pem)
    return Vapid02.from_file(str(path))


def application_server_key() -> str:
    """The public key a browser needs to subscribe, base64url without padding."""
    raw = vapid().public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _valid_key(value: str, *, length: int) -> bool:
    try:
        return len(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))) == length
    except ValueError:
        return False


def endpoint_allowed(endpoint: str) -> bool:
    """A push service is a public HTTPS address. heartwork refuses loopback and private
    addresses, so a subscription can't make the server post to its own network (tests
    run their push service on loopback with PUSH_ALLOW_LOCAL_ENDPOINTS)."""
    url = urlparse(endpoint)
    if settings.PUSH_ALLOW_LOCAL_ENDPOINTS and url.hostname in {"127.0.0.1", "localhost"}:
        return url.scheme in {"http", "https"}
    if url.scheme != "https" or not url.hostname or url.hostname == "localhost":
        return False
    try:
        address = ipaddress.ip_address(url.hostname)
    except ValueError:
        return True  # a name, as every real push service uses
    return address.is_global


def device_add(*, person: Person, endpoint: str, p256dh: str, auth: str, label: str) -> PushDevice:
    if not endpoint_allowed(endpoint):
        raise ApplicationError("That push service address isn't one heartwork can use.")
    if not (_valid_key(p256dh, length=65) and _valid_key(auth, length=16)):
        raise ApplicationError("This device sent keys heartwork can't use. Try again.")
    with transaction.atomic():
        # An endpoint belongs to one device; if someone else had it, the device changed hands.
        PushDevice.objects.filter(endpoint=endpoint).exclude(person=person).delete()
        device, _ = PushDevice.objects.update_or_create(
            person=person,
            endpoint=endpoint,
            defaults={"p256dh": p256dh, "auth": auth, "label": label[:80]},
        )
        if PushDevice.objects.filter(person=person).count() > MAX_DEVICES:
            raise ApplicationError(f"Up to {MAX_DEVICES} devices; remove one first.")
    return device


def device_remove(*, person: Person, device_id) -> None:
    PushDevice.objects.filter(person=person, pk=device_id).delete()


def devices_for(person: Person) -> list[PushDevice]:
    return list(PushDevice.objects.filter(person=person).order_by("created_at"))


def show_what_for(person: Person) -> bool:
    return PushChoice.objects.filter(person=person, show_what_for=True).exists()


def choice_save(*, person: Person, show: bool) -> None:
    PushChoice.objects.update_or_create(person=person, defaults={"show_what_for": show})


def payload_for(person: Person, kind: str) -> dict[str, str]:
    """What the notification shows: neutral by default; what it is for, if chosen."""
    from heartwork.reminders.services import DESTINATIONS

    url_name, what, _line = DESTINATIONS[ReminderKind(kind)]
    if show_what_for(person):
        return {
            "title": "heartwork",
            "body": f"A small moment for {what}",
            "url": reverse(url_name),
        }
    return {"title": "heartwork", "body": NEUTRAL, "url": reverse("today:today")}


def _send(device: PushDevice, data: str) -> bool:
    # Imported here, not at the top: pywebpush brings requests and aiohttp (some 15 MB in
    # every process that imports this module), and only a reminder being sent needs them.
    from pywebpush import WebPushException, webpush

    try:
        webpush(
            {"endpoint": device.endpoint, "keys": {"p256dh": device.p256dh, "auth": device.auth}},
            data=data,
            vapid_private_key=vapid(),
            vapid_claims={"sub": settings.PUSH_CONTACT},
            ttl=TTL_SECONDS,
            timeout=10,
        )
    except WebPushException as error:
        status = getattr(error.response, "status_code", None)
        if status in (404, 410):
            device.delete()
            log.info("push device gone and forgotten device=%s status=%s", device.pk, status)
        else:
            log.warning("push failed device=%s status=%s", device.pk, status)
        return False
    except Exception:  # the push service is unreachable: the in-app card still shows it
        log.warning("push failed device=%s status=unreachable", device.pk)
        return False
    PushDevice.objects.filter(pk=device.pk).update(last_sent_at=timezone.now())
    return True


def reminder_push(*, delivery_id: str) -> int:
    """Send one reminder to each of the person's devices. Returns how many took it."""
    delivery = ReminderDelivery.objects.select_related("person").filter(pk=delivery_id).first()
    if delivery is None:
        return 0
    data = json.dumps(payload_for(delivery.person, delivery.kind))
    sent = sum(_send(device, data) for device in devices_for(delivery.person))
    log.info("reminder pushed delivery=%s devices=%s", delivery.pk, sent)
    return sent
