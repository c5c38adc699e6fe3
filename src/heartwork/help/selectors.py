"""Which country's help comes first for the person in front of us."""

from __future__ import annotations

from django.http import HttpRequest

from heartwork.domain.help import CountryHelp, help_directory


def likely_country(request: HttpRequest, *, chosen: str | None = None) -> CountryHelp | None:
    """The country to put first: the one chosen on the page; else the signed-in person's
    time zone's; else the browser's first language's ("en-GB"). A guess to put the nearest
    help first, never a gate. A country chosen but not listed gives none, so the page
    lists them all rather than guessing past what someone asked for."""
    directory = help_directory()
    if chosen:
        return directory.for_country(chosen)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        country = directory.likely_country(getattr(user, "time_zone", ""))
        if country is not None:
            return country
    return directory.country_for_languages(request.headers.get("Accept-Language", ""))
