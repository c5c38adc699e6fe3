"""The evening check-in: a high, a low and a feeling, revealed only once both have shared."""

import datetime
import html

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from heartwork.bonds.selectors import bond_day
from heartwork.bonds.services import bond_pause
from heartwork.domain.feelings import feelings_wheel
from heartwork.together import selectors, services
from heartwork.together.models import Ritual, RitualEntry
from tests.together.helpers import HX, every_page, log_time, url

CANARY_BOB = "canary-bob-ritual-44e1"
CANARY_ALICE = "canary-alice-ritual-0b7c"


def share(
    client, person, bond, *, high="A long lunch", low="A grey commute", feeling="content", day=None
):
    client.force_login(person)
    return client.post(
        url("ritual_submit", bond),
        {"day": (day or bond_day(bond)).isoformat(), "high": high, "low": low, "feeling": feeling},
    )


def test_the_other_entry_never_reaches_the_browser_before_both_have_shared(
    client, alice, bob, shared_bond
):
    share(client, bob, shared_bond, high=f"Bob's high {CANARY_BOB}", feeling="grateful")
    time = log_time(alice, shared_bond)
    session = services.session_start(person=alice, bond=shared_bond)
    client.force_login(alice)
    for page in [*every_page(shared_bond, time=time, session=session), reverse("today:today")]:
        for headers in ({}, HX):
            body = client.get(page, **headers).content.decode()
            assert CANARY_BOB not in body, page
    # Alice's empty attempt is refused, and still shows nothing of Bob's.
    response = client.post(
        url("ritual_submit", shared_bond),
        {"day": bond_day(shared_bond).isoformat(), "high": "", "low": "", "feeling": ""},
    )
    assert response.status_code == 400 and CANARY_BOB not in response.content.decode()

    response = share(client, alice, shared_bond, high=f"Alice's high {CANARY_ALICE}")
    body = client.get(response["Location"]).content.decode()
    assert CANARY_BOB in body and CANARY_ALICE in body and "Grateful" in body
    assert CANARY_BOB in client.get(url("ritual_entries", shared_bond), **HX).content.decode()
    client.force_login(bob)
    assert CANARY_ALICE in client.get(url("ritual", shared_bond)).content.decode()


def test_reveal_rule_at_the_query_level(alice, bob, shared_bond):
    day = bond_day(shared_bond)
    services.ritual_submit(person=bob, bond=shared_bond, day=day, high="h", low="l", feeling="calm")
    ritual = Ritual.objects.get()
    assert list(selectors.entries_visible_to(alice, ritual)) == []
    assert [e.person for e in selectors.entries_visible_to(bob, ritual)] == [bob]
    view = selectors.ritual_view(alice, shared_bond, day)
    assert view.mine is None and view.theirs is None and not view.revealed
    services.ritual_submit(
        person=alice, bond=shared_bond, day=day, high="h2", low="l2", feeling="tired"
    )
    assert {e.person for e in selectors.entries_visible_to(alice, ritual)} == {alice, bob}
    view = selectors.ritual_view(alice, shared_bond, day)
    assert view.revealed and view.theirs.feeling == "calm" and view.mine.feeling == "tired"


def test_the_page_before_sharing_does_not_even_query_the_other_entry(
    client, alice, bob, shared_bond
):
    share(client, bob, shared_bond, high=CANARY_BOB)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        client.get(url("ritual", shared_bond))
    # Who has given theirs is read (the reveal rule needs it); what anyone wrote is read
    # only for Alice herself.
    entry_reads = [
        q["sql"]
        for q in queries.captured_queries
        if "payload_sealed" in q["sql"] and q["sql"].lstrip().upper().startswith("SELECT")
    ]
    assert entry_reads, "the page reads entries"
    assert all(str(alice.pk).replace("-", "") in sql or str(alice.pk) in sql for sql in entry_reads)


def test_one_check_in_per_bond_per_day_and_changes_until_both_have_shared(
    client, alice, bob, shared_bond
):
    share(client, alice, shared_bond, high="first")
    share(client, alice, shared_bond, high="second")
    assert Ritual.objects.count() == 1 and RitualEntry.objects.get().high == "second"
    share(client, bob, shared_bond)
    response = share(client, alice, shared_bond, high="third")
    assert "settled" in html.unescape(client.get(response["Location"]).content.decode())
    assert RitualEntry.objects.get(person=alice).high == "second"


def test_a_page_left_open_past_midnight_does_not_write_into_the_new_day(client, alice, shared_bond):
    yesterday = bond_day(shared_bond) - datetime.timedelta(days=1)
    response = share(client, alice, shared_bond, day=yesterday)
    assert "That evening has passed" in client.get(response["Location"]).content.decode()
    assert RitualEntry.objects.count() == 0


def test_the_day_follows_the_bond_day_rule(client, alice, bob, shared_bond):
    # 23:30 in London on 14 May (BST) is already 15 May in Tokyo; the bond follows Alice,
    # its first member.
    bob.time_zone = "Asia/Tokyo"
    bob.save()
    with time_machine.travel(
        datetime.datetime(2026, 5, 14, 22, 30, tzinfo=datetime.UTC), tick=False
    ):
        share(client, bob, shared_bond, day=datetime.date(2026, 5, 14))
        assert Ritual.objects.get().day == datetime.date(2026, 5, 14)
    with time_machine.travel(
        datetime.datetime(2026, 5, 14, 23, 30, tzinfo=datetime.UTC), tick=False
    ):
        share(client, alice, shared_bond, day=datetime.date(2026, 5, 15))
    assert Ritual.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"high": ""}, "Write a few words for your high"),
        ({"high": "   "}, "Write a few words for your high"),
        ({"low": ""}, "Write a few words for your low"),
        ({"high": "x" * 281}, "280 characters or fewer"),
        ({"low": "x" * 281}, "280 characters or fewer"),
        ({"feeling": ""}, "Choose a feeling from the wheel"),
        ({"feeling": "hangry"}, "Choose a feeling from the wheel"),
        ({"day": ""}, "Reload the page"),
        ({"day": "not-a-day"}, "Reload the page"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(client, alice, shared_bond, data, message):
    client.force_login(alice)
    post = {
        "day": bond_day(shared_bond).isoformat(),
        "high": "good",
        "low": "bad",
        "feeling": "calm",
    } | data
    response = client.post(url("ritual_submit", shared_bond), post)
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert Ritual.objects.count() == 0 and RitualEntry.objects.count() == 0


def test_entries_are_encrypted_at_rest(client, alice, shared_bond):
    share(
        client,
        alice,
        shared_bond,
        high=f"High {CANARY_ALICE}",
        low=f"Low {CANARY_ALICE}",
        feeling="homesick",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT payload_sealed FROM together_ritualentry")
        (stored,) = cursor.fetchone()
    assert stored.startswith("v1:") and CANARY_ALICE not in stored and "homesick" not in stored
    entry = RitualEntry.objects.get()
    assert (entry.high, entry.feeling) == (f"High {CANARY_ALICE}", "homesick")


def test_a_solo_bond_can_check_in_alone(client, alice, solo_bond):
    client.force_login(alice)
    page = client.get(url("ritual", solo_bond)).content.decode()
    assert "quiet reflection for yourself" in page
    response = share(client, alice, solo_bond, high="Walked to the sea")
    page = client.get(response["Location"]).content.decode()
    assert "Walked to the sea" in page and "just for you" in page
    assert "once you&#x27;ve both shared" not in page


def test_the_feeling_picker_is_the_wheel_with_one_choice(client, alice, shared_bond):
    client.force_login(alice)
    page = client.get(url("ritual", shared_bond)).content.decode()
    wheel = feelings_wheel()
    for core in wheel.cores:
        assert f'<details class="core core-{core}"' in page
    assert page.count('type="radio" name="feeling"') == len(wheel.feelings)
    assert "<select" not in page and "heartwork/wheel.js" in page


def test_a_chosen_feeling_stays_chosen_and_in_view_through_an_error(client, alice, shared_bond):
    client.force_login(alice)
    day = bond_day(shared_bond).isoformat()
    response = client.post(
        url("ritual_submit", shared_bond), {"day": day, "high": "", "low": "l", "feeling": "tired"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="tired" checked' in page
    assert '<details class="core core-sad" open>' in page  # sad → weary → tired
    assert '<details class="middle" open>' in page


def test_the_fragment_polls_only_while_waiting_and_never_tells_what_the_other_did_not_do(
    client, alice, bob, shared_bond
):
    client.force_login(alice)
    assert "hx-trigger" not in client.get(url("ritual_entries", shared_bond), **HX).content.decode()
    share(client, alice, shared_bond)
    fragment = html.unescape(client.get(url("ritual_entries", shared_bond), **HX).content.decode())
    assert 'hx-trigger="every 15s"' in fragment and "once you've both shared" in fragment
    assert "Bob" not in fragment
    response = client.get(url("ritual_entries", shared_bond))
    assert response.status_code == 302


def test_earlier_check_ins_show_only_what_you_may_see(client, alice, bob, shared_bond):
    with time_machine.travel(
        datetime.datetime(2026, 5, 10, 19, 0, tzinfo=datetime.UTC), tick=False
    ):
        share(client, alice, shared_bond, high="alone-high")
    with time_machine.travel(
        datetime.datetime(2026, 5, 11, 19, 0, tzinfo=datetime.UTC), tick=False
    ):
        share(client, alice, shared_bond, high="both-alice")
        share(client, bob, shared_bond, high="both-bob")
    with time_machine.travel(
        datetime.datetime(2026, 5, 12, 19, 0, tzinfo=datetime.UTC), tick=False
    ):
        share(client, bob, shared_bond, high=CANARY_BOB)  # an earlier day Alice didn't join
    with time_machine.travel(
        datetime.datetime(2026, 5, 13, 19, 0, tzinfo=datetime.UTC), tick=False
    ):
        client.force_login(alice)
        body = client.get(url("ritual_past", shared_bond)).content.decode()
    assert "alone-high" in body and "both-alice" in body and "both-bob" in body
    assert CANARY_BOB not in body and "12 May" not in body


def test_a_paused_bond_rests_and_refuses_check_ins(client, alice, bob, shared_bond):
    bond_pause(person=alice, bond=shared_bond)
    client.force_login(bob)
    assert "rests for now" in client.get(url("ritual", shared_bond)).content.decode()
    response = share(client, bob, shared_bond)
    assert "rests while this bond is paused" in client.get(response["Location"]).content.decode()
    assert RitualEntry.objects.count() == 0
