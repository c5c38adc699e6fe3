"""Crisis lines and help resources, loaded from a versioned data file and validated."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from heartwork.domain.content_files import ContentError, read_content_json


@dataclass(frozen=True, slots=True)
class HelpLine:
    name: str
    contact: str
    serves: str
    hours: str


@dataclass(frozen=True, slots=True)
class CountryHelp:
    code: str
    name: str
    emergency: str
    lines: tuple[HelpLine, ...]


@dataclass(frozen=True, slots=True)
class HelpDirectory:
    verified_on: str
    countries: tuple[CountryHelp, ...]
    elsewhere_emergency: str
    elsewhere_directory: str

    def for_country(self, code: str | None) -> CountryHelp | None:
        code = (code or "").upper()
        return next((c for c in self.countries if c.code == code), None)


def _require(mapping: dict, key: str, where: str) -> str:
    value = mapping.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: '{key}' must be a non-empty string")
    return value


def parse_help_directory(data: dict) -> HelpDirectory:
    countries = []
    seen: set[str] = set()
    for index, raw in enumerate(data.get("countries", [])):
        where = f"countries[{index}]"
        code = _require(raw, "code", where)
        if len(code) != 2 or not code.isupper() or code in seen:
            raise ContentError(f"{where}: code {code!r} must be a unique two-letter country code")
        seen.add(code)
        lines = tuple(
            HelpLine(
                name=_require(line, "name", f"{where}.lines[{i}]"),
                contact=_require(line, "contact", f"{where}.lines[{i}]"),
                serves=_require(line, "for", f"{where}.lines[{i}]"),
                hours=_require(line, "hours", f"{where}.lines[{i}]"),
            )
            for i, line in enumerate(raw.get("lines", []))
        )
        if not lines:
            raise ContentError(f"{where}: a country needs at least one line")
        countries.append(
            CountryHelp(code=code, name=_require(raw, "name", where), emergency=_require(raw, "emergency", where), lines=lines)
        )
    if not countries:
        raise ContentError("help resources list no countries")
    elsewhere = data.get("elsewhere", {})
    return HelpDirectory(
        verified_on=_require(data, "verified_on", "help resources"),
        countries=tuple(sorted(countries, key=lambda c: c.name)),
        elsewhere_emergency=_require(elsewhere, "emergency", "elsewhere"),
        elsewhere_directory=_require(elsewhere, "directory", "elsewhere"),
    )


@cache
def help_directory() -> HelpDirectory:
    return parse_help_directory(read_content_json("help_resources.json"))
