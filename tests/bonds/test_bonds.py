import re
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from heartwork.bonds.models import Bond, Invite, Membership
from heartwork.bonds.selectors import bond_for_member
from heartwork.bonds.views import INVITE_SESSION_KEY
from heartwork.domain.bonds import BondKind
from heartwork.domain.invites import hash_invite_token


def link_on(page: str) -> str:
    return re.search(r'value="http://testserver(/invite/[^"]+/)"', page).group(1)


def make_invite_link(client, bond) -> str:
    response = client.post(reverse("bonds:invite_create", args=[bond.pk]), follow=True)
    assert response.status_code == 200
    return link_on(response.content.decode())


def accept(client, link):
    client.get(link)
    return client.post(reverse("bonds:invite_accept"))


def client_for(client, person):
    client.force_login(person)
    return client


def test_create_bond(alice_client, alice):
    response = alice_client.post(
        reverse("bonds:new"), {"name": "  Thursday walks ", "kind": "friend"}
    )
    bond = Bond.objects.get()
    assert response["Location"] == reverse("bonds:detail", args=[bond.pk])
    assert (bond.kind, bond.status) == ("friend", "active")
    assert list(bond.memberships.values_list("person", flat=True)) == [alice.pk]
    assert bond_for_member(alice, bond.pk).name == "Thursday walks"
    # The name is sealed: it is not in the database in the clear.
    sealed = bond.memberships.get().name_sealed
    assert sealed.startswith("v1:") and "Thursday" not in sealed


def test_each_member_names_the_bond_for_themselves(client, alice, bob, shared_bond):
    client.force_login(bob)
    response = client.post(
        reverse("bonds:rename", args=[shared_bond.pk]), {"name": "Al"}, follow=True
    )
    assert "Only you see this name" in response.content.decode()
    assert bond_for_member(bob, shared_bond.pk).name == "Al"
    assert bond_for_member(alice, shared_bond.pk).name == "Alice & Bob"
    response = client.post(reverse("bonds:rename", args=[shared_bond.pk]), {"name": "   "})
    assert response.status_code == 400 and bond_for_member(bob, shared_bond.pk).name == "Al"


def test_someone_who_joins_sees_the_inviters_name_until_they_name_it(client, alice, bob, solo_bond):
    link = make_invite_link(client_for(client, alice), solo_bond)
    client.force_login(bob)
    client.get(link)
    response = client.post(reverse("bonds:invite_accept"), follow=True)
    assert "Mum" not in response.content.decode()  # Alice's own name for it stays hers
    assert bond_for_member(bob, solo_bond.pk).name == "Alice"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "kind": "friend"}, "Please fill this in"),
        ({"name": "   ", "kind": "friend"}, "Please fill this in"),
        ({"name": "x" * 81, "kind": "friend"}, "80 characters or fewer"),
        ({"name": "Sam", "kind": "enemy"}, "Choose one of the kinds"),
        ({"name": "Sam"}, "Choose the kind of bond"),
    ],
)
def test_create_bond_bad_input(alice_client, data, message):
    response = alice_client.post(reverse("bonds:new"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Bond.objects.count() == 0


def test_invite_token_is_stored_as_a_hash_and_sealed_never_in_the_clear(alice_client, solo_bond):
    link = make_invite_link(alice_client, solo_bond)
    token = link.split("/")[2]
    invite = Invite.objects.get()
    assert invite.token_hash == hash_invite_token(token)
    assert invite.token_sealed.startswith("v1:") and token not in invite.token_sealed
    assert not Invite.objects.filter(token_hash__contains=token).exists()


def test_the_invite_page_shows_the_same_link_on_every_visit(alice_client, solo_bond):
    invite_page = reverse("bonds:invite_create", args=[solo_bond.pk])
    link = make_invite_link(alice_client, solo_bond)
    # A reload, coming back later, or the form sent again: the same link, never a new one.
    assert link_on(alice_client.get(invite_page).content.decode()) == link
    assert link_on(alice_client.get(invite_page).content.decode()) == link
    assert make_invite_link(alice_client, solo_bond) == link
    assert Invite.objects.count() == 1 and Invite.objects.open().count() == 1


def test_the_invite_page_without_a_link_offers_to_make_one(alice_client, solo_bond):
    response = alice_client.get(reverse("bonds:invite_create", args=[solo_bond.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'action="{reverse("bonds:invite_create", args=[solo_bond.pk])}"' in page
    assert "Make an invite link" in page and "data-copy-source" not in page
    assert Invite.objects.count() == 0  # looking makes nothing


def test_a_new_link_is_an_explicit_action_and_the_old_one_stops_working(
    alice_client, client, bob, solo_bond
):
    old = make_invite_link(alice_client, solo_bond)
    page = alice_client.get(reverse("bonds:invite_create", args=[solo_bond.pk])).content.decode()
    assert f'action="{reverse("bonds:invite_new", args=[solo_bond.pk])}"' in page
    assert "stops working" in page
    response = alice_client.post(reverse("bonds:invite_new", args=[solo_bond.pk]), follow=True)
    new = link_on(response.content.decode())
    assert new != old and "no longer works" in response.content.decode()
    client.force_login(bob)
    assert "replaced" in client.get(old, follow=True).content.decode()
    accept(client, new)
    assert solo_bond.memberships.count() == 2
    assert Invite.objects.get(accepted_by=bob).token_sealed == ""  # used: not kept


def test_a_withdrawn_link_is_no_longer_kept_or_shown(alice_client, solo_bond):
    link = make_invite_link(alice_client, solo_bond)
    alice_client.post(reverse("bonds:invite_revoke", args=[solo_bond.pk]))
    assert Invite.objects.get().token_sealed == ""
    page = alice_client.get(reverse("bonds:invite_create", args=[solo_bond.pk])).content.decode()
    assert link not in page and "Make an invite link" in page


def test_a_link_made_before_links_were_kept_still_works_and_can_be_replaced(
    alice_client, solo_bond
):
    make_invite_link(alice_client, solo_bond)
    Invite.objects.update(token_sealed="")  # as a link from before this release
    page = alice_client.get(reverse("bonds:invite_create", args=[solo_bond.pk])).content.decode()
    assert "still works" in page and "Make a new link" in page
    assert make_invite_link(alice_client, solo_bond)  # asking makes one it can show
    assert Invite.objects.open().count() == 1


def test_the_invite_page_of_a_full_bond_goes_to_the_bonds_page(alice_client, shared_bond):
    response = alice_client.get(reverse("bonds:invite_create", args=[shared_bond.pk]))
    assert response["Location"] == reverse("bonds:detail", args=[shared_bond.pk])


def test_invite_accept_by_a_new_person(alice_client, client, bob, solo_bond):
    link = make_invite_link(alice_client, solo_bond)
    client.force_login(bob)
    response = client.get(link)
    assert response["Location"] == reverse("bonds:invite_accept")  # token leaves the URL at once
    page = client.get(reverse("bonds:invite_accept")).content.decode()
    assert "Join Alice" in page
    response = client.post(reverse("bonds:invite_accept"))
    assert response["Location"] == reverse("bonds:detail", args=[solo_bond.pk])
    assert solo_bond.memberships.count() == 2
    assert INVITE_SESSION_KEY not in client.session


def test_invitee_who_is_logged_out_is_asked_to_sign_up_or_log_in(alice_client, solo_bond):
    link = make_invite_link(alice_client, solo_bond)
    page = Client().get(link, follow=True).content.decode()
    assert "Alice invited you" in page and "Make an account" in page
    assert "Mum" not in page  # the bond's name is only shown to someone logged in


def test_second_accept_is_refused_and_changes_nothing(
    alice_client, client, bob, charlie, solo_bond
):
    link = make_invite_link(alice_client, solo_bond)
    client.force_login(bob)
    accept(client, link)
    client.force_login(charlie)
    response = client.get(link, follow=True)
    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert not Membership.objects.filter(person=charlie).exists()


def test_accept_twice_by_same_person(alice_client, client, bob, solo_bond):
    link = make_invite_link(alice_client, solo_bond)
    client.force_login(bob)
    accept(client, link)
    response = client.get(link, follow=True)
    assert "already been used" in response.content.decode()
    assert solo_bond.memberships.count() == 2


def test_expired_invite(alice_client, client, bob, solo_bond):
    link = make_invite_link(alice_client, solo_bond)
    client.force_login(bob)
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        response = client.get(link, follow=True)
        assert response.status_code == 410 and "expired" in response.content.decode()
        response = client.post(reverse("bonds:invite_accept"))
    assert solo_bond.memberships.count() == 1


def test_new_link_replaces_the_old_one(alice_client, client, bob, solo_bond):
    old = make_invite_link(alice_client, solo_bond)
    response = alice_client.post(reverse("bonds:invite_new", args=[solo_bond.pk]), follow=True)
    new = link_on(response.content.decode())
    client.force_login(bob)
    assert "replaced" in client.get(old, follow=True).content.decode()
    accept(client, new)
    assert solo_bond.memberships.count() == 2


def test_revoked_invite(alice_client, client, bob, solo_bond):
    link = make_invite_link(alice_client, solo_bond)
    alice_client.post(reverse("bonds:invite_revoke", args=[solo_bond.pk]))
    client.force_login(bob)
    assert client.get(link, follow=True).status_code == 410


def test_inviter_cannot_accept_their_own_invite(alice_client, solo_bond):
    link = make_invite_link(alice_client, solo_bond)
    response = accept(alice_client, link)
    assert response.status_code == 302
    assert solo_bond.memberships.count() == 1
    page = alice_client.get(response["Location"]).content.decode()
    assert "already in this bond" in page


@pytest.mark.parametrize("token", ["x", "not a token at all", "A" * 43, "%00%00", "a" * 500])
def test_unknown_or_malformed_token(client, bob, token):
    client.force_login(bob)
    response = client.get(f"/invite/{token}/", follow=True)
    assert response.status_code == 404
    assert "recognise this invite" in response.content.decode()


def test_accept_page_without_any_token(client, bob):
    client.force_login(bob)
    assert client.post(reverse("bonds:invite_accept")).status_code == 404


def test_no_invites_once_the_bond_is_full(client, alice, shared_bond):
    client.force_login(alice)
    response = client.post(reverse("bonds:invite_create", args=[shared_bond.pk]), follow=True)
    assert "already has two people" in response.content.decode()
    assert Invite.objects.count() == 0


def test_pause_and_only_the_pauser_resumes(client, alice, bob, shared_bond):
    client.force_login(bob)
    client.post(reverse("bonds:pause", args=[shared_bond.pk]))
    shared_bond.refresh_from_db()
    assert shared_bond.status == "paused" and shared_bond.paused_by == bob
    client.force_login(alice)
    response = client.post(reverse("bonds:resume", args=[shared_bond.pk]), follow=True)
    assert "person who paused" in response.content.decode()
    shared_bond.refresh_from_db()
    assert shared_bond.status == "paused"
    client.force_login(bob)
    client.post(reverse("bonds:resume", args=[shared_bond.pk]))
    shared_bond.refresh_from_db()
    assert shared_bond.status == "active"


def test_paused_bond_sends_no_invites(alice_client, solo_bond):
    alice_client.post(reverse("bonds:pause", args=[solo_bond.pk]))
    response = alice_client.post(reverse("bonds:invite_create", args=[solo_bond.pk]), follow=True)
    assert "only be sent from an active bond" in response.content.decode()


def test_leave_shared_bond_ends_it_for_the_other(client, alice, bob, shared_bond):
    client.force_login(alice)
    assert (
        "will see that it has ended"
        in client.get(reverse("bonds:leave", args=[shared_bond.pk])).content.decode()
    )
    client.post(reverse("bonds:leave", args=[shared_bond.pk]))
    shared_bond.refresh_from_db()
    assert shared_bond.status == "ended"
    client.force_login(bob)
    assert "This bond has ended" in client.get(reverse("today:today")).content.decode()
    client.force_login(alice)
    assert client.get(reverse("bonds:detail", args=[shared_bond.pk])).status_code == 404


def test_leave_solo_bond_deletes_it(alice_client, solo_bond):
    alice_client.post(reverse("bonds:leave", args=[solo_bond.pk]))
    assert not Bond.objects.filter(pk=solo_bond.pk).exists()


def test_today_shows_bonds_and_invite_state(alice_client, shared_bond, solo_bond):
    make_invite_link(alice_client, solo_bond)
    page = alice_client.get(reverse("today:today")).content.decode()
    assert "Alice &amp; Bob" in page and "both here" in page
    assert "Invite sent" in page


def test_today_lists_only_my_bonds(client, charlie, shared_bond):
    client.force_login(charlie)
    page = client.get(reverse("today:today")).content.decode()
    assert "Alice &amp; Bob" not in page and "Who would you like to feel closer to?" in page


def test_today_summaries_come_from_one_scoped_query(
    alice, bob, charlie, shared_bond, solo_bond, django_assert_num_queries
):
    from heartwork.bonds.selectors import bond_summaries_for_person
    from heartwork.bonds.services import bond_create, invite_create

    invite_create(person=alice, bond=solo_bond)
    bond_create(person=charlie, name="Not Alice's", kind=BondKind.FRIEND)
    with django_assert_num_queries(1):
        summaries = bond_summaries_for_person(alice)
    by_name = {s.bond.name: s for s in summaries}
    assert set(by_name) == {"Alice & Bob", "Mum"}
    assert (
        by_name["Alice & Bob"].others == ["Bob"] and by_name["Alice & Bob"].view.member_count == 2
    )
    mum = by_name["Mum"]
    assert mum.others == [] and mum.view.has_open_invite
    assert mum.invite_expires_at.tzinfo is not None and mum.invite_expires_at > timezone.now()
    assert mum.bond.kind is BondKind.FAMILY and mum.bond.id == solo_bond.pk


def test_leaving_takes_the_leavers_writing_in_the_bond_with_them(client, alice, bob, shared_bond):
    from heartwork.appreciation import services as appreciation
    from heartwork.appreciation.models import ListItem, Note
    from heartwork.checkins.models import CheckIn
    from heartwork.checkins.services import acknowledge, checkin_record
    from heartwork.prompts import services as prompts
    from heartwork.prompts.models import Answer

    round_ = prompts.round_for_today(bond=shared_bond)
    prompts.answer_submit(person=alice, bond=shared_bond, round_=round_, text="alice")
    prompts.answer_submit(person=bob, bond=shared_bond, round_=round_, text="bob")
    alices = checkin_record(person=alice, feelings=["sad"], intensity=2, share_with=shared_bond)
    bobs = checkin_record(person=bob, feelings=["calm"], intensity=2, share_with=shared_bond)
    acknowledge(person=alice, checkin=bobs, phrase="thank-you", reply="")
    appreciation.note_send(sender=alice, bond=shared_bond, text="You fixed the gate on Sunday.")
    bobs_note = appreciation.note_send(sender=bob, bond=shared_bond, text="You cooked on Friday.")
    appreciation.item_add(person=alice, bond=shared_bond, text="Her laugh.")
    client.force_login(alice)
    client.post(reverse("bonds:leave", args=[shared_bond.pk]))
    assert list(Answer.objects.values_list("person", flat=True)) == [bob.pk]
    assert CheckIn.objects.get(pk=alices.pk).shared_with is None  # back to private, still hers
    assert (
        CheckIn.objects.get(pk=bobs.pk).shared_with == shared_bond
        and not bobs.acknowledgements.exists()
    )
    assert list(Note.objects.all()) == [bobs_note] and not ListItem.objects.exists()
