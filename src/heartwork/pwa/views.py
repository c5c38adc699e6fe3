"""What makes heartwork installable: the web app manifest, the service worker, the page it
shows when there is no connection, and the shortcuts a home-screen icon offers.

The service worker keeps only the project's own static files (and the offline page,
which holds nobody's writing). Pages and anything else a person wrote are never cached:
on a shared phone, what is in a cache can be read by whoever holds it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from heartwork.bonds.selectors import bonds_for_person
from heartwork.domain.help import help_directory

THEME = "#2f6f6a"  # the quick-exit bar's colour, so the installed app's frame matches it
BACKGROUND = "#fbf7f2"

# What the service worker keeps, to open the offline page and draw the frame around it.
PRECACHED_STATIC = (
    "heartwork/base.css",
    "heartwork/dark.css",
    "heartwork/quick-exit.js",
    "heartwork/drafts.js",  # so the quick exit clears drafts kept on the device offline too
    "heartwork/icon.svg",
    "heartwork/icons/icon-192.png",
)


@require_GET
@cache_control(max_age=3600)
def manifest(request: HttpRequest) -> HttpResponse:
    icons = [
        {"src": static("heartwork/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("heartwork/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {
            "src": static("heartwork/icons/maskable-512.png"),
            "sizes": "512x512",
            "type": "image/png",
            "purpose": "maskable",
        },
        {"src": static("heartwork/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
    ]
    shortcut_icon = [{"src": static("heartwork/icons/icon-192.png"), "sizes": "192x192"}]
    shortcuts = [
        ("Check in", "How are you feeling?", reverse("checkins:new")),
        (
            "Today's prompt",
            "A question for the two of you",
            reverse("pwa:shortcut", args=["prompt"]),
        ),
        (
            "A note of thanks",
            "Thank someone for something",
            reverse("pwa:shortcut", args=["thanks"]),
        ),
    ]
    document = {
        "id": "/",
        "name": "heartwork",
        "short_name": "heartwork",
        "description": "Daily practice for feeling closer to the people who matter to you.",
        "start_url": reverse("today:today"),
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME,
        "background_color": BACKGROUND,
        "icons": icons,
        "shortcuts": [
            {
                "name": name,
                "short_name": name,
                "description": about,
                "url": url,
                "icons": shortcut_icon,
            }
            for name, about, url in shortcuts
        ],
    }
    return HttpResponse(json.dumps(document, indent=2), content_type="application/manifest+json")


def _precache_urls() -> list[str]:
    return [reverse("pwa:offline"), *(static(name) for name in PRECACHED_STATIC)]


WORKER_SOURCE = Path(__file__).with_name("worker") / "service-worker.js"


@require_GET
@cache_control(no_cache=True, max_age=0)  # browsers look for a new worker on every visit
def service_worker(request: HttpRequest) -> HttpResponse:
    urls = _precache_urls()
    # Static file names carry a hash of their content, so a deploy that changes any of them
    # changes this version, and the browser installs the new worker.
    version = hashlib.sha256("\n".join(urls).encode()).hexdigest()[:12]
    config = {
        "version": version,
        "precache": urls,
        "offline": reverse("pwa:offline"),
        "staticPrefix": static(""),
        "icon": static("heartwork/icons/icon-192.png"),
        "leave": reverse("help:leave"),
    }
    source = f"self.HEARTWORK = {json.dumps(config)};\n" + WORKER_SOURCE.read_text()
    return HttpResponse(source, content_type="text/javascript")


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """The one page that is cached: nothing personal, no token. The worker fetches it
    without cookies, so only the browser's language can put a country's help first
    (heartwork.domain.help.HelpDirectory.country_for_languages); every country is listed."""
    directory = help_directory()
    first = directory.country_for_languages(request.headers.get("Accept-Language", ""))
    others = [country for country in directory.countries if country != first]
    response = render(
        request, "pwa/offline.html", {"directory": directory, "first": first, "others": others}
    )
    patch_vary_headers(response, ["Accept-Language"])
    return response


SHORTCUTS = {"prompt": "prompts:today", "thanks": "appreciation:home"}


@login_required
@require_GET
def shortcut(request: HttpRequest, where: str) -> HttpResponse:
    """A home-screen shortcut that needs a bond: straight there when there is one to go to,
    otherwise Today, which lists them."""
    if where not in SHORTCUTS:
        raise Http404
    active = [bond for bond in bonds_for_person(request.user) if bond.is_active]
    if len(active) == 1:
        return redirect(SHORTCUTS[where], bond_id=active[0].pk)
    return redirect("today:today")
