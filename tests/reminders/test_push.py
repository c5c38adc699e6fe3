"""Reminders as notifications, end to end against a push service the test runs itself on
loopback: the payload is decrypted as the phone would (RFC 8291) to prove what a lock
screen shows; a device the push service says is gone is forgotten."""

from __future__ import annotations

import base64
import datetime
import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.urls import reverse

from heartwork.core.errors import ApplicationError
from heartwork.reminders import push
from heartwork.reminders.models import PushDevice, ReminderDelivery, ReminderPreference
from heartwork.reminders.services import reminders_claim_due


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class PushService:
    """A push service on loopback: keeps what it receives, answers 201 (or 410 for /gone)."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                service.received.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                self.send_response(410 if self.path.startswith("/gone") else 201)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def service(settings):
    settings.PUSH_ALLOW_LOCAL_ENDPOINTS = True
    running = PushService()
    yield running
    running.server.shutdown()


class Phone:
    """A device's side of a subscription: its key pair and authentication secret."""

    def __init__(self) -> None:
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        self.keys = {"p256dh": b64(point), "auth": b64(self.auth)}

    def read(self, body: bytes) -> dict:
        plain = http_ece.decrypt(
            body, private_key=self.private_key, auth_secret=self.auth, version="aes128gcm"
        )
        return json.loads(plain)


def subscribe(client, person, endpoint, phone):
    client.force_login(person)
    return client.post(
        reverse("reminders:push_subscribe"),
        json.dumps({"endpoint": endpoint, "keys": phone.keys}),
        content_type="application/json",
        HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 15) Chrome/140 Mobile",
    )


def due_checkin(person):
    ReminderPreference.objects.create(
        person=person,
        kind="checkin",
        enabled=True,
        local_time=datetime.time(19, 30),
        by_email=False,
    )
    now = datetime.datetime(2026, 7, 1, 18, 31, tzinfo=datetime.UTC)  # 19:31 in London
    return reminders_claim_due(now=now)


def test_a_reminder_reaches_the_device_saying_nothing_on_the_lock_screen(client, alice, service):
    phone = Phone()
    assert subscribe(client, alice, f"{service.url}/push/alice-phone", phone).status_code == 200
    device = PushDevice.objects.get(person=alice)
    assert device.label == "Chrome on Android"

    claimed = due_checkin(alice)
    assert len(claimed) == 1 and len(service.received) == 1
    request = service.received[0]
    headers = {name.lower(): value for name, value in request["headers"].items()}
    assert headers["content-encoding"] == "aes128gcm"
    assert headers["authorization"].startswith("vapid t=")
    assert f"k={push.application_server_key()}" in headers["authorization"]
    assert int(headers["ttl"]) == push.TTL_SECONDS
    message = phone.read(request["body"])
    assert message == {
        "title": "heartwork",
        "body": "A moment for you in heartwork",
        "url": "/today/",
    }
    assert alice.display_name not in json.dumps(message)
    device.refresh_from_db()
    assert device.last_sent_at is not None


def test_a_person_can_choose_to_show_what_it_is_for(client, alice, service):
    phone = Phone()
    subscribe(client, alice, f"{service.url}/push/p", phone)
    client.post(reverse("reminders:push_choice"), {"show_what_for": "on"})
    due_checkin(alice)
    message = phone.read(service.received[0]["body"])
    assert message["body"] == "A small moment for a feelings check-in"
    assert message["url"] == reverse("checkins:new")


def test_a_device_the_push_service_calls_gone_is_forgotten(client, alice, service):
    subscribe(client, alice, f"{service.url}/gone/old-phone", Phone())
    due_checkin(alice)
    assert len(service.received) == 1 and not PushDevice.objects.filter(person=alice).exists()
    assert ReminderDelivery.objects.filter(person=alice).count() == 1  # still on Today


def test_no_devices_means_no_push(alice, service):
    assert len(due_checkin(alice)) == 1 and service.received == []


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://push.example.com/x",  # not HTTPS
        "https://127.0.0.1/x",  # the server's own loopback
        "https://10.0.0.8/x",  # a private network
        "https://localhost/x",
        "javascript:alert(1)",
    ],
)
def test_an_endpoint_on_the_servers_own_network_is_refused(client, alice, endpoint):
    response = subscribe(client, alice, endpoint, Phone())
    assert response.status_code == 400 and "error" in response.json()
    assert not PushDevice.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"[]",
        json.dumps({"endpoint": "https://push.example.com/x"}).encode(),
        json.dumps(
            {"endpoint": "https://push.example.com/x", "keys": {"p256dh": "short", "auth": "x"}}
        ).encode(),
    ],
)
def test_a_malformed_subscription_gets_a_clear_message_and_changes_nothing(client, alice, body):
    client.force_login(alice)
    response = client.post(
        reverse("reminders:push_subscribe"), body, content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["error"]
    assert not PushDevice.objects.exists()


def test_devices_are_listed_removable_and_only_by_their_owner(client, alice, bob):
    phone = Phone()
    subscribe(client, alice, "https://push.example.com/alice", phone)
    device = PushDevice.objects.get()
    page = client.get(reverse("reminders:settings")).content.decode()
    assert "Chrome on Android" in page and "push.example.com" not in page
    client.force_login(bob)
    client.post(reverse("reminders:push_remove", args=[device.pk]))
    assert PushDevice.objects.filter(pk=device.pk).exists()
    client.force_login(alice)
    client.post(reverse("reminders:push_remove", args=[device.pk]))
    assert not PushDevice.objects.exists()


def test_a_device_that_changes_hands_leaves_its_old_owner(client, alice, bob):
    phone = Phone()
    subscribe(client, alice, "https://push.example.com/shared-tablet", phone)
    subscribe(client, bob, "https://push.example.com/shared-tablet", phone)
    assert list(PushDevice.objects.values_list("person_id", flat=True)) == [bob.pk]


def test_subscribing_needs_a_login(client):
    response = client.post(
        reverse("reminders:push_subscribe"), b"{}", content_type="application/json"
    )
    assert response.status_code == 302


def test_too_many_devices_is_refused(alice):
    for n in range(push.MAX_DEVICES):
        push.device_add(person=alice, endpoint=f"https://push.example.com/{n}", **_keys())
    with pytest.raises(ApplicationError):
        push.device_add(person=alice, endpoint="https://push.example.com/one-more", **_keys())
    assert PushDevice.objects.count() == push.MAX_DEVICES


def _keys():
    return {**Phone().keys, "label": "A browser"}
