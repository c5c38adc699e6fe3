"""The site's own address, for links that leave it (reminder and sign-up e-mails).

When the operator does not give one (HEARTWORK_SITE_URL), it is worked out from where the
server listens and which host names it answers to, so a server started on another port
does not send people links to the default one. Plain Python, so it is read by the settings
and by `heartwork serve` alike, and tested alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from ipaddress import ip_address

# Addresses that mean "listen on every interface": nobody can visit them.
EVERY_INTERFACE = frozenset({"", "0.0.0.0", "::", "[::]", "*"})
LOOPBACK = "127.0.0.1"


def derive_site_url(
    host: str, port: int, *, allowed_hosts: Sequence[str], https: bool = False
) -> str:
    """Where people reach a server listening on ``host``:``port``.

    - Listening on one address (127.0.0.1, heartwork.lan): that address and port.
    - Listening on every interface (0.0.0.0, ::): the first name the site answers to
      (``allowed_hosts``), preferring one other machines can reach; with none, 127.0.0.1.
    - Behind a TLS proxy (``https``): https and the proxy's standard port, at the first
      name the site answers to, since gunicorn's own port is not the one people see.
    """
    names = _concrete_names(allowed_hosts)
    reachable = [name for name in names if not _is_loopback(name)]
    listening_everywhere = host.strip() in EVERY_INTERFACE
    if https:
        name = (reachable or names or [LOOPBACK if listening_everywhere else host])[0]
        return f"https://{_bracketed(name)}"
    if listening_everywhere:
        name = (reachable or names or [LOOPBACK])[0]
    else:
        name = host.strip()
    address = _bracketed(name)
    return f"http://{address}" if port == 80 else f"http://{address}:{port}"


def _concrete_names(allowed_hosts: Sequence[str]) -> list[str]:
    """Host names a link could use: "*" names none; ".example.org" names example.org."""
    names = []
    for entry in allowed_hosts:
        name = entry.strip().lstrip(".")
        if name and name != "*" and "*" not in name:
            names.append(name)
    return names


def _is_loopback(name: str) -> bool:
    bare = name.strip("[]").lower()
    if bare == "localhost" or bare.endswith(".localhost"):
        return True
    try:
        return ip_address(bare).is_loopback
    except ValueError:
        return False


def _bracketed(name: str) -> str:
    """An IPv6 address in a URL is written in brackets: http://[::1]:8000."""
    bare = name.strip("[]")
    return f"[{bare}]" if ":" in bare else name
