"""Every help number is one tap away: on every page that mentions help, no phone number is
left as bare text outside a link (a call, a text, or the site it names).

The pages: Help (for every country, and for nobody in particular), staying safe, the page
someone in danger is taken to (for each kind of danger), the safety check's answer, the
offline page, the gentle line after a heavy check-in, and every other page of the app as
one member of a bond sees it (for "call 123"-style text).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from heartwork.domain.help import dial_string, help_directory
from heartwork.safety.routing import SESSION_KEY
from tests.urlwalk import all_routes

# A phone number as a reader would see one: two or more digits, perhaps in groups, perhaps
# with a leading + * or #, not part of a word, a date, a time, a sum or a fraction.
NUMBER = re.compile(r"(?<![\w/€$£.,:+*#-])[+*#]?\d(?:[ -]?[\d*])+#?(?![\w/:]|[.,]\w)")
# "Call 123", "text 85258", "dial 079": a number asked to be rung, wherever it is.
ASKED = re.compile(
    r"\b(?:call|dial|text|ring|phone)\s+(?:us\s+)?(?:on\s+)?[+*#]?\d[\d -]*\d(?![\w:])", re.I
)
# Counts and sums that sit beside numbers in help text, and are not for dialling.
NOT_PHONE = re.compile(r"^\s*(?:languages|of 100|per cent|%)", re.I)
A_DATE = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+$"
)


class TextOutsideLinks(HTMLParser):
    SKIP = {"a", "script", "style", "title", "option", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth: dict[str, int] = dict.fromkeys(self.SKIP, 0)
        self.runs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.depth:
            self.depth[tag] += 1

    def handle_endtag(self, tag) -> None:
        if self.depth.get(tag):
            self.depth[tag] -= 1

    def handle_data(self, data) -> None:
        if not any(self.depth.values()):
            self.runs.append(data)


def bare_numbers(html: str, *, broad: bool = True) -> list[str]:
    """Phone numbers left as text outside any link (``broad``: anything number-like the
    directory lists or that has three digits or more; otherwise only "call 123" text)."""
    parser = TextOutsideLinks()
    parser.feed(html)
    text = " ".join(parser.runs)
    found = [m.group() for m in ASKED.finditer(text)]
    if broad:
        listed = {n.strip("+*#") for n in help_directory().numbers}
        for match in NUMBER.finditer(text):
            digits = dial_string(match.group()).strip("+*#")
            if NOT_PHONE.match(text[match.end() :]) or A_DATE.search(text[: match.start()]):
                continue
            if digits in listed or len(digits) >= 3:
                found.append(text[max(0, match.start() - 30) : match.end() + 10])
    return found


def page(client: Client, url: str, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response.content.decode()


COUNTRIES = [country.code for country in help_directory().countries]


@pytest.mark.parametrize("code", COUNTRIES)
def test_every_country_s_help_numbers_are_taps(client, db, code):
    html = page(client, reverse("help:help") + f"?country={code}")
    assert bare_numbers(html) == [], code


def test_help_for_nobody_in_particular_and_staying_safe(client, db):
    for url in (reverse("help:help"), reverse("help:safety")):
        assert bare_numbers(page(client, url)) == [], url


@pytest.mark.parametrize("kinds", [[], ["self_harm"], ["violence"], ["coercive_control"]])
@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York", "Europe/Oslo"])
def test_the_page_for_someone_in_danger(client, alice, kinds, zone):
    alice.time_zone = zone
    alice.save()
    client.force_login(alice)
    session = client.session
    session[SESSION_KEY] = kinds
    session.save()
    assert bare_numbers(page(client, reverse("safety:for_you"))) == []


def test_the_safety_check_s_answer(client, alice, shared_bond):
    client.force_login(alice)
    answers = {"fear": "more", "hurt": "once-or-twice", "control": "more", "safe_now": "unsure"}
    response = client.post(reverse("safety:check", args=[shared_bond.pk]), answers)
    html = response.content.decode()
    assert "Domestic Abuse Helpline" in html
    assert bare_numbers(html) == []


@pytest.mark.parametrize("language", ["", "en-GB", "en-US,en;q=0.8", "de-DE", "ja-JP"])
def test_the_offline_page(client, db, language):
    html = page(client, reverse("pwa:offline"), HTTP_ACCEPT_LANGUAGE=language)
    assert 'href="tel:' in html
    assert bare_numbers(html) == [], language


def test_the_offline_page_puts_the_browser_s_country_first(client, db):
    html = page(client, reverse("pwa:offline"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert html.index("United Kingdom") < html.index("Other countries") < html.index("Australia")
    assert "Accept-Language" in client.get(reverse("pwa:offline"))["Vary"]


def test_the_gentle_line_after_a_heavy_check_in(client, alice):
    client.force_login(alice)
    response = client.post(
        reverse("checkins:new"),
        {"feelings": ["hopeless"], "intensity": "5", "note": "", "share_with": ""},
        follow=True,
    )
    html = response.content.decode()
    assert 'Samaritans is there: <a class="tappable" href="tel:116123">call 116 123</a>' in html
    messages = re.search(r'<div class="messages".*?</div>', html, re.S)
    assert messages and bare_numbers(messages.group()) == []
    assert bare_numbers(html, broad=False) == []  # (the page's calendar holds day numbers)


def test_help_comes_first_for_a_visitor_s_country_by_their_browser(client, db):
    html = page(client, reverse("help:help"), HTTP_ACCEPT_LANGUAGE="en-AU,en;q=0.9")
    assert "People to talk to in Australia" in html


def test_no_page_asks_for_a_number_to_be_called_without_a_link(client, alice, shared_bond):
    client.force_login(alice)
    walked = 0
    for route in all_routes():
        if route.kwargs not in ((), ("bond_id",)) or route.name == "help:leave":
            continue
        kwargs = {"bond_id": shared_bond.pk} if route.kwargs else {}
        response = client.get(reverse(route.name, kwargs=kwargs))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        assert bare_numbers(response.content.decode(), broad=False) == [], route.name
        walked += 1
    assert walked >= 30
