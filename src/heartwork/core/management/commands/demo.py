"""``heartwork demo``: two demo people who share a bond, so a newcomer can look around."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond, Membership
from heartwork.domain.bonds import BondKind

DEMO_PASSWORD = "demo-heartwork-2026"
DEMO_PEOPLE = [
    ("alex@demo.heartwork", "Alex"),
    ("sam@demo.heartwork", "Sam"),
]


class Command(BaseCommand):
    help = "Create two demo people (Alex and Sam) who share a bond, and print how to log in."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        people = []
        for email, name in DEMO_PEOPLE:
            person = Person.objects.filter(email=email).first()
            if person is None:
                person = Person.objects.create_user(email, DEMO_PASSWORD, display_name=name, time_zone="Europe/London")
            else:
                person.set_password(DEMO_PASSWORD)
                person.save(update_fields=["password"])
            people.append(person)
        alex, sam = people
        shared = Bond.objects.filter(memberships__person=alex).filter(memberships__person=sam).first()
        if shared is None:
            shared = Bond.objects.create(name="Alex & Sam", kind=BondKind.PARTNER, created_by=alex)
            Membership.objects.create(bond=shared, person=alex)
            Membership.objects.create(bond=shared, person=sam)
        self.stdout.write(self.style.SUCCESS("Demo ready. Log in at http://127.0.0.1:8000/login/ as either:"))
        for email, name in DEMO_PEOPLE:
            self.stdout.write(f"  {name}: {email}  password: {DEMO_PASSWORD}")
        self.stdout.write("Use two browser windows (one private) to be both people at once.")
