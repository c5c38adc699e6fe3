"""The Today-page card and the bond-page card of time together, as the registry shows them."""

import datetime

import time_machine
from django.template.loader import render_to_string
from django.test import RequestFactory

from heartwork.bonds.selectors import bond_day
from heartwork.bonds.services import bond_pause
from heartwork.together import services
from heartwork.together.today import today_context
from tests.together.helpers import log_time, plan_time

MORNING = datetime.datetime(2026, 5, 14, 8, 0, tzinfo=datetime.UTC)  # 09:00 in London
EVENING = datetime.datetime(2026, 5, 14, 19, 0, tzinfo=datetime.UTC)  # 20:00 in London


def render_section(person, section) -> str:
    request = RequestFactory().get("/today/")
    request.user = person
    return render_to_string("together/_today.html", {"section": section}, request=request)


def test_nothing_to_show_is_none(alice, shared_bond, solo_bond, django_assert_num_queries):
    with time_machine.travel(MORNING, tick=False):
        log_time(alice, shared_bond)  # the past doesn't need a mention
        with django_assert_num_queries(2):
            assert today_context(alice) is None
    assert render_section(alice, None).strip() == ""


def test_a_session_started_by_the_other_person_invites_you_to_join(
    alice, bob, shared_bond, django_assert_num_queries
):
    with time_machine.travel(MORNING, tick=False):
        services.session_start(person=bob, bond=shared_bond)
        with django_assert_num_queries(2):
            section = today_context(alice)
        assert today_context(bob)["items"][0]["mine"] is True
    (item,) = section["items"]
    assert (
        item["type"] == "session"
        and not item["mine"]
        and item["other"] == "Bob"
        and item["since"] == "09:00"
    )
    html = render_section(alice, section)
    assert "Bob started no-phone time at 09:00" in html and ">Join<" in html


def test_a_plan_coming_up_is_mentioned_in_the_readers_clock(
    alice, bob, shared_bond, django_assert_num_queries
):
    bob.time_zone = "America/New_York"
    bob.save()
    with time_machine.travel(MORNING, tick=False):
        plan_time(alice, shared_bond, hours_ahead=10, kind="cooking", idea_id="three-good-things")
        plan_time(alice, shared_bond, hours_ahead=24 * 5)  # too far off to mention
        with django_assert_num_queries(2):
            section = today_context(bob)
        (item,) = section["items"]
        assert item["type"] == "plan" and item["what"] == "Three good things"
        assert item["when"] == "Today at 14:00"  # 18:00 UTC in New York
        assert "Three good things · Today at 14:00" in render_section(bob, section)


def test_in_the_evening_the_check_in_is_offered_until_you_have_given_yours(
    client, alice, bob, shared_bond, solo_bond, django_assert_num_queries
):
    with time_machine.travel(EVENING, tick=False):
        with django_assert_num_queries(2):
            section = today_context(alice)
        kinds = [(i["type"], i["bond_name"], i["solo"]) for i in section["items"]]
        assert kinds == [("ritual", "Alice & Bob", False), ("ritual", "Mum", True)]
        services.ritual_submit(
            person=bob,
            bond=shared_bond,
            day=bond_day(shared_bond),
            high="h",
            low="l",
            feeling="calm",
        )
        # Bob's entry changes nothing on Alice's card: it never says who has or hasn't shared.
        assert today_context(alice) == section
        services.ritual_submit(
            person=alice,
            bond=shared_bond,
            day=bond_day(shared_bond),
            high="h",
            low="l",
            feeling="calm",
        )
        assert [i["bond_name"] for i in today_context(alice)["items"]] == ["Mum"]
        assert today_context(bob) is None
        html = render_section(alice, today_context(alice))
        assert "a quiet two minutes" in html
    with time_machine.travel(MORNING, tick=False):
        assert today_context(alice) is None


def test_paused_bonds_and_forgotten_sessions_are_left_out(alice, bob, shared_bond):
    with time_machine.travel(MORNING, tick=False):
        services.session_start(person=bob, bond=shared_bond)
    with time_machine.travel(MORNING + datetime.timedelta(hours=13), tick=False):
        assert all(i["type"] != "session" for i in (today_context(alice) or {"items": []})["items"])
    bond_pause(person=alice, bond=shared_bond)
    with time_machine.travel(EVENING, tick=False):
        assert today_context(alice) is None


def test_strangers_see_nothing_of_other_bonds(alice, bob, charlie, shared_bond):
    with time_machine.travel(EVENING, tick=False):
        services.session_start(person=bob, bond=shared_bond)
        plan_time(bob, shared_bond, hours_ahead=2)
        assert today_context(charlie) is None


def test_the_bond_card_links_to_the_pages_and_rests_when_paused(alice, bob, shared_bond):
    html = render_to_string("together/_bond.html", {"bond": shared_bond})
    for path in ("/together/", "/together/no-phone/", "/together/evening/", "/together/ideas/"):
        assert f"/bonds/{shared_bond.pk}{path}" in html
    bond_pause(person=alice, bond=shared_bond)
    html = render_to_string("together/_bond.html", {"bond": shared_bond})
    assert "rests while this bond is paused" in html and "/together/no-phone/" not in html
