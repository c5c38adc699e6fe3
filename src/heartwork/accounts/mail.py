"""The e-mails an account gets: a password-reset link, the sign-up confirmation, and a
notice when two-step login changes."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from heartwork.accounts.models import PendingSignup, Person
from heartwork.domain.invites import hash_invite_token, new_invite_token

log = logging.getLogger("heartwork.accounts")


def _link(path: str) -> str:
    return settings.SITE_URL + path


def _site() -> dict:
    parts = urlsplit(settings.SITE_URL)
    return {"site_name": settings.SITE_NAME, "domain": parts.netloc, "protocol": parts.scheme}


def password_reset_send(*, person_id: str | None) -> bool:
    """Send the reset link to an active person. ``None`` (no such account) sends nothing."""
    person = Person.objects.filter(pk=person_id, is_active=True).first() if person_id else None
    if person is None or not person.has_usable_password():
        return False
    context = {
        **_site(),
        "email": person.email,
        "uid": urlsafe_base64_encode(force_bytes(person.pk)),
        "user": person,
        "token": default_token_generator.make_token(person),
    }
    subject = "".join(
        render_to_string("accounts/email/password_reset_subject.txt", context).splitlines()
    )
    send_mail(
        subject,
        render_to_string("accounts/email/password_reset.txt", context),
        None,
        [person.email],
    )
    log.info("password reset e-mail sent person=%s", person.pk)
    return True


def signup_email_send(*, pending_id: str) -> bool:
    pending = PendingSignup.objects.filter(pk=pending_id).first()
    if pending is None:
        return False
    context = {**_site(), "name": pending.display_name}
    if Person.objects.filter(email__iexact=pending.email).exists():
        # The address already has an account: tell its owner, make nothing.
        context["login_url"] = _link(reverse("accounts:login"))
        context["reset_url"] = _link(reverse("accounts:password_reset"))
        body = render_to_string("accounts/email/signup_exists.txt", context)
        pending.delete()
        subject = f"You already have a {settings.SITE_NAME} account"
    else:
        token = new_invite_token()
        pending.token_hash = hash_invite_token(token)
        pending.save(update_fields=["token_hash"])
        context["confirm_url"] = _link(reverse("accounts:signup_confirm", kwargs={"token": token}))
        body = render_to_string("accounts/email/signup_confirm.txt", context)
        subject = f"Confirm your {settings.SITE_NAME} account"
    send_mail(subject, body, None, [pending.email])
    log.info("sign-up e-mail sent pending=%s", pending_id)
    return True


SECOND_FACTOR_SUBJECTS = {
    "on": "Two-step login is on for your {site} account",
    "off": "Two-step login is off for your {site} account",
    "reset": "Two-step login was turned off for your {site} account",
    "codes": "New recovery codes for your {site} account",
}


def second_factor_notice_send(*, person_id: str, change: str) -> bool:
    """Tell a person their two-step login changed, so a change they didn't make is noticed."""
    person = Person.objects.filter(pk=person_id, is_active=True).first()
    if person is None or change not in SECOND_FACTOR_SUBJECTS:
        return False
    context = {
        **_site(),
        "name": person.display_name,
        "change": change,
        "reset_url": _link(reverse("accounts:password_reset")),
    }
    send_mail(
        SECOND_FACTOR_SUBJECTS[change].format(site=settings.SITE_NAME),
        render_to_string("accounts/email/second_factor_changed.txt", context),
        None,
        [person.email],
    )
    log.info("two-step login notice sent person=%s change=%s", person.pk, change)
    return True
