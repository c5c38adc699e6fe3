"""Crisis lines, abuse lines and ways to find a counsellor, from a versioned data file.

Every line names the page it was checked against and the day it was checked, so a
maintainer can re-check it; `stale_entries` lists what has gone unchecked for a year
(the help app turns that into a system-check warning). Every contact becomes a link a
person can tap: a call, a text (with its keyword), WhatsApp, email or a website.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import quote, urlsplit

from heartwork.domain.content_files import ContentError, read_content_json

LINE_KINDS = ("crisis", "abuse", "young", "men", "lgbt")
CONTACT_TYPES = ("call", "text", "whatsapp", "email", "web")
# Lines unchecked for longer than this are reported so someone re-checks them.
RECHECK_AFTER = dt.timedelta(days=365)


def dial_string(number: str) -> str:
    """A number as a phone dials it: its digits, a leading + (international), and any * or
    # (short codes and service codes, like Japan's #8008 or South Africa's *120*7867#)."""
    kept = re.sub(r"[^\d*#+]", "", number)
    return kept[:1] + kept[1:].replace("+", "")


def tel_href(dial: str) -> str:
    # "#" would start a fragment, so it is escaped; "*" and a leading "+" are allowed.
    return f"tel:{quote(dial, safe='+*')}"


def sms_href(dial: str) -> str:
    return f"sms:{quote(dial, safe='+*')}"


@dataclass(frozen=True, slots=True)
class Contact:
    type: str
    value: str
    keyword: str = ""

    @property
    def dial(self) -> str:
        """The number as a phone dials it (see `dial_string`)."""
        return dial_string(self.value)

    @property
    def href(self) -> str:
        if self.type == "call":
            return tel_href(self.dial)
        if self.type == "text":
            body = f"?body={quote(self.keyword)}" if self.keyword else ""
            return f"{sms_href(self.dial)}{body}"
        if self.type == "whatsapp":
            return f"https://wa.me/{self.dial.lstrip('+')}"
        if self.type == "email":
            return f"mailto:{self.value}"
        return self.value

    @property
    def label(self) -> str:
        if self.type == "call":
            return f"Call {self.value}"
        if self.type == "text":
            return f"Text {self.keyword} to {self.value}" if self.keyword else f"Text {self.value}"
        if self.type == "whatsapp":
            return f"WhatsApp {self.value}"
        if self.type == "email":
            return f"E-mail {self.value}"
        return f"Visit {_site_name(self.value)}"


@dataclass(frozen=True, slots=True)
class HelpLine:
    name: str
    kind: str
    serves: str
    hours: str
    region: str
    contacts: tuple[Contact, ...]
    source: str
    checked: dt.date

    def first_contact_text(self) -> str:
        """The first way to reach the line, to end a sentence ("… is there: call 116 123")."""
        label = self.contacts[0].label
        return label[:1].lower() + label[1:]


@dataclass(frozen=True, slots=True)
class TherapyRoute:
    name: str
    serves: str
    cost: str
    url: str
    source: str
    checked: dt.date

    @property
    def site(self) -> str:
        return _site_name(self.url)


@dataclass(frozen=True, slots=True)
class CountryHelp:
    code: str
    name: str
    emergency: str
    emergency_note: str
    time_zones: tuple[str, ...]
    lines: tuple[HelpLine, ...]
    therapy: tuple[TherapyRoute, ...]

    @property
    def emergency_dial(self) -> str:
        """The first number in `emergency` ("112 or 999" dials 112)."""
        match = re.search(r"\d+", self.emergency)
        return match.group(0) if match else ""

    @property
    def crisis_first(self) -> tuple[HelpLine, ...]:
        return self._ordered(("crisis", "abuse"))

    @property
    def abuse_first(self) -> tuple[HelpLine, ...]:
        return self._ordered(("abuse", "crisis"))

    def first_crisis_line(self) -> HelpLine | None:
        return next((line for line in self.lines if line.kind == "crisis"), None)

    @property
    def numbers(self) -> frozenset[str]:
        """Every number this country's entry gives: the emergency numbers and each line's."""
        found = {dial_string(run) for run in _NUMBER.findall(self.emergency)}
        found.update(contact.dial for line in self.lines for contact in _phone_contacts(line))
        return frozenset(found)

    @property
    def sites(self) -> dict[str, str]:
        """The web addresses its lines and routes give, by host name (without www.)."""
        urls = [c.value for line in self.lines for c in line.contacts if c.type == "web"]
        urls += [route.url for route in self.therapy]
        return {_site_name(url).lower(): url for url in urls}

    def tappable(self, text: str) -> tuple[Piece, ...]:
        """``text`` (a line's name, hours or a note) with every number and site in it made
        something to tap (see `tappable_pieces`)."""
        return tappable_pieces(text, numbers=self.numbers, sites=self.sites)

    def _ordered(self, leading: tuple[str, ...]) -> tuple[HelpLine, ...]:
        """The leading kinds in the order given, national lines before regional ones,
        then every other line as the file lists it."""

        def rank(line: HelpLine) -> tuple[int, int]:
            kind_rank = leading.index(line.kind) if line.kind in leading else len(leading)
            return (kind_rank, 1 if line.region else 0)

        return tuple(sorted(self.lines, key=rank))


@dataclass(frozen=True, slots=True)
class Elsewhere:
    emergency: str
    directory_name: str
    directory_url: str
    source: str
    checked: dt.date


@dataclass(frozen=True, slots=True)
class HelpDirectory:
    countries: tuple[CountryHelp, ...]
    elsewhere: Elsewhere

    def for_country(self, code: str | None) -> CountryHelp | None:
        code = (code or "").upper()
        return next((c for c in self.countries if c.code == code), None)

    def likely_country(self, time_zone: str | None) -> CountryHelp | None:
        """The country a person's time zone points to, if it points to one we list.
        A guess to put the nearest help first, never a gate: every country stays listed."""
        return next((c for c in self.countries if time_zone and time_zone in c.time_zones), None)

    def country_for_languages(self, accept_language: str | None) -> CountryHelp | None:
        """The country named by the browser's first language choice ("en-GB" is the United
        Kingdom), for someone whose time zone we don't know. Only the first choice counts,
        and only with a country in it: "de, en-US" is a German reader, not an American, and
        "de" alone names no country, so no guess is better than a wrong one."""
        first = _first_language(accept_language or "")
        parts = first.replace("_", "-").split("-")
        region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), "")
        return self.for_country(region) if region else None

    @property
    def numbers(self) -> frozenset[str]:
        """Every number the directory gives, in any country."""
        return frozenset(n for country in self.countries for n in country.numbers)

    def tappable(self, text: str) -> tuple[Piece, ...]:
        """Text about no one country (the "somewhere else" line): any listed number in it."""
        return tappable_pieces(text, numbers=self.numbers, sites={})

    def tappable_labels(self, text: str) -> tuple[Piece, ...]:
        """A message of ours that names a line the way its contact does ("… Samaritans is
        there: call 116 123"): that phrase, and only that, becomes something to tap. Used on
        messages, which can quote what a person named something, so nothing looser."""
        labels = {
            contact.label.lower(): contact.href
            for country in self.countries
            for line in country.lines
            for contact in _phone_contacts(line)
        }
        if not labels:
            return (Piece(text),)
        pattern = re.compile(
            "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True)),
            re.IGNORECASE,
        )
        return _split(
            text, [(m.start(), m.end(), labels[m.group().lower()]) for m in pattern.finditer(text)]
        )

    @property
    def oldest_check(self) -> dt.date:
        return min(date for date, _ in self._checked_entries())

    def stale_entries(self, today: dt.date) -> list[str]:
        """Names of every line or route whose last check is more than a year old."""
        return [name for date, name in self._checked_entries() if today - date > RECHECK_AFTER]

    def _checked_entries(self) -> Iterable[tuple[dt.date, str]]:
        yield self.elsewhere.checked, self.elsewhere.directory_name
        for country in self.countries:
            for line in country.lines:
                yield line.checked, f"{country.code}: {line.name}"
            for route in country.therapy:
                yield route.checked, f"{country.code}: {route.name}"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of help text: plain, or (with ``href``) a number or site to tap."""

    text: str
    href: str = ""


# A run of digits that could be a phone number: digits with single spaces or dashes between
# them, perhaps a leading + * or #; never part of a word ("HOPELINE247"), a fraction
# ("24/7"), a sum ("€50,000") or a web address ("116111.no").
_NUMBER = re.compile(r"(?<![\w/€$£.,+*#-])[+*#]?\d(?:[ -]?[\d*])*#?(?![\w/]|[.,]\w)")
# A web address written without its scheme: "FindTreatment.gov", "YourMentalHealth.ie".
_SITE = re.compile(r"(?<![\w@/.-])(?:[a-z0-9][a-z0-9-]*\.)+[a-z]{2,}(?![\w/-])", re.IGNORECASE)
# Words that make a number after them one to dial ("call 15 … or 17 for the police",
# "information line (1800 111 888)", "find one via 1177")…
_CALL_WORDS = re.compile(
    r"\b(?:call|dial|text|ring|phone|line|helpline|hotline|lifeline|via)\b", re.IGNORECASE
)
# …unless it is a key to press once through ("press 55", "option 2").
_NOT_DIALLED_AFTER = frozenset({"press", "option", "extension", "ext"})


def tappable_pieces(
    text: str, *, numbers: frozenset[str], sites: dict[str, str]
) -> tuple[Piece, ...]:
    """``text`` cut into plain runs and runs to tap.

    A number is to tap when it is one the directory lists (``numbers``, compared as dialled)
    or when the sentence asks for it to be called ("call 15 for urgent medical help or 17
    for the police"); after "text" it opens a message instead of a call. A web address
    written without its scheme ("see galop.org.uk") opens that site: the address ``sites``
    gives for it, or its home page. Anything else stays text: "over 100 languages" is not
    a number to call. The help directory is the project's own, checked text; this is not
    for anything a person wrote.
    """
    found: list[tuple[int, int, str]] = []
    for match in _NUMBER.finditer(text):
        dial = dial_string(match.group())
        before = re.split(r"[.;!?]\s", text[: match.start()])[-1]
        words = re.findall(r"[\w']+", before.lower())
        asked = bool(_CALL_WORDS.search(before)) and not (words and words[-1] in _NOT_DIALLED_AFTER)
        if dial in numbers or (asked and len(dial.strip("+*#")) >= 2):
            href = sms_href(dial) if words and words[-1] == "text" else tel_href(dial)
            found.append((match.start(), match.end(), href))
    for match in _SITE.finditer(text):
        host = match.group().lower().removeprefix("www.")
        url = sites.get(host, f"https://{match.group()}")
        if not any(start < match.end() and match.start() < end for start, end, _ in found):
            found.append((match.start(), match.end(), url))
    return _split(text, found)


def _split(text: str, spans: list[tuple[int, int, str]]) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    at = 0
    for start, end, href in sorted(spans):
        if start < at:
            continue  # overlapping: the first one found wins
        if start > at:
            pieces.append(Piece(text[at:start]))
        pieces.append(Piece(text[start:end], href))
        at = end
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return tuple(pieces)


def _phone_contacts(line: HelpLine) -> tuple[Contact, ...]:
    return tuple(c for c in line.contacts if c.type in ("call", "text"))


def _first_language(accept_language: str) -> str:
    """The browser's most preferred language (highest q; the first among equals)."""
    best, best_q = "", -1.0
    for entry in accept_language.split(",")[:20]:
        tag, _, params = entry.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if tag.strip() and tag.strip() != "*" and q > best_q:
            best, best_q = tag.strip(), q
    return best


def _site_name(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


# --- parsing: refuse anything the pages could not show correctly ---


def _text(mapping: dict[str, Any], key: str, where: str, *, optional: bool = False) -> str:
    value = mapping.get(key, "" if optional else None)
    if not isinstance(value, str) or (not optional and not value.strip()):
        raise ContentError(f"{where}: '{key}' must be a non-empty string")
    return value.strip()


def _url(mapping: dict[str, Any], key: str, where: str) -> str:
    value = _text(mapping, key, where)
    if urlsplit(value).scheme not in ("http", "https") or not urlsplit(value).hostname:
        raise ContentError(f"{where}: '{key}' must be a web address, not {value!r}")
    return value


def _date(mapping: dict[str, Any], key: str, where: str) -> dt.date:
    value = _text(mapping, key, where)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ContentError(f"{where}: '{key}' must be a date like 2026-12-02") from None


def _contact(raw: dict[str, Any], where: str) -> Contact:
    kind = _text(raw, "type", where)
    if kind not in CONTACT_TYPES:
        raise ContentError(f"{where}: contact type {kind!r} is not one of {CONTACT_TYPES}")
    value = _url(raw, "value", where) if kind == "web" else _text(raw, "value", where)
    contact = Contact(type=kind, value=value, keyword=_text(raw, "keyword", where, optional=True))
    if kind in ("call", "text", "whatsapp") and not re.search(r"\d{3}", contact.dial):
        raise ContentError(f"{where}: {value!r} is not a number a phone can dial")
    if kind == "email" and "@" not in value:
        raise ContentError(f"{where}: {value!r} is not an email address")
    return contact


def _line(raw: dict[str, Any], where: str) -> HelpLine:
    kind = _text(raw, "kind", where)
    if kind not in LINE_KINDS:
        raise ContentError(f"{where}: kind {kind!r} is not one of {LINE_KINDS}")
    contacts = tuple(
        _contact(c, f"{where}.contacts[{i}]") for i, c in enumerate(raw.get("contacts", []))
    )
    if not contacts:
        raise ContentError(f"{where}: a line needs at least one way to reach it")
    return HelpLine(
        name=_text(raw, "name", where),
        kind=kind,
        serves=_text(raw, "serves", where),
        hours=_text(raw, "hours", where),
        region=_text(raw, "region", where, optional=True),
        contacts=contacts,
        source=_url(raw, "source", where),
        checked=_date(raw, "checked", where),
    )


def _therapy(raw: dict[str, Any], where: str) -> TherapyRoute:
    return TherapyRoute(
        name=_text(raw, "name", where),
        serves=_text(raw, "serves", where),
        cost=_text(raw, "cost", where),
        url=_url(raw, "url", where),
        source=_url(raw, "source", where),
        checked=_date(raw, "checked", where),
    )


def _country(raw: dict[str, Any], where: str) -> CountryHelp:
    code = _text(raw, "code", where)
    if len(code) != 2 or not code.isalpha() or not code.isupper():
        raise ContentError(f"{where}: code {code!r} must be a two-letter country code in capitals")
    lines = tuple(_line(line, f"{where}.lines[{i}]") for i, line in enumerate(raw.get("lines", [])))
    if not any(line.kind == "crisis" for line in lines):
        raise ContentError(f"{where}: a country needs at least one crisis line")
    country = CountryHelp(
        code=code,
        name=_text(raw, "name", where),
        emergency=_text(raw, "emergency", where),
        emergency_note=_text(raw, "emergency_note", where, optional=True),
        time_zones=tuple(raw.get("time_zones", [])),
        lines=lines,
        therapy=tuple(
            _therapy(t, f"{where}.therapy[{i}]") for i, t in enumerate(raw.get("therapy", []))
        ),
    )
    if not country.emergency_dial:
        raise ContentError(f"{where}: the emergency number has no digits to dial")
    return country


def parse_help_directory(data: dict[str, Any]) -> HelpDirectory:
    countries = [
        _country(raw, f"countries[{i}]") for i, raw in enumerate(data.get("countries", []))
    ]
    if not countries:
        raise ContentError("help resources list no countries")
    _refuse_repeats([c.code for c in countries], "country code")
    _refuse_repeats([zone for c in countries for zone in c.time_zones], "time zone")
    elsewhere = data.get("elsewhere", {})
    return HelpDirectory(
        countries=tuple(sorted(countries, key=lambda c: c.name)),
        elsewhere=Elsewhere(
            emergency=_text(elsewhere, "emergency", "elsewhere"),
            directory_name=_text(elsewhere, "directory_name", "elsewhere"),
            directory_url=_url(elsewhere, "directory_url", "elsewhere"),
            source=_url(elsewhere, "source", "elsewhere"),
            checked=_date(elsewhere, "checked", "elsewhere"),
        ),
    )


def _refuse_repeats(values: list[str], what: str) -> None:
    repeated = sorted({v for v in values if values.count(v) > 1})
    if repeated:
        raise ContentError(f"each {what} may belong to one country only: {', '.join(repeated)}")


@cache
def help_directory() -> HelpDirectory:
    return parse_help_directory(read_content_json("help_resources.json"))
