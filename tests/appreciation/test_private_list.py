"""The private "things I appreciate about you" list: private until an item is shared."""

import pytest
from django.db import connection
from django.urls import reverse

from heartwork.appreciation import services
from heartwork.appreciation.models import ListItem, Note
from heartwork.bonds.services import bond_pause

CANARY = "canary-list-8b2f4"


def list_url(bond):
    return reverse("appreciation:list", args=[bond.pk])


def item_urls(item):
    return [
        reverse(f"appreciation:{name}", args=[item.bond_id, item.pk])
        for name in ("item_edit", "item_delete", "item_share")
    ]


def every_page_bob_can_open(bond):
    return [
        reverse("appreciation:home", args=[bond.pk]),
        list_url(bond),
        reverse("appreciation:over_time", args=[bond.pk]),
        reverse("bonds:detail", args=[bond.pk]),
        reverse("today:today"),
    ]


def test_adding_an_item_keeps_it_private_and_encrypted(client, alice, shared_bond):
    client.force_login(alice)
    response = client.post(list_url(shared_bond), {"text": f"How you sing to the cat {CANARY}"})
    assert response.status_code == 302
    item = ListItem.objects.get()
    assert item.person == alice and item.shared_at is None and item.text.endswith(CANARY)
    with connection.cursor() as cursor:
        cursor.execute("SELECT text_sealed FROM appreciation_listitem")
        assert all(CANARY not in row[0] for row in cursor.fetchall())
    page = client.get(list_url(shared_bond)).content.decode()
    assert CANARY in page and "Private</span>" in page and "Share with Bob" in page


def test_the_other_person_never_sees_a_private_item(client, alice, bob, shared_bond):
    item = services.item_add(person=alice, bond=shared_bond, text=f"Your laugh {CANARY}")
    services.note_send(sender=alice, bond=shared_bond, text="You made tea on Monday.")
    client.force_login(bob)
    for url in every_page_bob_can_open(shared_bond):
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
            assert CANARY not in client.get(url, **headers).content.decode(), url
    for url in item_urls(item):
        assert client.get(url).status_code == 404
        response = client.post(url, {"text": "bob was here"})
        assert response.status_code == 404 and CANARY not in response.content.decode()
    item.refresh_from_db()
    assert item.text.endswith(CANARY) and item.shared_at is None
    assert Note.objects.filter(source=Note.Source.LIST).count() == 0


def test_sharing_is_explicit_per_item_and_arrives_as_a_note(client, alice, bob, shared_bond):
    shared = services.item_add(
        person=alice, bond=shared_bond, text=f"You stayed calm at the vet on Friday {CANARY}"
    )
    kept = services.item_add(person=alice, bond=shared_bond, text="still-private-7c1a")
    client.force_login(alice)
    share_url = reverse("appreciation:item_share", args=[shared_bond.pk, shared.pk])
    preview = client.get(share_url).content.decode()
    assert "Send this to Bob?" in preview and CANARY in preview
    assert Note.objects.count() == 0  # looking is not sharing
    assert client.post(share_url).status_code == 302
    note = Note.objects.get()
    assert (note.sender, note.recipient, note.source) == (alice, bob, Note.Source.LIST)
    shared.refresh_from_db()
    assert shared.shared_note == note and shared.shared_at is not None
    assert "Shared</span> with Bob" in client.get(list_url(shared_bond)).content.decode()

    client.force_login(bob)
    opened = client.get(
        reverse("appreciation:note", args=[shared_bond.pk, note.pk])
    ).content.decode()
    assert CANARY in opened and "From the list of things Alice appreciates about you." in opened
    for url in every_page_bob_can_open(shared_bond):
        assert "still-private-7c1a" not in client.get(url).content.decode()
    kept.refresh_from_db()
    assert kept.shared_at is None


def test_an_item_is_shared_only_once(client, alice, bob, shared_bond):
    item = services.item_add(person=alice, bond=shared_bond, text="Your patience with my driving.")
    client.force_login(alice)
    share_url = reverse("appreciation:item_share", args=[shared_bond.pk, item.pk])
    client.post(share_url)
    response = client.post(share_url, follow=True)
    assert "already shared" in response.content.decode()
    assert Note.objects.count() == 1


def test_sharing_in_a_solo_or_paused_bond_gives_a_message_and_changes_nothing(
    client, alice, bob, shared_bond, solo_bond
):
    solo_item = services.item_add(person=alice, bond=solo_bond, text="Mum's soup.")
    client.force_login(alice)
    share_url = reverse("appreciation:item_share", args=[solo_bond.pk, solo_item.pk])
    assert "nobody to send a note to yet" in client.get(share_url).content.decode()
    response = client.post(share_url, follow=True)
    assert "nobody to send a note to yet" in response.content.decode()

    item = services.item_add(person=alice, bond=shared_bond, text="Your kindness.")
    bond_pause(person=bob, bond=shared_bond)
    shared_bond.refresh_from_db()
    response = client.post(
        reverse("appreciation:item_share", args=[shared_bond.pk, item.pk]), follow=True
    )
    assert "paused" in response.content.decode()
    assert Note.objects.count() == 0
    assert ListItem.objects.filter(shared_at__isnull=False).count() == 0
    # The list itself stays usable: it is private writing, not contact.
    assert client.post(list_url(shared_bond), {"text": "Still thinking of you."}).status_code == 302


def test_edit_and_delete_an_item(client, alice, bob, shared_bond):
    item = services.item_add(person=alice, bond=shared_bond, text="first words")
    client.force_login(alice)
    edit_url, delete_url, _ = item_urls(item)
    assert "first words" in client.get(edit_url).content.decode()
    assert client.post(edit_url, {"text": "better words"}).status_code == 302
    item.refresh_from_db()
    assert item.text == "better words"
    assert "Delete this item?" in client.get(delete_url).content.decode()
    assert client.post(delete_url).status_code == 302
    assert ListItem.objects.count() == 0


def test_deleting_a_shared_item_leaves_the_sent_note(alice, bob, shared_bond):
    item = services.item_add(
        person=alice, bond=shared_bond, text="You noticed I was tired on Monday."
    )
    note = services.item_share(person=alice, bond=shared_bond, item=item)
    services.item_delete(person=alice, item=item)
    assert Note.objects.get() == note


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write a few words"),
        ("   ", "Write a few words"),
        ("z" * 1001, "1000 characters or fewer"),
    ],
)
def test_bad_items_are_refused_and_change_nothing(client, alice, shared_bond, text, message):
    item = services.item_add(person=alice, bond=shared_bond, text="kept as it was")
    client.force_login(alice)
    response = client.post(list_url(shared_bond), {"text": text})
    assert response.status_code == 400 and message in response.content.decode()
    response = client.post(item_urls(item)[0], {"text": text})
    assert response.status_code == 400 and message in response.content.decode()
    assert [i.text for i in ListItem.objects.all()] == ["kept as it was"]


def test_a_stranger_cannot_reach_the_list(client, alice, charlie, shared_bond):
    item = services.item_add(person=alice, bond=shared_bond, text=f"{CANARY}")
    client.force_login(charlie)
    assert client.get(list_url(shared_bond)).status_code == 404
    assert client.post(list_url(shared_bond), {"text": "hello"}).status_code == 404
    for url in item_urls(item):
        assert client.post(url, {"text": "hello"}).status_code == 404
    assert ListItem.objects.count() == 1
