"""Every URL of the app, read from the resolver, so a new view is walked the day it is written.

The authorization walk and the hostile-content walk both start here. A pattern is named
``namespace:name`` and carries the names of the arguments it takes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str
    kwargs: tuple[str, ...]
    defaults: tuple[tuple[str, object], ...]

    @property
    def takes_bond(self) -> bool:
        return "bond_id" in self.kwargs


def all_routes(*, include_admin: bool = False, include_api: bool = False) -> list[Route]:
    """Every named page URL. The JSON API (namespace ``api``) is left out unless asked:
    it has its own walk, tests/api/test_authorization.py, and its own error shape."""
    found: list[Route] = []
    admin_prefix = settings.ADMIN_PATH

    def walk(patterns, namespace: str = "", prefix: str = "") -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if not include_admin and route.startswith(admin_prefix):
                continue
            if isinstance(entry, URLResolver):
                if entry.namespace == "api" and not include_api:
                    continue
                walk(entry.url_patterns, entry.namespace or namespace, route)
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                found.append(
                    Route(
                        name,
                        tuple(entry.pattern.regex.groupindex),
                        tuple(entry.default_args.items()),
                    )
                )

    walk(get_resolver().url_patterns)
    unique: dict[str, Route] = {}
    for route in found:
        unique.setdefault(route.name, route)
    return sorted(unique.values(), key=lambda r: r.name)
