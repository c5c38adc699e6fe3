"""Standing personas: alice and bob share a bond; charlie is a stranger who gets 404 everywhere."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond, Membership
from heartwork.domain.bonds import BondKind

PASSWORD = "a-long-test-password-1"


def make_person(email: str, name: str) -> Person:
    return Person.objects.create_user(email, PASSWORD, display_name=name, time_zone="Europe/London")


@pytest.fixture
def alice(db) -> Person:
    return make_person("alice@example.com", "Alice")


@pytest.fixture
def bob(db) -> Person:
    return make_person("bob@example.com", "Bob")


@pytest.fixture
def charlie(db) -> Person:
    return make_person("charlie@example.com", "Charlie")


@pytest.fixture
def shared_bond(alice, bob) -> Bond:
    bond = Bond.objects.create(name="Alice & Bob", kind=BondKind.PARTNER, created_by=alice)
    Membership.objects.create(bond=bond, person=alice)
    Membership.objects.create(bond=bond, person=bob)
    return bond


@pytest.fixture
def solo_bond(alice) -> Bond:
    bond = Bond.objects.create(name="Mum", kind=BondKind.FAMILY, created_by=alice)
    Membership.objects.create(bond=bond, person=alice)
    return bond


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture(autouse=True)
def _clear_login_attempts(db):
    yield
    AccessAttempt.objects.all().delete()
