"""Planning and logging time together, reflections, and who sees what."""

import datetime
import html
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from heartwork.bonds.selectors import bond_day
from heartwork.bonds.services import bond_leave, bond_pause
from heartwork.domain.together import idea_library
from heartwork.together import selectors, services
from heartwork.together.models import QualityTime, Reflection, RitualEntry
from heartwork.together.urls import urlpatterns
from tests.together.helpers import HX, every_page, form_data, local_input, log_time, plan_time, url

CANARY = "canary-reflection-5d1e"


def test_logging_a_past_time_saves_it_as_done(client, alice, shared_bond):
    client.force_login(alice)
    response = client.post(
        url("log", shared_bond), form_data(title="Along the canal", minutes="50", phones_away="on")
    )
    time = QualityTime.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "time", shared_bond, quality_time_id=time.pk
    )
    assert (time.status, time.kind, time.minutes, time.phones_away) == ("done", "walk", 50, True)
    assert time.title == "Along the canal" and time.created_by == alice
    body = client.get(url("home", shared_bond)).content.decode()
    assert "Along the canal" in body and "phones away" in body


def test_the_form_reads_times_in_the_persons_own_zone(client, alice, shared_bond):
    alice.time_zone = "Asia/Tokyo"
    alice.save()
    client.force_login(alice)
    client.post(url("log", shared_bond), form_data(when="2026-01-02T09:30"))
    stored = QualityTime.objects.get().when
    assert stored == datetime.datetime(2026, 1, 2, 0, 30, tzinfo=datetime.UTC)
    assert (
        "09:30"
        in client.get(
            url("time", shared_bond, quality_time_id=QualityTime.objects.get().pk)
        ).content.decode()
    )


def test_a_time_ahead_is_a_plan_and_either_person_can_mark_it_done(client, alice, bob, shared_bond):
    client.force_login(alice)
    ahead = timezone.now() + datetime.timedelta(days=2)
    client.post(
        url("log", shared_bond),
        form_data(kind="date", when=local_input(ahead), minutes="120", title="Dinner out"),
    )
    time = QualityTime.objects.get()
    assert time.status == "planned"
    client.force_login(bob)
    home = client.get(url("home", shared_bond)).content.decode()
    assert "Coming up" in home and "Dinner out" in home
    # A plan still ahead asks before it moves to now.
    page = client.get(url("time", shared_bond, quality_time_id=time.pk)).content.decode()
    assert "It happened already?" in page and "it will be saved as today, now" in page
    assert ">It happened<" not in page
    client.post(url("done", shared_bond, quality_time_id=time.pk))
    time.refresh_from_db()
    assert time.status == "done" and time.when <= timezone.now()  # done early: it happened now


def test_either_person_can_cancel_a_plan_and_it_then_stays_as_it_was(
    client, alice, bob, shared_bond
):
    time = plan_time(alice, shared_bond)
    client.force_login(bob)
    client.post(url("cancel", shared_bond, quality_time_id=time.pk))
    time.refresh_from_db()
    assert time.status == "cancelled"
    response = client.post(url("done", shared_bond, quality_time_id=time.pk), follow=True)
    assert "was cancelled" in response.content.decode()
    response = client.post(url("cancel", shared_bond, quality_time_id=time.pk), follow=True)
    assert "Only a planned time" in response.content.decode()
    response = client.post(url("edit", shared_bond, quality_time_id=time.pk), form_data())
    assert response.status_code == 400
    time.refresh_from_db()
    assert time.status == "cancelled" and time.kind == "walk"


def test_plans_whose_time_has_come_ask_whether_they_happened(client, alice, shared_bond):
    time = plan_time(alice, shared_bond, hours_ahead=1)
    QualityTime.objects.filter(pk=time.pk).update(when=timezone.now() - datetime.timedelta(hours=3))
    client.force_login(alice)
    body = client.get(url("home", shared_bond)).content.decode()
    assert "Did these happen?" in body and "It happened" in body


def test_editing_a_time(client, alice, bob, shared_bond):
    time = log_time(alice, shared_bond, title="Old name")
    client.force_login(bob)
    assert (
        "Old name" in client.get(url("edit", shared_bond, quality_time_id=time.pk)).content.decode()
    )
    response = client.post(
        url("edit", shared_bond, quality_time_id=time.pk),
        form_data(bob.time_zone, kind="cooking", minutes="90", title="Soup night"),
    )
    assert response.status_code == 302
    time.refresh_from_db()
    assert (time.kind, time.minutes, time.title, time.title_author) == (
        "cooking",
        90,
        "Soup night",
        bob,
    )


def test_a_done_time_cannot_be_moved_into_the_future(client, alice, shared_bond):
    time = log_time(alice, shared_bond)
    client.force_login(alice)
    ahead = local_input(timezone.now() + datetime.timedelta(days=1))
    response = client.post(url("edit", shared_bond, quality_time_id=time.pk), form_data(when=ahead))
    assert response.status_code == 400 and "already happened" in response.content.decode()
    time.refresh_from_db()
    assert time.when < timezone.now()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": ""}, "Choose what kind of time"),
        ({"kind": "skydiving"}, "Choose what kind of time"),
        ({"minutes": "0"}, "1 minute to 1440"),
        ({"minutes": "1441"}, "1 minute to 1440"),
        ({"minutes": "-3"}, "1 minute to 1440"),
        ({"minutes": "abc"}, "whole number of minutes"),
        ({"minutes": ""}, "roughly how long"),
        ({"when": ""}, "Choose the day and time"),
        ({"when": "next tuesday"}, "Choose the day and time"),
        ({"when": "2099-01-01T10:00"}, "more than a year away"),
        ({"when": "2001-01-01T10:00"}, "more than a year ago"),
        ({"title": "x" * 81}, "80 characters or fewer"),
        ({"reflection": "x" * 1001}, "1000 characters or fewer"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    client, alice, shared_bond, overrides, message
):
    client.force_login(alice)
    response = client.post(url("log", shared_bond), form_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert QualityTime.objects.count() == 0 and Reflection.objects.count() == 0


def test_a_reflection_waits_until_the_time_has_happened(client, alice, shared_bond):
    client.force_login(alice)
    ahead = local_input(timezone.now() + datetime.timedelta(days=1))
    response = client.post(
        url("log", shared_bond), form_data(when=ahead, reflection="I can't wait")
    )
    assert (
        response.status_code == 400
        and "can wait until it&#x27;s happened" in response.content.decode()
    )
    assert QualityTime.objects.count() == 0
    time = plan_time(alice, shared_bond)
    response = client.post(
        url("reflect", shared_bond, quality_time_id=time.pk), {"text": "Early thoughts"}
    )
    assert response.status_code == 400 and "once it&#x27;s happened" in response.content.decode()
    assert Reflection.objects.count() == 0


def test_empty_and_overlong_reflections_change_nothing(client, alice, shared_bond):
    time = log_time(alice, shared_bond)
    services.reflection_save(person=alice, bond=shared_bond, time=time, text="first", shared=False)
    client.force_login(alice)
    for text, message in (
        ("", "Write a few words"),
        ("   ", "Write a few words"),
        ("x" * 1001, "1000 characters or fewer"),
    ):
        response = client.post(
            url("reflect", shared_bond, quality_time_id=time.pk), {"text": text, "shared": "on"}
        )
        assert response.status_code == 400 and message in response.content.decode()
    reflection = Reflection.objects.get()
    assert reflection.text == "first" and not reflection.shared


def test_reflections_are_private_by_default_and_shared_only_when_ticked(
    client, alice, bob, shared_bond
):
    client.force_login(alice)
    client.post(url("log", shared_bond), form_data(reflection=f"Alice felt close {CANARY}"))
    time = QualityTime.objects.get()
    assert Reflection.objects.get().shared is False
    client.force_login(bob)
    for page in every_page(shared_bond, time=time):
        for headers in ({}, HX):
            assert CANARY not in client.get(page, **headers).content.decode(), page
    assert "Your reflection" not in client.get(url("home", shared_bond)).content.decode()

    client.force_login(alice)
    client.post(
        url("reflect", shared_bond, quality_time_id=time.pk),
        {"text": f"Alice felt close {CANARY}", "shared": "on"},
    )
    client.force_login(bob)
    body = client.get(url("time", shared_bond, quality_time_id=time.pk)).content.decode()
    assert CANARY in body and "Alice shared" in body
    assert "A reflection from Alice" in client.get(url("home", shared_bond)).content.decode()

    client.force_login(alice)
    client.post(url("reflection_unshare", shared_bond, quality_time_id=time.pk))
    client.force_login(bob)
    assert (
        CANARY not in client.get(url("time", shared_bond, quality_time_id=time.pk)).content.decode()
    )


def test_reflections_visible_at_the_query_level(alice, bob, shared_bond):
    time = log_time(alice, shared_bond)
    services.reflection_save(person=alice, bond=shared_bond, time=time, text="mine", shared=False)
    services.reflection_save(person=bob, bond=shared_bond, time=time, text="bob's", shared=True)
    assert [r.person for r in selectors.reflections_visible_to(bob, time)] == [bob]
    assert {r.person for r in selectors.reflections_visible_to(alice, time)} == {alice, bob}
    view = selectors.time_view(bob, shared_bond, time)
    assert view.mine.text == "bob's" and view.theirs is None


def test_removing_ones_own_reflection(client, alice, bob, shared_bond):
    time = log_time(alice, shared_bond)
    services.reflection_save(person=alice, bond=shared_bond, time=time, text="a", shared=True)
    services.reflection_save(person=bob, bond=shared_bond, time=time, text="b", shared=True)
    client.force_login(alice)
    client.post(url("reflection_delete", shared_bond, quality_time_id=time.pk))
    assert list(Reflection.objects.values_list("person", flat=True)) == [bob.pk]
    response = client.post(
        url("reflection_delete", shared_bond, quality_time_id=time.pk), follow=True
    )
    assert "no reflection of yours" in response.content.decode()


def test_titles_and_reflections_are_encrypted_at_rest(client, alice, shared_bond):
    client.force_login(alice)
    client.post(
        url("log", shared_bond),
        form_data(title=f"Title {CANARY}", reflection=f"Words {CANARY}", share_reflection="on"),
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT title_sealed FROM together_qualitytime")
        titles = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT text_sealed FROM together_reflection")
        texts = [row[0] for row in cursor.fetchall()]
    assert titles and texts
    assert all(value.startswith("v1:") and CANARY not in value for value in titles + texts)
    assert QualityTime.objects.get().title == f"Title {CANARY}"
    assert Reflection.objects.get().text == f"Words {CANARY}"


def test_solo_bonds_log_time_too(client, alice, solo_bond):
    client.force_login(alice)
    page = client.get(url("log", solo_bond)).content.decode()
    assert "share_reflection" not in page  # nobody to share with yet
    response = client.post(
        url("log", solo_bond),
        form_data(reflection="Called Mum from the park", share_reflection="on"),
    )
    assert response.status_code == 302
    assert Reflection.objects.get().shared is False  # nobody to share with, even if asked


def test_an_entry_of_another_bond_is_not_found_and_untouched(
    client, alice, bob, shared_bond, solo_bond
):
    shared_time = plan_time(bob, shared_bond)
    solo_time = plan_time(alice, solo_bond)
    client.force_login(alice)
    # Alice is in both bonds, but an entry is only reachable through its own bond.
    for name in (
        "time",
        "edit",
        "done",
        "cancel",
        "reflect",
        "reflection_unshare",
        "reflection_delete",
    ):
        response = client.post(
            url(name, solo_bond, quality_time_id=shared_time.pk), {"text": "x", "kind": "walk"}
        )
        assert response.status_code == 404 or (name in ("time",) and response.status_code == 405)
    client.force_login(bob)
    for name in ("time", "edit"):
        assert client.get(url(name, solo_bond, quality_time_id=solo_time.pk)).status_code == 404
        assert client.get(url(name, shared_bond, quality_time_id=solo_time.pk)).status_code == 404
    for name in ("done", "cancel"):
        assert client.post(url(name, shared_bond, quality_time_id=solo_time.pk)).status_code == 404
    assert set(QualityTime.objects.values_list("status", flat=True)) == {"planned"}


def test_a_stranger_gets_404_on_every_together_url(client, alice, charlie, shared_bond):
    time = log_time(alice, shared_bond)
    session = services.session_start(person=alice, bond=shared_bond)
    client.force_login(charlie)
    for pattern in urlpatterns:
        kwargs = {"bond_id": shared_bond.pk}
        if "quality_time_id" in pattern.pattern.regex.groupindex:
            kwargs["quality_time_id"] = time.pk
        if "nophone_id" in pattern.pattern.regex.groupindex:
            kwargs["nophone_id"] = session.pk
        target = reverse(f"together:{pattern.name}", kwargs=kwargs)
        for method in ("get", "post"):
            response = getattr(client, method)(target, {"text": "hi", "kind": "walk"}, **HX)
            assert response.status_code in (404, 405), target
            assert "Alice" not in response.content.decode()
    session.refresh_from_db()
    assert session.is_open and session.joined_by is None


def test_a_paused_bond_rests_and_refuses_writes(client, alice, bob, shared_bond):
    time = plan_time(alice, shared_bond)
    done = log_time(alice, shared_bond)
    bond_pause(person=bob, bond=shared_bond)
    client.force_login(alice)
    body = client.get(url("home", shared_bond)).content.decode()
    assert "rests for now" in body and "Plan or log a time" not in body
    response = client.post(url("log", shared_bond), form_data())
    assert (
        response.status_code == 400
        and "rests while this bond is paused" in response.content.decode()
    )
    for name in ("done", "cancel"):
        response = client.post(url(name, shared_bond, quality_time_id=time.pk), follow=True)
        assert "rests while this bond is paused" in response.content.decode()
    response = client.post(url("reflect", shared_bond, quality_time_id=done.pk), {"text": "hello"})
    assert response.status_code == 400
    response = client.post(
        url("edit", shared_bond, quality_time_id=done.pk), form_data(minutes="5")
    )
    assert response.status_code == 400
    assert QualityTime.objects.count() == 2 and Reflection.objects.count() == 0
    time.refresh_from_db()
    done.refresh_from_db()
    assert time.status == "planned" and done.minutes == 45


def test_what_you_wrote_can_still_be_removed_while_a_bond_rests(client, alice, bob, shared_bond):
    time = log_time(alice, shared_bond)
    services.reflection_save(person=alice, bond=shared_bond, time=time, text="mine", shared=True)
    bond_pause(person=bob, bond=shared_bond)
    client.force_login(alice)
    client.post(url("reflection_unshare", shared_bond, quality_time_id=time.pk))
    assert Reflection.objects.get().shared is False
    client.post(url("reflection_delete", shared_bond, quality_time_id=time.pk))
    assert Reflection.objects.count() == 0


def test_leaving_a_bond_takes_the_leavers_writing_with_them(alice, bob, shared_bond):
    time = log_time(bob, shared_bond, title="Bob's name for it")
    services.reflection_save(person=alice, bond=shared_bond, time=time, text="alice", shared=True)
    services.reflection_save(person=bob, bond=shared_bond, time=time, text="bob", shared=True)
    bond_leave(person=bob, bond=shared_bond)
    time.refresh_from_db()
    assert [r.person for r in Reflection.objects.all()] == [alice]
    assert time.title == "" and time.heading == "A walk together"


def test_we_did_this_prefills_the_form_from_an_idea(client, alice, shared_bond):
    idea = idea_library().get("three-good-things")
    client.force_login(alice)
    body = client.get(url("log", shared_bond) + f"?idea={idea.id}").content.decode()
    assert "You did this together" in body
    assert f'value="{idea.title}"' in body and f'value="{idea.minutes}"' in body
    assert f'value="{idea.id}"' in body
    plan = client.get(url("log", shared_bond) + f"?idea={idea.id}&plan=1").content.decode()
    assert "Plan “Three good things”" in plan
    response = client.post(url("log", shared_bond), form_data(idea=idea.id, kind="conversation"))
    assert response.status_code == 302
    assert QualityTime.objects.get().idea_id == idea.id
    # An unknown idea in the address is ignored; posting one is refused.
    assert client.get(url("log", shared_bond) + "?idea=nope").status_code == 200
    response = client.post(url("log", shared_bond), form_data(idea="no-such-idea"))
    assert response.status_code == 400 and "isn&#x27;t in the list" in response.content.decode()
    assert QualityTime.objects.count() == 1


def test_no_dark_patterns_in_the_pages(client, alice, bob, shared_bond):
    log_time(alice, shared_bond)
    client.force_login(bob)
    for page in every_page(shared_bond):
        body = html.unescape(client.get(page).content.decode()).lower()
        # The feelings wheel describes feelings ("an old hurt that hasn't healed"): those
        # words are about a feeling, not about what someone failed to do.
        body = re.sub(r'<fieldset class="wheel".*?</fieldset>', "", body, flags=re.S)
        for phrase in (
            "streak",
            "points",
            "you haven't",
            "you have not",
            "hasn't",
            "missed",
            "behind",
            "overdue",
        ):
            assert not re.search(rf"\b{phrase}\b", body), (page, phrase)


def test_deleting_an_account_with_writing_here_works(client, alice, bob, shared_bond):
    time = log_time(alice, shared_bond, title="Alice's words")
    services.reflection_save(person=alice, bond=shared_bond, time=time, text="a", shared=True)
    services.ritual_submit(
        person=alice, bond=shared_bond, day=bond_day(shared_bond), high="h", low="l", feeling="calm"
    )
    alice.delete()
    time.refresh_from_db()
    assert Reflection.objects.count() == 0 and time.title == "" and time.created_by is None
    client.force_login(bob)
    assert client.get(url("time", shared_bond, quality_time_id=time.pk)).status_code == 200


def test_forget_person_in_bond_is_ready_for_bond_leave(alice, bob, shared_bond, solo_bond):
    time = log_time(bob, shared_bond, title="Bob's title")
    services.reflection_save(person=bob, bond=shared_bond, time=time, text="bob", shared=True)
    services.reflection_save(person=alice, bond=shared_bond, time=time, text="alice", shared=True)
    services.ritual_submit(
        person=bob, bond=shared_bond, day=bond_day(shared_bond), high="h", low="l", feeling="calm"
    )
    services.forget_person_in_bond(person=bob, bond=shared_bond)
    time.refresh_from_db()
    assert [r.person for r in Reflection.objects.all()] == [alice]
    assert not RitualEntry.objects.exists() and time.title_sealed == ""
    # The last person leaving deletes the bond; nothing is left behind and nothing breaks.
    log_time(alice, solo_bond, reflection="mine")
    bond_leave(person=alice, bond=solo_bond)
    assert not QualityTime.objects.filter(bond_id=solo_bond.pk).exists()
