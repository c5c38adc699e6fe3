"""The foundation's whole story, as two people in two browsers."""

import re

from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import log_in, sign_up


def test_two_people_bond_through_an_invite_then_one_leaves(browse, transactional_db):
    alice = browse.new_page()
    sign_up(alice, email="alice@example.com", name="Alice")
    alice.wait_for_url("**/today/")
    expect(alice.get_by_role("heading", name="Hello, Alice")).to_be_visible()
    browse.check(alice, "today-empty")

    # The first run asks for the bond right on Today.
    alice.fill("#id_name", "Alice & Bob")
    alice.check("input[value=partner]")
    alice.click("button:has-text('Start our bond')")
    expect(alice.get_by_role("heading", name="Alice & Bob")).to_be_visible()
    browse.check(alice, "bond-solo")

    alice.click("button:has-text('Make an invite link')")
    link = alice.input_value("#invite-link")
    assert re.search(r"/invite/[A-Za-z0-9_-]{40,}/$", link)
    browse.check(alice, "invite-link")

    bob = browse.new_page()
    bob.goto(link)
    bob.wait_for_url("**/invite/")
    assert "invite" not in bob.url.split("/invite/")[1]  # the token is gone from the address bar
    expect(bob.get_by_role("heading", name="Alice invited you")).to_be_visible()
    browse.check(bob, "invite-welcome")
    bob.get_by_role("link", name="Make an account").click()
    bob.fill("#id_email", "bob@example.com")
    bob.fill("#id_display_name", "Bob")
    bob.fill("#id_password1", "another-long-password-2")
    bob.fill("#id_password2", "another-long-password-2")
    bob.click("button:has-text('Sign up')")
    bob.wait_for_url("**/invite/")
    browse.check(bob, "invite-accept")
    bob.click("button:has-text('Join the bond')")
    expect(bob.get_by_text("You've joined Alice.")).to_be_visible()
    # Alice's own name for the bond is hers: Bob sees the bond by her name until he names it.
    expect(bob.get_by_role("heading", name="Alice", exact=True)).to_be_visible()
    bob.get_by_text("Rename").click()
    bob.fill("#id_name", "Al and me")
    bob.click("button:has-text('Save the name')")
    expect(bob.get_by_role("heading", name="Al and me")).to_be_visible()

    bob.goto("/today/")
    expect(bob.get_by_text("With Alice.")).to_be_visible()
    browse.check(bob, "today-bob")
    alice.goto("/today/")
    expect(alice.get_by_text("With Bob.")).to_be_visible()
    expect(alice.get_by_text("You're both here.")).to_be_visible()

    # A second use of the same link changes nothing.
    carol = browse.new_page()
    carol.goto(link)
    expect(carol.get_by_role("heading", name="This invite has already been used")).to_be_visible()

    bob.goto("/today/")
    bob.get_by_role("link", name="Al and me").click()
    bob.get_by_text("Take space, or step away").click()  # folded away at the foot of the hub
    bob.get_by_role("link", name="Leave this bond…").click()
    browse.check(bob, "leave")
    bob.click("button:has-text('Leave the bond')")
    expect(bob.get_by_text("Who would you like to feel closer to?")).to_be_visible()
    alice.reload()
    alice.get_by_text("Bonds that have ended (1)").click()  # folded away on Today
    expect(alice.get_by_text("This bond has ended.")).to_be_visible()
    browse.check(alice, "today-ended")


def test_forgotten_password_is_reset_by_email(browse, django_user_model, transactional_db):
    django_user_model.objects.create_user(
        "dana@example.com", "the-old-password-1", display_name="Dana"
    )
    page = browse.new_page()
    page.goto("/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    page.fill("#id_email", "dana@example.com")
    browse.check(page, "reset-request")
    page.click("button:has-text('Send the link')")
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    # The e-mail's link points at the site's public address; the path is what matters here.
    link = re.search(r"https?://\S+?(/reset/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    browse.check(page, "reset-form")
    page.fill("#id_new_password1", "the-new-password-2")
    page.fill("#id_new_password2", "the-new-password-2")
    page.click("button:has-text('Save the new password')")
    page.wait_for_url("**/today/")  # in at once, with the new password set
    expect(page.get_by_text("Your new password is set, and you're logged in.")).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    log_in(page, email="dana@example.com", password="the-new-password-2")
    page.wait_for_url("**/today/")


def test_pause_and_resume_from_the_bond_page(browse, transactional_db):
    page = browse.new_page()
    sign_up(page, email="erin@example.com", name="Erin")
    page.fill("#id_name", "Dad")
    page.check("input[value=family]")
    page.click("button:has-text('Start our bond')")
    page.get_by_text("Take space, or step away").click()  # folded away at the foot of the hub
    page.click("button:has-text('Pause this bond')")
    expect(page.get_by_text("You paused this bond")).to_be_visible()
    browse.check(page, "paused")
    page.click("button:has-text('Resume this bond')")
    expect(page.get_by_text("Welcome back")).to_be_visible()


def test_bad_input_shows_clear_messages(browse, transactional_db):
    page = browse.new_page()
    page.goto("/signup/")
    page.fill("#id_email", "not-an-email")
    page.fill("#id_password1", "short")
    page.fill("#id_password2", "different")
    page.click("button:has-text('Sign up')")
    expect(page.get_by_text("look like an e-mail address")).to_be_visible()
    expect(page.get_by_text("Please look at the highlighted answers below.")).to_be_visible()
    browse.check(page, "signup-errors")
