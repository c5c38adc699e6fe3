"""``heartwork reset_second_factor EMAIL``: turn off a person's two-step login.

For someone who lost both their phone and their recovery codes. It removes their
authenticator app's secret and every recovery code, so their password alone logs them in
again, and they can set two-step login up afresh in Settings. It changes nothing else.

Check that the request really comes from the person first (OWASP ASVS 5.0 V6.4: a lost
factor is replaced only after the same care as when the account was made), for example
by a reply from their account's e-mail address and something only they would know. This
command is the only way round the second factor; it is logged with the person's id.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from heartwork.accounts.models import Person
from heartwork.accounts.second_factor import second_factor_remove
from heartwork.accounts.throttle import normalise_email


class Command(BaseCommand):
    help = (
        "Turn off a person's two-step login (their authenticator app and recovery codes), "
        "after you have made sure the request comes from them."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email", help="the e-mail address the person logs in with")

    def handle(self, *args: Any, **options: Any) -> None:
        email = normalise_email(options["email"])
        person = Person.objects.filter(email__iexact=email).first()
        if person is None:
            raise CommandError(f"No account has the address {email}.")
        if not second_factor_remove(person=person, by_operator=True):
            self.stdout.write(f"{email} has no two-step login; nothing changed.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Two-step login is off for {email}. Their password alone logs them in now; "
                "they can set it up again in Settings. They have been sent an e-mail saying so."
            )
        )
