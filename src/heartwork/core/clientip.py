"""The address of the person making a request, right behind the operator's proxies.

Behind N reverse proxies (``HEARTWORK_PROXY_COUNT``), each proxy appends the address it
was reached from to ``X-Forwarded-For``, so the client is the N-th entry from the right:
anything further left was written by the client itself and can be forged. Without a
proxy it is the socket's own address. Throttling and rate limits key on this.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip().strip("[]")))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    proxies = settings.HEARTWORK_PROXY_COUNT
    if proxies:
        chain = [
            part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
        ]
        if len(chain) >= proxies:
            found = _valid(chain[-proxies])
            if found:
                return found
    return _valid(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
