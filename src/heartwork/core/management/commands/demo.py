"""``heartwork demo``: two demo people who share a bond, so a newcomer can look around.

When it first makes the bond it also fills in a little of what a shared day looks like,
from Sam's side, so Alex's Today page has something in every practice: a note of thanks,
a shared check-in, an evening walk planned and Sam's answer to today's prompt.
"""

from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond, Membership
from heartwork.core.clock import local_now
from heartwork.core.setup import prepare_databases
from heartwork.domain.bonds import BondKind

DEMO_PASSWORD = "demo-heartwork-2026"
DEMO_PEOPLE = [
    ("alex@demo.heartwork", "Alex"),
    ("sam@demo.heartwork", "Sam"),
]


class Command(BaseCommand):
    help = "Create two demo people (Alex and Sam) who share a bond, and print how to log in."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--empty",
            action="store_true",
            help="Only the two people and their bond, nothing written yet.",
        )

    def handle(self, *args, empty: bool = False, **options) -> None:
        # A fresh data directory works straight away: no separate `migrate` step.
        prepare_databases()
        self._fill(empty=empty)

    @transaction.atomic
    def _fill(self, *, empty: bool) -> None:
        people = []
        for email, name in DEMO_PEOPLE:
            person = Person.objects.filter(email=email).first()
            if person is None:
                person = Person.objects.create_user(
                    email, DEMO_PASSWORD, display_name=name, time_zone="Europe/London"
                )
            else:
                person.set_password(DEMO_PASSWORD)
                person.save(update_fields=["password"])
            people.append(person)
        alex, sam = people
        shared = (
            Bond.objects.filter(memberships__person=alex).filter(memberships__person=sam).first()
        )
        if shared is None:
            shared = Bond.objects.create(kind=BondKind.PARTNER, created_by=alex)
            for person, name in ((alex, "Sam and me"), (sam, "Alex and me")):
                membership = Membership(bond=shared, person=person)
                membership.name = name
                membership.save()
            if not empty:
                _a_shared_day(alex=alex, sam=sam, bond=shared)
        self.stdout.write(
            self.style.SUCCESS("Demo ready. Log in at http://127.0.0.1:8000/login/ as either:")
        )
        for email, name in DEMO_PEOPLE:
            self.stdout.write(f"  {name}: {email}  password: {DEMO_PASSWORD}")
        self.stdout.write("Use two browser windows (one private) to be both people at once.")


def _a_shared_day(*, alex: Person, sam: Person, bond: Bond) -> None:
    # Imported here: the practices are apps of their own, and the demo only visits them.
    from heartwork.appreciation.services import note_send
    from heartwork.checkins.services import checkin_record
    from heartwork.prompts.services import (
        answer_submit,
        change_answer,
        change_propose,
        round_for_today,
    )
    from heartwork.together.services import time_log

    note_send(
        sender=sam,
        bond=bond,
        text="You made soup on Tuesday when I came home soaked and grumpy, and didn't ask a "
        "single question until I was ready. That was kind, and I felt looked after.",
    )
    checkin_record(
        person=sam,
        feelings=["hopeful", "nervous"],
        intensity=3,
        share_with=bond,
        feel="hopeful and a bit nervous",
        when="I think about the new job",
        because="it could be a good change for us",
    )
    # Six in the evening on Sam's clock, today if that's still a while off, else tomorrow:
    # close enough for Today to mention it.
    now = timezone.now()
    evening = local_now(sam, now).replace(hour=18, minute=0, second=0, microsecond=0)
    if evening <= now + datetime.timedelta(hours=2):
        evening += datetime.timedelta(days=1)
    time_log(
        person=sam,
        bond=bond,
        kind="walk",
        when=evening,
        minutes=45,
        phones_away=True,
        title="Walk by the river",
    )
    # Sam asks for a prompt from the deck and Alex says yes: changing it takes both. (On
    # the odd day the deck's pick is already today's prompt, there is nothing to ask.)
    mishap_prompt = "experiential-1-025"
    if round_for_today(bond=bond).prompt_id != mishap_prompt:
        asked = change_propose(person=sam, bond=bond, kind="chosen", prompt_id=mishap_prompt)
        change_answer(person=alex, bond=bond, change_id=asked.pk, accept=True)
    funniest_mishap = round_for_today(bond=bond)
    answer_submit(
        person=sam,
        bond=bond,
        round_=funniest_mishap,
        text=(
            "Getting lost on the way to the lake and ending up at that bakery instead. Best "
            "wrong turn ever."
        ),
    )
