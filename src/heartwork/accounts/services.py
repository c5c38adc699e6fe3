"""Changes to a person's own account."""

from __future__ import annotations

import datetime
import logging

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from heartwork.accounts.keys import forget_cached_key
from heartwork.accounts.models import PendingSignup, Person
from heartwork.bonds.services import bond_leave
from heartwork.core.errors import ApplicationError
from heartwork.domain.invites import hash_invite_token, looks_like_token
from heartwork.keyring.services import wrapped_key_delete

log = logging.getLogger("heartwork.accounts")


@transaction.atomic
def person_delete(*, person: Person) -> None:
    """Delete a person and everything they wrote.

    They leave each bond first, so a bond they shared ends for the other person (who keeps
    their own entries) and a bond nobody else is in is deleted outright.
    """
    person_id = person.pk
    for membership in list(person.memberships.select_related("bond")):
        bond_leave(person=person, bond=membership.bond)
    person.delete()
    forget_cached_key(person_id)
    # Once the deletion has committed, their data key goes from the keyring, so what they
    # wrote can no longer be opened from any earlier backup of the main database.
    transaction.on_commit(lambda: _erase_key(person_id))
    log.info("person deleted person=%s", person_id)


def _erase_key(person_id) -> None:
    wrapped_key_delete(person_id)
    forget_cached_key(person_id)


# --- Sign-up with e-mail confirmation, and password resets ---------------------------------

SIGNUP_LIFETIME = datetime.timedelta(days=1)


def signup_request(*, form) -> PendingSignup:
    """Keep a sign-up until its address is confirmed, and queue the e-mail. Done the same
    way for an address that already has an account: only the e-mail differs."""
    from heartwork.accounts.tasks import send_signup_email

    data = form.cleaned_data
    pending = PendingSignup.objects.create(
        email=data["email"],
        display_name=data["display_name"],
        time_zone=data["time_zone"],
        password=make_password(data["password1"]),
        expires_at=timezone.now() + SIGNUP_LIFETIME,
    )
    PendingSignup.objects.filter(expires_at__lt=timezone.now()).delete()
    send_signup_email.enqueue(str(pending.pk))
    return pending


def pending_signup_for_token(token: str) -> PendingSignup | None:
    if not looks_like_token(token):
        return None
    return PendingSignup.objects.filter(
        token_hash=hash_invite_token(token), expires_at__gt=timezone.now()
    ).first()


@transaction.atomic
def signup_confirm(*, pending: PendingSignup) -> Person:
    if Person.objects.filter(email__iexact=pending.email).exists():
        pending.delete()
        raise ApplicationError(
            "This address already has an account. Log in, or reset your password."
        )
    person = Person(
        email=pending.email.lower(), display_name=pending.display_name, time_zone=pending.time_zone
    )
    person.password = pending.password
    person.full_clean(exclude=["password"])
    person.save()
    PendingSignup.objects.filter(email__iexact=pending.email).delete()
    log.info("sign-up confirmed person=%s", person.pk)
    return person


def password_reset_request(*, email: str, send: bool) -> None:
    """Queue a reset e-mail. Unknown addresses queue one too (it sends nothing), so the
    request costs the same either way; the queue holds a person's id, never an address."""
    from heartwork.accounts.tasks import send_password_reset

    person = Person.objects.filter(email__iexact=email, is_active=True).only("pk").first()
    send_password_reset.enqueue(str(person.pk) if person is not None and send else None)
