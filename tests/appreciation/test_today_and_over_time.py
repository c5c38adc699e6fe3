"""The Today section (two queries), the gentle daily nudge, the bond card and the weekly chart."""

import datetime
import re

import time_machine
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from heartwork.appreciation import selectors, services
from heartwork.appreciation.models import Note, NudgeSetting
from heartwork.appreciation.today import today_context, waiting
from heartwork.bonds.services import bond_pause
from heartwork.domain.appreciation import SOLO_SUGGESTIONS, SUGGESTIONS

CANARY = "canary-today-3e9a1"
NOON = datetime.datetime(2026, 3, 4, 12, 0, tzinfo=datetime.UTC)  # a Wednesday


def render_section(section, person):
    request = RequestFactory().get("/today/")
    request.user = person
    html = render_to_string("appreciation/_today.html", {"section": section}, request=request)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_nothing_to_show_is_none_in_two_queries(charlie, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert today_context(charlie) is None


def test_two_queries_whatever_there_is(
    alice, bob, shared_bond, solo_bond, django_assert_num_queries
):
    note = services.note_send(sender=bob, bond=shared_bond, text=f"You sang {CANARY}")
    services.thank_you_send(
        person=alice,
        bond=shared_bond,
        note=services.note_send(sender=bob, bond=shared_bond, text="x"),
        reaction="thanks",
        text="",
    )
    mine = services.note_send(sender=alice, bond=shared_bond, text="You cooked.")
    services.thank_you_send(person=bob, bond=shared_bond, note=mine, reaction="hug", text="")
    # New notes and thank-yous are Today cards of their own (one each, said from her side).
    with django_assert_num_queries(2):
        cards = waiting(alice)
    assert [(c.text, c.url) for c in cards] == [
        (
            "Bob sent you a note of thanks.",
            reverse("appreciation:note", args=[shared_bond.pk, note.pk]),
        ),
        ("Bob answered your note.", reverse("appreciation:note", args=[shared_bond.pk, mine.pk])),
    ]
    assert all(c.bond_id == shared_bond.pk for c in cards)
    assert CANARY not in repr(cards)  # the text waits inside the note until it is opened
    with django_assert_num_queries(1):  # who is in each bond was read once, above
        assert today_context(alice) is None  # no nudge: she gave thanks today already


def test_several_new_notes_are_counted_and_link_to_the_newest(alice, bob, shared_bond):
    services.note_send(sender=bob, bond=shared_bond, text="one")
    newest = services.note_send(sender=bob, bond=shared_bond, text="two")
    Note.objects.filter(pk=newest.pk).update(
        created_at=timezone.now() + datetime.timedelta(seconds=5)
    )
    [new] = waiting(alice)
    assert new.text == "Bob sent you 2 notes of thanks."
    assert new.url == reverse("appreciation:note", args=[shared_bond.pk, newest.pk])


@time_machine.travel(NOON, tick=False)
def test_a_gentle_nudge_when_nothing_has_been_given_today(
    alice, bob, shared_bond, django_assert_num_queries
):
    with django_assert_num_queries(2):
        context = today_context(alice)
    nudge = context["nudge"]
    assert nudge.bond_id == shared_bond.pk and nudge.other_name == "Bob"
    assert nudge.suggestion in [s.format(name="Bob") for s in SUGGESTIONS]
    html = render_section(context, alice)
    assert "Write to Bob" in html and "Not today" in html
    for word in ("streak", "missed", "days in a row", "hasn't", "haven't", "didn't"):
        assert word not in html.lower()
    services.note_send(sender=alice, bond=shared_bond, text="You cooked on Tuesday.")
    assert today_context(alice) is None


@time_machine.travel(NOON, tick=False)
def test_the_nudge_never_tells_one_person_what_the_other_did_not_do(alice, bob, shared_bond):
    services.note_send(sender=bob, bond=shared_bond, text="You cooked.")
    Note.objects.update(read_at=timezone.now())
    before = render_section(today_context(alice), alice)
    Note.objects.all().delete()
    after = render_section(today_context(alice), alice)
    assert before == after  # what Bob did or didn't do changes nothing in Alice's nudge


@time_machine.travel(NOON, tick=False)
def test_not_today_rests_the_nudge_until_tomorrow(client, alice, bob, shared_bond):
    client.force_login(alice)
    response = client.post(
        reverse("appreciation:nudge", args=[shared_bond.pk]), {"choice": "today", "next": "/today/"}
    )
    assert response.status_code == 302 and response["Location"] == "/today/"
    assert today_context(alice) is None
    with time_machine.travel(NOON + datetime.timedelta(days=1), tick=False):
        assert today_context(alice)["nudge"] is not None


@time_machine.travel(NOON, tick=False)
def test_suggestions_can_be_turned_off_and_on_per_bond(client, alice, bob, shared_bond):
    client.force_login(alice)
    nudge_url = reverse("appreciation:nudge", args=[shared_bond.pk])
    client.post(nudge_url, {"choice": "off"})
    assert today_context(alice) is None
    assert (
        "Turn them back on"
        in client.get(reverse("appreciation:home", args=[shared_bond.pk])).content.decode()
    )
    client.post(nudge_url, {"choice": "on"})
    assert today_context(alice)["nudge"] is not None
    response = client.post(nudge_url, {"choice": "sometimes"}, follow=True)
    assert "isn&#x27;t one of the choices" in response.content.decode()
    assert NudgeSetting.objects.get().off is False


def test_the_nudge_never_redirects_off_site(client, alice, bob, shared_bond):
    client.force_login(alice)
    response = client.post(
        reverse("appreciation:nudge", args=[shared_bond.pk]),
        {"choice": "today", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("appreciation:home", args=[shared_bond.pk])


@time_machine.travel(NOON, tick=False)
def test_a_solo_bond_is_nudged_toward_the_private_list(alice, solo_bond):
    nudge = today_context(alice)["nudge"]
    assert nudge.solo and nudge.suggestion in [s.format(name="Mum") for s in SOLO_SUGGESTIONS]
    assert reverse("appreciation:list", args=[solo_bond.pk]) in render_section(
        today_context(alice), alice
    )


@time_machine.travel(NOON, tick=False)
def test_no_nudge_for_a_paused_bond(alice, bob, shared_bond):
    bond_pause(person=bob, bond=shared_bond)
    assert today_context(alice) is None


def test_the_day_follows_the_persons_own_clock(alice, bob, shared_bond):
    alice.time_zone = "Pacific/Auckland"
    alice.save()
    # 11:30 UTC on the 4th is already the 5th in Auckland: a note at 09:00 UTC was
    # "yesterday" for her.
    with time_machine.travel(datetime.datetime(2026, 3, 4, 9, 0, tzinfo=datetime.UTC), tick=False):
        services.note_send(sender=alice, bond=shared_bond, text="You cooked.")
    with time_machine.travel(
        datetime.datetime(2026, 3, 4, 11, 30, tzinfo=datetime.UTC), tick=False
    ):
        assert today_context(alice)["nudge"] is not None


def test_the_bond_card_links_to_every_page_without_a_query(shared_bond, django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("appreciation/_bond.html", {"bond": shared_bond})
    for name in ("home", "list", "over_time"):
        assert reverse(f"appreciation:{name}", args=[shared_bond.pk]) in html
    assert "Write a note" in html


def test_the_home_page_shows_new_notes_for_this_bond_only(
    client, alice, bob, shared_bond, solo_bond
):
    services.note_send(sender=bob, bond=shared_bond, text="hello")
    client.force_login(alice)
    assert (
        "sent you a note of thanks"
        in client.get(reverse("appreciation:home", args=[shared_bond.pk])).content.decode()
    )
    assert (
        "sent you a note of thanks"
        not in client.get(reverse("appreciation:home", args=[solo_bond.pk])).content.decode()
    )


@time_machine.travel(NOON, tick=False)
def test_weeks_count_given_and_received_in_this_bond_only(
    client, alice, bob, shared_bond, solo_bond
):
    def sent(sender, days_ago, bond=shared_bond):
        note = services.note_send(sender=sender, bond=bond, text="You cooked.")
        Note.objects.filter(pk=note.pk).update(created_at=NOON - datetime.timedelta(days=days_ago))

    sent(alice, 0)
    sent(alice, 1)
    sent(bob, 0)
    sent(bob, 8)
    sent(bob, 7 * 20)  # long ago: outside the 12 weeks
    weeks = selectors.weeks_for(alice, shared_bond)
    assert len(weeks) == 12 and weeks[-1].start == datetime.date(2026, 3, 2)
    assert (weeks[-1].given, weeks[-1].received) == (2, 1)
    assert (weeks[-2].given, weeks[-2].received) == (0, 1)
    assert sum(w.given + w.received for w in weeks) == 4
    bobs = selectors.weeks_for(bob, shared_bond)
    assert (bobs[-1].given, bobs[-1].received) == (1, 2)  # the same notes, seen from his side

    client.force_login(alice)
    body = client.get(reverse("appreciation:over_time", args=[shared_bond.pk])).content.decode()
    assert (
        'role="img"' in body
        and "<table" in body
        and '<th scope="row">2 Mar</th><td>2</td><td>1</td>' in body
    )
    assert body.count('class="bar given"') == 1 and body.count('class="bar received"') == 2
    for word in ("score", "points", "behind", "only you", "more than", "fewer than"):
        assert word not in body.lower().replace("not a score", "")
    empty = client.get(reverse("appreciation:over_time", args=[solo_bond.pk])).content.decode()
    assert "Nothing here yet" in empty


def test_the_today_page_shows_a_new_note_without_its_words(client, alice, bob, shared_bond):
    services.note_send(sender=bob, bond=shared_bond, text=f"You sang {CANARY} on Sunday.")
    client.force_login(alice)
    page = client.get(reverse("today:today")).content.decode()
    assert "Bob sent you a note of thanks." in page
    assert CANARY not in page


def test_the_bond_page_links_to_notes_in_every_state(client, alice, bob, shared_bond):
    client.force_login(alice)
    assert (
        reverse("appreciation:list", args=[shared_bond.pk])
        in client.get(reverse("bonds:detail", args=[shared_bond.pk])).content.decode()
    )
    bond_pause(person=alice, bond=shared_bond)
    page = client.get(reverse("bonds:detail", args=[shared_bond.pk])).content.decode()
    assert (
        reverse("appreciation:list", args=[shared_bond.pk]) in page and "Write a note" not in page
    )
