import datetime

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from heartwork.checkins.models import Acknowledgement, CheckIn
from heartwork.checkins.services import checkin_record

CANARY = "canary-feeling-5d1e"
VALID = {
    "feelings": ["worried", "hopeful"],
    "intensity": "4",
    "note": f"the interview {CANARY}",
    "feel": "nervous",
    "when": "I wait for news",
    "because": "it matters to me",
    "share_with": "",
}


def post_checkin(client, **changes):
    return client.post(reverse("checkins:new"), {**VALID, **changes})


def test_a_private_checkin_is_recorded_encrypted(alice_client, alice):
    response = post_checkin(alice_client)
    assert response.status_code == 302
    checkin = CheckIn.objects.get()
    assert checkin.feelings == ["worried", "hopeful"] and checkin.intensity == 4
    assert checkin.statement == "I feel nervous when I wait for news because it matters to me."
    assert checkin.shared_with is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT payload_sealed FROM checkins_checkin")
        raw = cursor.fetchone()[0]
    assert CANARY not in raw and "worried" not in raw


def test_typed_feelings_are_matched_to_the_wheel(alice_client):
    post_checkin(alice_client, feelings=[], typed="Lonely, hopeful ")
    assert CheckIn.objects.get().feelings == ["lonely", "hopeful"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"feelings": []}, "Pick at least one feeling"),
        ({"feelings": ["blorpy"]}, "“blorpy” isn't on the wheel"),
        (
            {"feelings": [], "typed": "blorpy"},
            "“blorpy” isn't on the wheel yet: pick the closest word",
        ),
        (
            {"feelings": [], "typed": "calm, stressing, worry"},
            "“stressing” isn't on the wheel yet. Is it close to “stressed”? “worry” isn't "
            "on the wheel yet. Is it close to “worried”?",
        ),
        ({"feelings": [], "typed": "happy"}, "Is it close to “thrilled”, “silly” or “content”?"),
        ({"typed": "x" * 201}, "200 characters or fewer"),
        ({"feel": "x" * 301}, "300 characters or fewer"),
        ({"because": "x" * 301, "feel": "sad"}, "300 characters or fewer"),
        ({"intensity": "0"}, "from “a little”"),
        ({"intensity": "9"}, "from “a little”"),
        ({"note": "x" * 2001}, "2000 characters or fewer"),
        ({"feel": "", "when": "it rains"}, "Start with the feeling"),
        (
            {"feelings": ["sad", "lonely", "hurt", "angry", "hopeful", "worried", "content"]},
            "up to 6",
        ),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(alice_client, changes, message):
    response = post_checkin(alice_client, **changes)
    assert response.status_code == 400
    assert message in response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert CheckIn.objects.count() == 0


def test_sharing_with_a_bond_one_is_not_in_is_refused(client, charlie, shared_bond):
    client.force_login(charlie)
    response = post_checkin(client, share_with=str(shared_bond.pk))
    body = response.content.decode().replace("&#x27;", "'")
    assert response.status_code == 400 and "You can share only with a bond you're in" in body
    assert str(shared_bond.pk) not in body
    assert CheckIn.objects.count() == 0


def test_sharing_to_a_solo_bond_is_not_offered(alice_client, solo_bond):
    response = post_checkin(alice_client, share_with=str(solo_bond.pk))
    assert response.status_code == 400
    assert CheckIn.objects.count() == 0


def test_a_private_checkin_is_invisible_to_the_other_member_and_strangers(
    client, alice, bob, charlie, shared_bond
):
    client.force_login(alice)
    post_checkin(client)
    checkin = CheckIn.objects.get()
    for person in (bob, charlie):
        client.force_login(person)
        for url in (reverse("checkins:history"), reverse("today:today"), reverse("checkins:new")):
            assert CANARY not in client.get(url).content.decode()
        assert client.post(reverse("checkins:delete", args=[checkin.pk])).status_code == 404
        assert client.post(reverse("checkins:unshare", args=[checkin.pk])).status_code == 404
    client.force_login(bob)
    assert (
        CANARY not in client.get(reverse("checkins:bond", args=[shared_bond.pk])).content.decode()
    )
    client.force_login(charlie)
    assert client.get(reverse("checkins:bond", args=[shared_bond.pk])).status_code == 404
    assert CheckIn.objects.count() == 1


def test_a_shared_checkin_reaches_the_other_member_who_can_acknowledge(
    client, alice, bob, shared_bond
):
    client.force_login(alice)
    post_checkin(client, share_with=str(shared_bond.pk))
    checkin = CheckIn.objects.get()
    client.force_login(bob)
    assert CANARY in client.get(reverse("checkins:bond", args=[shared_bond.pk])).content.decode()
    assert "Alice" in client.get(reverse("today:today")).content.decode()
    client.post(
        reverse("checkins:acknowledge", args=[shared_bond.pk, checkin.pk]),
        {"phrase": "thank-you", "reply": "I'm here"},
    )
    ack = Acknowledgement.objects.get()
    assert (ack.phrase, ack.reply) == ("thank-you", "I'm here") and "here" not in ack.reply_sealed
    client.force_login(alice)
    assert "Thank you for telling me." in client.get(reverse("checkins:history")).content.decode()


def test_acknowledging_needs_something_and_not_ones_own(client, alice, bob, shared_bond):
    checkin = checkin_record(person=alice, feelings=["sad"], intensity=3, share_with=shared_bond)
    client.force_login(bob)
    client.post(
        reverse("checkins:acknowledge", args=[shared_bond.pk, checkin.pk]),
        {"phrase": "", "reply": " "},
    )
    client.post(
        reverse("checkins:acknowledge", args=[shared_bond.pk, checkin.pk]), {"phrase": "made-up"}
    )
    assert Acknowledgement.objects.count() == 0
    client.force_login(alice)
    assert (
        client.post(
            reverse("checkins:acknowledge", args=[shared_bond.pk, checkin.pk]),
            {"phrase": "thank-you"},
        ).status_code
        == 404
    )


def test_unshare_ends_access_on_the_next_request(client, alice, bob, shared_bond):
    checkin = checkin_record(
        person=alice, feelings=["sad"], intensity=3, note=CANARY, share_with=shared_bond
    )
    client.force_login(alice)
    client.post(reverse("checkins:unshare", args=[checkin.pk]))
    client.force_login(bob)
    assert (
        CANARY not in client.get(reverse("checkins:bond", args=[shared_bond.pk])).content.decode()
    )


def test_history_shows_granularity_calendar_and_chart(alice_client, alice):
    for feelings in (["worried"], ["lonely", "worried"], ["sad"]):
        checkin_record(person=alice, feelings=feelings, intensity=3)
    body = alice_client.get(reverse("checkins:history")).content.decode()
    assert "You named 2 different feelings" in body
    assert "<rect" in body and 'class="has"' in body
    assert alice_client.get(reverse("checkins:history"), {"month": "nonsense"}).status_code == 200
    assert alice_client.get(reverse("checkins:history"), {"month": "2025-13"}).status_code == 200
    for far_off in ("0001-01", "9999-12", "-5-1"):  # would overflow the month arithmetic
        assert alice_client.get(reverse("checkins:history"), {"month": far_off}).status_code == 200


def test_an_earlier_month_lists_its_own_check_ins_and_its_days_link_to_them(alice_client, alice):
    with time_machine.travel(datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC), tick=False):
        checkin_record(person=alice, feelings=["hopeful"], intensity=3, note=f"march {CANARY}")
    with time_machine.travel(datetime.datetime(2026, 7, 2, 12, tzinfo=datetime.UTC), tick=False):
        checkin_record(person=alice, feelings=["calm"], intensity=2, note="july")
        recent = alice_client.get(reverse("checkins:history")).content.decode()
        assert "Recent check-ins" in recent and "july" in recent and CANARY not in recent
        march = alice_client.get(reverse("checkins:history"), {"month": "2026-03"}).content.decode()
    assert "Check-ins in March 2026" in march and CANARY in march and "july" not in march
    assert 'href="#day-2026-03-10"' in march and 'id="day-2026-03-10"' in march


def test_the_today_section_shows_only_unanswered_recent_check_ins_shared_with_me(
    alice, bob, charlie, shared_bond, django_assert_num_queries
):
    import datetime

    from django.utils import timezone

    from heartwork.bonds.models import Bond, Membership
    from heartwork.checkins.services import acknowledge
    from heartwork.checkins.today import today_context

    elsewhere = Bond.objects.create(kind="friend", created_by=bob)
    Membership.objects.create(bond=elsewhere, person=bob)
    Membership.objects.create(bond=elsewhere, person=charlie)
    waiting = checkin_record(person=bob, feelings=["hopeful"], intensity=3, share_with=shared_bond)
    answered = checkin_record(person=bob, feelings=["tired"], intensity=2, share_with=shared_bond)
    acknowledge(person=alice, checkin=answered, phrase="thank-you", reply="")
    old = checkin_record(person=bob, feelings=["calm"], intensity=2, share_with=shared_bond)
    CheckIn.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=4))
    checkin_record(
        person=bob, feelings=["lonely"], intensity=2, share_with=elsewhere
    )  # not her bond
    checkin_record(person=bob, feelings=["worried"], intensity=2)  # private
    checkin_record(person=alice, feelings=["sad"], intensity=2, share_with=shared_bond)  # her own
    with django_assert_num_queries(1):
        shared = today_context(alice)["shared"]
    assert [c.pk for c in shared] == [waiting.pk]
    assert shared[0].author_name == "Bob" and shared[0].feelings == ["hopeful"]
    assert today_context(charlie)["shared"][0].feelings == ["lonely"]


def test_deleting_a_check_in_asks_first_and_then_is_for_good(client, alice, bob, shared_bond):
    client.force_login(alice)
    post_checkin(client, share_with=str(shared_bond.pk))
    checkin = CheckIn.objects.get()
    history = client.get(reverse("checkins:history")).content.decode()
    delete_url = reverse("checkins:delete", args=[checkin.pk])
    assert f'href="{delete_url}"' in history  # a way to the question, not a one-tap delete
    assert f'<form method="post" action="{delete_url}"' not in history
    page = client.get(delete_url).content.decode()
    assert "can't be undone" in page and "what you shared in Alice &amp; Bob" in page
    assert f'action="{delete_url}"' in page and "Keep it" in page
    assert CheckIn.objects.count() == 1  # asking changed nothing
    response = client.post(delete_url, follow=True)
    assert "Deleted." in response.content.decode() and CheckIn.objects.count() == 0


def test_only_the_author_is_asked_about_deleting_and_other_actions_take_a_post(
    client, alice, bob, charlie, shared_bond
):
    client.force_login(alice)
    post_checkin(client, share_with=str(shared_bond.pk))
    checkin = CheckIn.objects.get()
    assert client.get(reverse("checkins:unshare", args=[checkin.pk])).status_code == 405
    for person in (bob, charlie):
        client.force_login(person)
        assert client.get(reverse("checkins:delete", args=[checkin.pk])).status_code == 404
    assert CheckIn.objects.count() == 1
