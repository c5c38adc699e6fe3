import copy
import datetime as dt
import zoneinfo

import pytest

from heartwork.domain.content_files import ContentError, read_content_json
from heartwork.domain.help import (
    LINE_KINDS,
    Contact,
    Piece,
    help_directory,
    parse_help_directory,
    tappable_pieces,
)


def test_shipped_directory_loads_and_covers_the_countries_people_come_from():
    directory = help_directory()
    codes = {c.code for c in directory.countries}
    assert {"US", "GB", "CA", "AU", "NZ", "IE", "DE", "IN", "JP"} <= codes
    assert directory.for_country("gb").name == "United Kingdom"
    assert directory.for_country("ZZ") is None


def test_every_shipped_line_can_be_rechecked_and_reached():
    for country in help_directory().countries:
        assert country.first_crisis_line() is not None, country.code
        assert any(line.kind == "abuse" for line in country.lines), country.code
        for line in country.lines:
            assert line.kind in LINE_KINDS
            assert line.source.startswith(("https://", "http://")), line.name
            assert line.checked <= dt.date.today()
            for contact in line.contacts:
                assert contact.href.startswith(("tel:", "sms:", "mailto:", "https://", "http://"))


def test_every_listed_time_zone_is_real():
    for country in help_directory().countries:
        for zone in country.time_zones:
            zoneinfo.ZoneInfo(zone)


@pytest.mark.parametrize(
    ("zone", "code"),
    [
        ("Europe/London", "GB"),
        ("America/New_York", "US"),
        ("Asia/Tokyo", "JP"),
        ("Australia/Perth", "AU"),
    ],
)
def test_a_time_zone_points_to_its_country(zone, code):
    assert help_directory().likely_country(zone).code == code


@pytest.mark.parametrize("zone", ["", None, "UTC", "Antarctica/Troll"])
def test_a_time_zone_we_do_not_list_points_nowhere(zone):
    assert help_directory().likely_country(zone) is None


def test_abuse_first_puts_abuse_lines_first_and_national_before_regional():
    gb = help_directory().for_country("GB")
    kinds = [line.kind for line in gb.abuse_first]
    assert kinds[0] == "abuse" and kinds.index("crisis") > kinds.index("abuse")
    assert gb.crisis_first[0].kind == "crisis" and not gb.crisis_first[0].region
    assert set(gb.abuse_first) == set(gb.lines) == set(gb.crisis_first)


@pytest.mark.parametrize(
    ("contact", "href", "label"),
    [
        (Contact("call", "116 123"), "tel:116123", "Call 116 123"),
        (Contact("call", "+44 20 7946 0000"), "tel:+442079460000", "Call +44 20 7946 0000"),
        (Contact("call", "#8008"), "tel:%238008", "Call #8008"),
        # A service code dials as written: its stars and hash are part of it.
        (Contact("call", "*120*7867#"), "tel:*120*7867%23", "Call *120*7867#"),
        (Contact("call", "*765"), "tel:*765", "Call *765"),
        (Contact("text", "85258", "SHOUT"), "sms:85258?body=SHOUT", "Text SHOUT to 85258"),
        (Contact("text", "741741"), "sms:741741", "Text 741741"),
        (
            Contact("whatsapp", "+55 61 99610-0180"),
            "https://wa.me/5561996100180",
            "WhatsApp +55 61 99610-0180",
        ),
        (Contact("email", "jo@example.org"), "mailto:jo@example.org", "E-mail jo@example.org"),
        (
            Contact("web", "https://www.example.org/help"),
            "https://www.example.org/help",
            "Visit example.org",
        ),
    ],
)
def test_each_contact_is_one_tap(contact, href, label):
    assert (contact.href, contact.label) == (href, label)


def test_a_line_unchecked_for_a_year_is_reported():
    directory = help_directory()
    assert directory.stale_entries(directory.oldest_check) == []
    later = directory.oldest_check + dt.timedelta(days=400)
    assert len(directory.stale_entries(later)) >= len(directory.countries)


def _shipped():
    return copy.deepcopy(read_content_json("help_resources.json"))


def _break(change):
    data = _shipped()
    change(data)
    return data


BREAKAGES = {
    "no countries": lambda d: d.update(countries=[]),
    "lowercase code": lambda d: d["countries"][0].update(code="us"),
    "repeated code": lambda d: d["countries"][1].update(code=d["countries"][0]["code"]),
    "zone in two countries": lambda d: d["countries"][1]["time_zones"].append(
        d["countries"][0]["time_zones"][0]
    ),
    "no crisis line": lambda d: d["countries"][0].update(
        lines=[ln for ln in d["countries"][0]["lines"] if ln["kind"] != "crisis"]
    ),
    "unknown kind": lambda d: d["countries"][0]["lines"][0].update(kind="other"),
    "no source": lambda d: d["countries"][0]["lines"][0].pop("source"),
    "source not a web address": lambda d: d["countries"][0]["lines"][0].update(
        source="a friend told me"
    ),
    "undated": lambda d: d["countries"][0]["lines"][0].update(checked="last spring"),
    "no contacts": lambda d: d["countries"][0]["lines"][0].update(contacts=[]),
    "number without digits": lambda d: d["countries"][0]["lines"][0]["contacts"][0].update(
        type="call", value="ring us"
    ),
    "unknown contact type": lambda d: d["countries"][0]["lines"][0]["contacts"][0].update(
        type="pigeon"
    ),
    "emergency without digits": lambda d: d["countries"][0].update(emergency="the police"),
    "elsewhere without directory": lambda d: d["elsewhere"].pop("directory_url"),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_bad_content_is_refused_with_a_clear_error(name):
    with pytest.raises(ContentError):
        parse_help_directory(_break(BREAKAGES[name]))


def links(pieces: tuple[Piece, ...]) -> list[tuple[str, str]]:
    return [(piece.text, piece.href) for piece in pieces if piece.href]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Call 15 for urgent medical help or 17 for the police.",
            [("15", "tel:15"), ("17", "tel:17")],
        ),
        ("dial 999, stay on the line, and press 55 when asked", [("999", "tel:999")]),
        ("24/7 (call 111 and choose option 2)", [("111", "tel:111")]),
        (
            "Call 113 if a life is at risk, or 116 117 for a doctor",
            [("113", "tel:113"), ("116 117", "tel:116117")],
        ),
        ("Text 999 if you registered", [("999", "sms:999")]),
        ("information line (1800 111 888)", [("1800 111 888", "tel:1800111888")]),
        ("SOS Mujeres *765", [("*765", "tel:*765")]),
        # Not numbers to call: a count, a sum, a time, a word, a site's name.
        ("Support in over 100 languages", []),
        ("Up to €50,000 a year", []),
        ("HOPELINE247, open 24/7", []),
        ("See 116111.no", [("116111.no", "https://116111.no")]),
        ("See galop.org.uk for hours", [("galop.org.uk", "https://galop.org.uk")]),
    ],
)
def test_numbers_and_sites_in_help_text_become_taps(text, expected):
    pieces = tappable_pieces(text, numbers=frozenset({"999", "765", "*765"}), sites={})
    assert links(pieces) == expected
    assert "".join(piece.text for piece in pieces) == text  # nothing lost or added


def test_a_number_the_country_lists_is_a_tap_wherever_it_is():
    us = help_directory().for_country("US")
    assert links(us.tappable("988 Suicide & Crisis Lifeline")) == [("988", "tel:988")]
    assert links(help_directory().for_country("IN").tappable("Women Helpline 181")) == [
        ("181", "tel:181")
    ]


def test_a_known_site_opens_its_own_address():
    us = help_directory().for_country("US")
    assert ("FindTreatment.gov", "https://findtreatment.gov") in links(
        us.tappable("SAMHSA National Helpline (1-800-662-4357) and FindTreatment.gov")
    )


def test_a_message_links_only_a_line_named_as_its_contact_is():
    directory = help_directory()
    line = "That sounds like a lot. Samaritans is there: call 116 123."
    assert links(directory.tappable_labels(line)) == [("call 116 123", "tel:116123")]
    # A number someone typed (a bond named "999 club") stays text.
    assert links(directory.tappable_labels("Shared with 999 club.")) == []


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("en-GB,en;q=0.9", "GB"),
        ("pt-BR", "BR"),
        ("en_au", "AU"),
        ("fr-CA;q=0.8, de-DE;q=0.9", "DE"),
        ("zh-Hant-TW, en-US;q=0.5", None),  # Taiwan is not listed: no guess, not the US
        ("de, en-US;q=0.7", None),  # a German reader names no country
        ("en", None),
        ("*", None),
        ("", None),
        (None, None),
        ("en-GB;q=nonsense, ja-JP;q=0.2", "JP"),
    ],
)
def test_the_browser_s_first_language_can_name_a_country(header, code):
    country = help_directory().country_for_languages(header)
    assert (country.code if country else None) == code
