"""Notes of thanks: sending (with and without coaching), reading, thanking back, bad input."""

import pytest
from django.db import connection
from django.db.models import CASCADE
from django.urls import reverse

from heartwork.appreciation import selectors, services
from heartwork.appreciation.models import ListItem, Note, ThankYou
from heartwork.appreciation.services import AppreciationError
from heartwork.bonds.models import Bond, Membership
from heartwork.bonds.services import bond_pause
from heartwork.core.errors import ApplicationError

SPECIFIC = "You fixed the leaking tap on Sunday before my parents came. That was thoughtful."
VAGUE = "Thanks for everything"
CANARY = "canary-note-5d1e0"


def home(bond):
    return reverse("appreciation:home", args=[bond.pk])


def send(client, bond, text, **extra):
    return client.post(reverse("appreciation:send", args=[bond.pk]), {"text": text, **extra})


def note_url(note):
    return reverse("appreciation:note", args=[note.bond_id, note.pk])


def test_a_specific_note_goes_straight_to_the_other_person(client, alice, bob, shared_bond):
    client.force_login(alice)
    response = send(client, shared_bond, SPECIFIC)
    assert response.status_code == 302 and response["Location"] == home(shared_bond)
    note = Note.objects.get()
    assert (note.sender, note.recipient, note.bond, note.read_at) == (alice, bob, shared_bond, None)
    assert note.text == SPECIFIC
    assert "It&#x27;s waiting for Bob" in client.get(home(shared_bond)).content.decode()


def test_notes_are_encrypted_at_rest(client, alice, bob, shared_bond):
    client.force_login(alice)
    send(client, shared_bond, f"You cooked for me on Friday {CANARY}")
    note = Note.objects.get()
    assert note.text_sealed.startswith("v1:") and CANARY not in note.text_sealed
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM appreciation_note")
        assert all(CANARY not in str(value) for row in cursor.fetchall() for value in row)
    assert note.text.endswith(CANARY)


def test_a_vague_note_waits_with_a_hint_and_can_go_as_it_is(client, alice, bob, shared_bond):
    client.force_login(alice)
    response = send(client, shared_bond, VAGUE)
    body = response.content.decode()
    assert response.status_code == 200 and Note.objects.count() == 0
    assert "Before it goes, a thought" in body
    assert "Examples to borrow from" in body and '<details class="coach-examples" open>' in body
    assert "Send it as it is" in body and "Edit it first" in body
    assert "Thanks for everything</textarea>" in body  # nothing the person wrote is lost

    response = send(client, shared_bond, VAGUE, as_it_is="1", coaching_seen="1")
    assert response.status_code == 302
    assert Note.objects.get().text == VAGUE


def test_a_hint_already_seen_while_typing_does_not_stop_the_send_again(
    client, alice, bob, shared_bond
):
    client.force_login(alice)
    assert send(client, shared_bond, "love you", coaching_seen="1").status_code == 302
    assert Note.objects.count() == 1


def test_after_the_hint_an_improved_note_is_sent(client, alice, bob, shared_bond):
    client.force_login(alice)
    send(client, shared_bond, VAGUE)
    assert send(client, shared_bond, SPECIFIC).status_code == 302
    assert [n.text for n in Note.objects.all()] == [SPECIFIC]


def test_the_live_hint_fragment_holds_only_the_coaching_for_that_text(
    client, alice, bob, shared_bond
):
    services.note_send(sender=bob, bond=shared_bond, text=f"You sang in the car {CANARY}")
    client.force_login(alice)
    url = reverse("appreciation:coach", args=[shared_bond.pk])
    body = client.post(url, {"text": "You're great"}, HTTP_HX_REQUEST="true").content.decode()
    assert "A thought" in body and "could be said to almost anyone" in body
    assert 'name="coaching_seen"' in body
    for absent in (
        "<html",
        "<nav",
        "<form",
        "<h1",
        CANARY,
        "You&#x27;re great",
        "Alice",
        "Bob",
        "Sign",
    ):
        assert absent not in body
    good = client.post(url, {"text": SPECIFIC}).content.decode()
    assert "lovely, specific note" in good and "could be said to almost anyone" not in good
    assert "coaching_seen" not in good
    empty = client.post(url, {"text": ""}).content.decode()
    assert "notes people keep" in empty


def test_the_compose_box_asks_for_hints_as_the_person_types(client, alice, bob, shared_bond):
    client.force_login(alice)
    body = client.get(home(shared_bond)).content.decode()
    assert f'hx-post="{reverse("appreciation:coach", args=[shared_bond.pk])}"' in body
    assert 'hx-trigger="keyup changed delay:600ms"' in body and 'hx-target="#coaching"' in body
    assert 'id="coaching"' in body and 'aria-live="polite"' in body


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write a few words first"),
        ("  \n ", "Write a few words first"),
        ("x" * 1001, "1000 characters or fewer"),
    ],
)
def test_bad_notes_are_refused_with_a_message_and_nothing_changes(
    client, alice, bob, shared_bond, text, message
):
    client.force_login(alice)
    response = send(client, shared_bond, text, as_it_is="1")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Note.objects.count() == 0


def test_a_solo_bond_has_nobody_to_receive_a_note(client, alice, solo_bond):
    client.force_login(alice)
    response = send(client, solo_bond, SPECIFIC, as_it_is="1")
    assert response.status_code == 302 and Note.objects.count() == 0
    assert "nobody to send a note to yet" in client.get(response["Location"]).content.decode()
    with pytest.raises(AppreciationError):
        services.note_send(sender=alice, bond=solo_bond, text=SPECIFIC)
    page = client.get(home(solo_bond)).content.decode()
    assert (
        "Invite them" in page
        and 'action="/bonds/' not in page.split("compose-heading")[1].split("</section>")[0]
    )


@pytest.mark.parametrize("status_change", ["pause", "end"])
def test_a_paused_or_ended_bond_sends_nothing(client, alice, bob, shared_bond, status_change):
    if status_change == "pause":
        bond_pause(person=bob, bond=shared_bond)
        expected = "paused"
    else:  # as when the other person leaves (see bonds.services.bond_leave)
        Bond.objects.filter(pk=shared_bond.pk).update(status="ended")
        expected = "has ended"
    shared_bond.refresh_from_db()
    client.force_login(alice)
    response = send(client, shared_bond, SPECIFIC, as_it_is="1")
    assert response.status_code == 302 and Note.objects.count() == 0
    assert expected in client.get(response["Location"]).content.decode()


def test_a_stranger_gets_404_and_changes_nothing(client, alice, bob, charlie, shared_bond):
    note = services.note_send(sender=alice, bond=shared_bond, text=f"{SPECIFIC} {CANARY}")
    client.force_login(charlie)
    for url in (
        home(shared_bond),
        note_url(note),
        reverse("appreciation:list", args=[shared_bond.pk]),
        reverse("appreciation:over_time", args=[shared_bond.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404 and CANARY not in response.content.decode()
    for name, data in (
        ("appreciation:send", {"text": "hi", "as_it_is": "1"}),
        ("appreciation:coach", {"text": "hi"}),
        ("appreciation:nudge", {"choice": "off"}),
    ):
        assert client.post(reverse(name, args=[shared_bond.pk]), data).status_code == 404
    response = client.post(
        reverse("appreciation:reply", args=[shared_bond.pk, note.pk]), {"reaction": "thanks"}
    )
    assert response.status_code == 404
    assert Note.objects.count() == 1 and ThankYou.objects.count() == 0


def test_a_note_is_only_reachable_through_its_own_bond(client, alice, bob, shared_bond, solo_bond):
    note = services.note_send(sender=alice, bond=shared_bond, text=SPECIFIC)
    client.force_login(alice)
    wrong = reverse("appreciation:note", args=[solo_bond.pk, note.pk])
    assert client.get(wrong).status_code == 404
    assert (
        client.get(
            reverse(
                "appreciation:note", args=[shared_bond.pk, "00000000-0000-0000-0000-000000000000"]
            )
        ).status_code
        == 404
    )


def test_an_unread_note_waits_closed_until_opened(client, alice, bob, shared_bond):
    note = services.note_send(sender=alice, bond=shared_bond, text=f"{SPECIFIC} {CANARY}")
    client.force_login(bob)
    page = client.get(home(shared_bond)).content.decode()
    assert "Alice</strong> sent you a note of thanks" in page
    assert CANARY not in page  # the envelope is closed until Bob opens it
    assert note_url(note) in page
    opened = client.get(note_url(note)).content.decode()
    assert CANARY in opened and "Alice wrote to you" in opened
    note.refresh_from_db()
    assert note.read_at is not None
    page = client.get(home(shared_bond)).content.decode()
    assert CANARY in page and "sent you a note of thanks" not in page


def test_the_sender_opening_their_own_note_does_not_mark_it_read(client, alice, bob, shared_bond):
    note = services.note_send(sender=alice, bond=shared_bond, text=SPECIFIC)
    client.force_login(alice)
    body = client.get(note_url(note)).content.decode()
    assert "Your note to Bob" in body and "Say thank you back" not in body
    note.refresh_from_db()
    assert note.read_at is None


def test_the_sender_is_never_told_whether_it_was_read(client, alice, bob, shared_bond):
    note = services.note_send(sender=alice, bond=shared_bond, text=SPECIFIC)
    client.force_login(alice)
    before = client.get(home(shared_bond)).content.decode()
    client.force_login(bob)
    client.get(note_url(note))
    client.force_login(alice)
    after = client.get(home(shared_bond)).content.decode()
    for word in ("unread", "Unread", "not opened", "hasn't", "Seen", "read it"):
        assert word not in before and word not in after


def test_the_recipient_says_thank_you_and_the_sender_sees_it(client, alice, bob, shared_bond):
    note = services.note_send(sender=alice, bond=shared_bond, text=SPECIFIC)
    client.force_login(bob)
    reply_url = reverse("appreciation:reply", args=[shared_bond.pk, note.pk])
    response = client.post(
        reply_url, {"reaction": "smile", "text": f"It was nothing, really {CANARY}"}
    )
    assert response.status_code == 302
    thanks = ThankYou.objects.get()
    assert thanks.person == bob and thanks.reaction == "smile"
    assert CANARY not in thanks.text_sealed and thanks.text.endswith(CANARY)

    assert selectors.today_section(alice).new_thanks[0].note_id == note.pk
    client.force_login(alice)
    body = client.get(note_url(note)).content.decode()
    assert "This made me smile" in body and CANARY in body and "Bob's thank-you" in body
    assert selectors.today_section(alice).new_thanks == []  # seen now
    assert CANARY in client.get(home(shared_bond)).content.decode()


def test_one_thank_you_per_note_and_only_from_the_recipient(client, alice, bob, shared_bond):
    note = services.note_send(sender=alice, bond=shared_bond, text=SPECIFIC)
    reply_url = reverse("appreciation:reply", args=[shared_bond.pk, note.pk])
    client.force_login(alice)
    response = client.post(reply_url, {"reaction": "thanks"}, follow=True)
    assert "Only the person a note was sent to can answer it." in response.content.decode()
    assert ThankYou.objects.count() == 0
    client.force_login(bob)
    client.post(reply_url, {"reaction": "thanks"})
    response = client.post(reply_url, {"reaction": "hug", "text": "again"}, follow=True)
    assert "already answered" in response.content.decode()
    assert ThankYou.objects.get().reaction == "thanks"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Pick a reaction or write a few words."),
        ({"reaction": "nope"}, "Pick one of the reactions offered."),
        ({"text": "y" * 281}, "280 characters or fewer"),
    ],
)
def test_bad_thank_yous_are_refused(client, alice, bob, shared_bond, data, message):
    note = services.note_send(sender=alice, bond=shared_bond, text=SPECIFIC)
    client.force_login(bob)
    response = client.post(reverse("appreciation:reply", args=[shared_bond.pk, note.pk]), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert ThankYou.objects.count() == 0


def test_no_thank_you_while_the_bond_is_paused(alice, bob, shared_bond):
    note = services.note_send(sender=alice, bond=shared_bond, text=SPECIFIC)
    bond_pause(person=alice, bond=shared_bond)
    with pytest.raises(ApplicationError):
        services.thank_you_send(person=bob, bond=shared_bond, note=note, reaction="thanks", text="")
    assert ThankYou.objects.count() == 0


def test_leaving_takes_your_writing_with_you_and_leaves_theirs(alice, bob, shared_bond):
    mine = services.note_send(sender=alice, bond=shared_bond, text="from alice")
    theirs = services.note_send(sender=bob, bond=shared_bond, text="from bob")
    services.thank_you_send(person=alice, bond=shared_bond, note=theirs, reaction="thanks", text="")
    services.thank_you_send(person=bob, bond=shared_bond, note=mine, reaction="hug", text="")
    services.item_add(person=alice, bond=shared_bond, text="alice's list")
    bobs_item = services.item_add(person=bob, bond=shared_bond, text="bob's list")
    services.forget_person_in_bond(person=alice, bond=shared_bond)
    assert list(Note.objects.all()) == [theirs]
    assert list(ThankYou.objects.all()) == []  # hers on his note; his went with her note
    assert list(ListItem.objects.all()) == [bobs_item]


def test_everything_written_hangs_off_the_writers_membership():
    """So deleting a membership (leaving) can never leave the leaver's writing behind."""
    for model, field in (
        (Note, "sender_membership"),
        (ThankYou, "membership"),
        (ListItem, "membership"),
    ):
        relation = model._meta.get_field(field)
        assert relation.related_model is Membership and relation.remote_field.on_delete is CASCADE


def test_a_generous_daily_limit_stops_a_runaway_sender(alice, bob, shared_bond, monkeypatch):
    monkeypatch.setattr(services, "MAX_NOTES_PER_DAY", 2)
    services.note_send(sender=alice, bond=shared_bond, text="one")
    services.note_send(sender=alice, bond=shared_bond, text="two")
    with pytest.raises(AppreciationError, match="tomorrow"):
        services.note_send(sender=alice, bond=shared_bond, text="three")
    assert Note.objects.count() == 2


def test_notes_page_paginates_and_shows_both_directions(client, alice, bob, shared_bond):
    for n in range(23):
        services.note_send(
            sender=alice if n % 2 else bob, bond=shared_bond, text=f"note number {n}"
        )
    Note.objects.update(read_at="2026-01-01T00:00:00Z")
    client.force_login(alice)
    first = client.get(home(shared_bond)).content.decode()
    assert (
        "note number 22" in first
        and "Page 1 of 2" in first
        and "From Bob" in first
        and "You to Bob" in first
    )
    second = client.get(home(shared_bond) + "?page=2").content.decode()
    assert "note number 0" in second
    assert client.get(home(shared_bond) + "?page=nonsense").status_code == 200
