"""The Today page: a first run one step at a time, one card per waiting thing (most
important first, said from the viewer's side), ended bonds folded away, and the live poll."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from heartwork.appreciation import services as appreciation
from heartwork.bonds.models import Bond
from heartwork.bonds.services import bond_leave, invite_create
from heartwork.checkins.services import acknowledge, checkin_record
from heartwork.conflict.models import Message
from heartwork.core.live import live_token
from heartwork.domain.bonds import BondKind
from heartwork.prompts import services as prompts
from tests.conftest import join


@pytest.fixture(autouse=True)
def _a_morning():
    """Before evening for the people whose Today these tests read (Alice in London at
    10:00, Bob in New York at 05:00): from 17:00 their evening check-in joins Today."""
    with time_machine.travel(datetime.datetime(2026, 5, 14, 9, 0, tzinfo=datetime.UTC)):
        yield


def today(client) -> str:
    return client.get(reverse("today:today")).content.decode()


def test_the_first_run_asks_one_thing_at_a_time(client, alice):
    client.force_login(alice)
    page = today(client)
    assert "Who would you like to feel closer to?" in page
    assert f'action="{reverse("bonds:new")}"' in page  # the first step is right here
    response = client.post(
        reverse("bonds:new"), {"name": "Sam", "kind": "friend", "submission": "k1"}
    )
    bond = Bond.objects.get()
    assert response.url == reverse("bonds:detail", args=[bond.pk])
    page = today(client)
    assert "Invite them to Sam" in page and "Start alone with today's prompt" in page
    assert "Who would you like to feel closer to?" not in page
    invite_create(person=alice, bond=bond)
    page = today(client)
    assert "While your invite is on its way" in page
    assert reverse("prompts:today", args=[bond.pk]) in page


def test_not_now_stops_asking_to_invite_for_that_bond_only(client, alice, bob):
    from heartwork.bonds.services import bond_create

    client.force_login(alice)
    sam = bond_create(person=alice, name="Sam", kind=BondKind.FRIEND)
    page = today(client)
    not_now = reverse("bonds:invite_not_now", args=[sam.pk])
    assert "Invite them to Sam" in page and f'action="{not_now}"' in page
    response = client.post(not_now, follow=True)
    page = response.content.decode()
    assert "just you for now" in page and "Invite them to Sam" not in page
    assert 'class="card first-run"' not in page
    assert reverse("prompts:today", args=[sam.pk]) in page  # starting alone is right here
    assert "Invite them to Sam" not in today(client)  # and stays so on the next visit
    detail = client.get(reverse("bonds:detail", args=[sam.pk])).content.decode()
    assert "Make an invite link" in detail  # inviting is still one tap away
    # Remembered for this person in this bond only: a new bond is asked about again.
    bond_create(person=alice, name="Mum", kind=BondKind.FAMILY)
    assert "Invite them to Mum" in today(client)
    # Nothing about it reaches anyone else: a stranger can't say it for Alice.
    client.force_login(bob)
    assert client.post(not_now).status_code == 404


def test_a_bond_of_two_leaves_the_first_run_behind(client, alice, shared_bond):
    client.force_login(alice)
    page = today(client)
    assert 'class="card first-run"' not in page
    assert "Nothing is waiting for you. A quiet day is fine." in page
    assert "All caught up" in page


def test_one_card_per_thing_said_from_my_side_most_important_first(client, alice, bob, shared_bond):
    round_ = prompts.round_for_today(bond=shared_bond)
    prompts.answer_submit(person=bob, bond=shared_bond, round_=round_, text="Bob's answer")
    checkin_record(person=bob, feelings=["hopeful"], intensity=2, note="", share_with=shared_bond)
    appreciation.note_send(sender=bob, bond=shared_bond, text="Thank you for the soup.")
    client.force_login(alice)
    page = today(client)
    feeling = page.index("Bob shared how they feel: hopeful.")
    prompt = page.index("Bob answered today&#x27;s prompt. Your turn")
    note = page.index("Bob sent you a note of thanks.")
    assert feeling < prompt < note
    assert page.count('<li class="card waiting') == 3
    assert "Bob&#x27;s answer" not in page  # the reveal rule still holds


def test_a_reply_to_my_check_in_shows_on_my_today(client, alice, bob, shared_bond):
    mine = checkin_record(
        person=alice, feelings=["tired"], intensity=3, note="", share_with=shared_bond
    )
    acknowledge(person=bob, checkin=mine, phrase="", reply="Want a walk later?")
    client.force_login(alice)
    page = today(client)
    assert "Bob replied to your check-in." in page and "Want a walk later?" in page
    assert 'dir="auto"' in page


def test_revealed_answers_are_a_card_for_whoever_answered_first(client, alice, bob, shared_bond):
    round_ = prompts.round_for_today(bond=shared_bond)
    prompts.answer_submit(person=alice, bond=shared_bond, round_=round_, text="first")
    prompts.answer_submit(person=bob, bond=shared_bond, round_=round_, text="second")
    client.force_login(alice)
    assert "Bob answered too: your answers to today&#x27;s prompt are open." in today(client)
    client.force_login(bob)
    assert "answers to today&#x27;s prompt are open" not in today(client)


def test_ended_bonds_are_folded_away(client, alice, bob, shared_bond):
    bond_leave(person=bob, bond=shared_bond)
    client.force_login(alice)
    page = today(client)
    folded = page.index("Bonds that have ended (1)")
    assert page.index("Alice &amp; Bob") > folded


def test_the_live_poll_answers_204_until_the_other_person_does_something(
    client, alice, bob, shared_bond
):
    client.force_login(alice)
    page = today(client)
    token = live_token(alice)
    assert f"{reverse('today:live')}?v={token}" in page
    assert client.get(reverse("today:live"), {"v": token}).status_code == 204
    appreciation.note_send(sender=bob, bond=shared_bond, text="Thanks for today.")
    assert client.get(reverse("today:live"), {"v": token}).status_code == 200


def test_nothing_private_or_elsewhere_moves_the_live_token(alice, bob, charlie, shared_bond):
    token = live_token(alice)
    appreciation.item_add(person=bob, bond=shared_bond, text="Private: her laugh.")
    checkin_record(person=bob, feelings=["calm"], intensity=2, note="just mine", share_with=None)
    Message.objects.create(bond=shared_bond, author=bob)  # a draft, not sent
    elsewhere = Bond.objects.create(kind=BondKind.FRIEND, created_by=charlie)
    join(elsewhere, charlie, "Mine")
    assert live_token(alice) == token


def test_the_live_poll_is_for_members_only(client, charlie):
    assert client.get(reverse("today:live")).status_code == 302
    client.force_login(charlie)
    assert client.get(reverse("today:live"), {"v": live_token(charlie)}).status_code == 204


def test_the_log_in_page_is_named_for_the_product_not_the_host(client, settings):
    page = client.get(reverse("accounts:login"), HTTP_HOST="127.0.0.1").content.decode()
    assert f"<title>Log in · {settings.SITE_NAME}" in page or settings.SITE_NAME in page
    assert "127.0.0.1" not in page
    assert '<meta name="description"' in page


def test_robots_and_favicon_answer(client):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and "Disallow: /" in robots.content.decode()
    assert client.get("/favicon.ico").status_code == 301


def test_the_lightest_prompt_does_not_offer_something_lighter(client, alice, bob, shared_bond):
    round_ = prompts.round_for_today(bond=shared_bond)
    assert round_.depth == 1
    client.force_login(alice)
    page = client.get(reverse("prompts:today", args=[shared_bond.pk])).content.decode()
    assert "something lighter" not in page.lower() and "Ask for another" in page


def test_what_people_wrote_keeps_its_own_direction(client, alice, bob, shared_bond):
    round_ = prompts.round_for_today(bond=shared_bond)
    prompts.answer_submit(person=alice, bond=shared_bond, round_=round_, text="أحب صباحاتنا")
    prompts.answer_submit(person=bob, bond=shared_bond, round_=round_, text="שלום")
    client.force_login(alice)
    page = client.get(reverse("prompts:today", args=[shared_bond.pk])).content.decode()
    assert '<blockquote dir="auto">أحب صباحاتنا' in page
    assert '<blockquote dir="auto">שלום' in page


def test_htmx_loads_only_for_people_logged_in(client, alice):
    """Public pages use none of it, and it is most of their bytes."""
    head = client.get("/login/").content.decode().split("</head>")[0]
    assert "django_htmx/htmx" not in head
    client.force_login(alice)
    head = today(client).split("</head>")[0]
    assert "django_htmx/htmx" in head
