"""Standing personas: alice and bob share a bond; charlie is a stranger who gets 404 everywhere."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.core.cache import caches
from hypothesis import settings as hypothesis_settings

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond, Membership
from heartwork.domain.bonds import BondKind

PASSWORD = "a-long-test-password-1"

# Property tests check what is true, not how fast: on a busy 2-core machine a single example
# can take longer than Hypothesis's default 200 ms deadline, which is noise, not a finding.
hypothesis_settings.register_profile("heartwork", deadline=None)
hypothesis_settings.load_profile("heartwork")


@pytest.fixture(autouse=True)
def _no_today_page_kept_from_another_test():
    """The Today body is kept in each process's memory (heartwork.today.cache); a test
    starts without what another test left there."""
    caches["today"].clear()


@pytest.hookimpl(tryfirst=True)  # before -m deselects by the markers added here
def pytest_collection_modifyitems(items):
    """Every test that touches the database may use the keyring too: sealing text reads a
    person's data key from it (heartwork.keyring).

    A test that never queries the test database runs the same on any engine: it is marked
    ``engine_free``, and the PostgreSQL leg of scripts/test.sh leaves it to the SQLite leg."""
    for item in items:
        if _engine_free(item):
            item.add_marker(pytest.mark.engine_free)
        marker = item.get_closest_marker("django_db")
        if marker is None and not {"db", "transactional_db", "live_server"} & set(
            item.fixturenames
        ):
            continue
        kwargs = dict(marker.kwargs) if marker else {}
        if "databases" not in kwargs:
            kwargs["databases"] = ["default", "keyring"]
            item.add_marker(
                pytest.mark.django_db(*(marker.args if marker else ()), **kwargs), append=False
            )


def _engine_free(item) -> bool:
    """The domain core (no Django), and modules that say ``ENGINE_FREE = True`` (they run
    real installs in child processes, on SQLite files of their own). A test that needs
    PostgreSQL itself carries the ``postgresql`` marker and is never engine-free."""
    if item.get_closest_marker("postgresql") is not None:
        return False
    in_domain = "tests/domain/" in str(item.path).replace("\\", "/")
    return in_domain or bool(getattr(item.module, "ENGINE_FREE", False))


def make_person(email: str, name: str, zone: str = "Europe/London") -> Person:
    return Person.objects.create_user(email, PASSWORD, display_name=name, time_zone=zone)


# The personas live in three time zones, so a page that prints UTC, or a rule that reads
# the wrong person's clock, shows up as a failing test.
@pytest.fixture
def alice(db) -> Person:
    return make_person("alice@example.com", "Alice", "Europe/London")


@pytest.fixture
def bob(db) -> Person:
    return make_person("bob@example.com", "Bob", "America/New_York")


@pytest.fixture
def charlie(db) -> Person:
    return make_person("charlie@example.com", "Charlie", "Asia/Tokyo")


def join(bond: Bond, person: Person, name: str = "") -> Membership:
    """Put a person in a bond, calling it ``name`` (each member names a bond for themselves)."""
    membership = Membership(bond=bond, person=person)
    membership.name = name
    membership.save()
    return membership


@pytest.fixture
def shared_bond(alice, bob) -> Bond:
    bond = Bond.objects.create(kind=BondKind.PARTNER, created_by=alice)
    join(bond, alice, "Alice & Bob")
    join(bond, bob, "Alice & Bob")
    return bond


@pytest.fixture
def solo_bond(alice) -> Bond:
    bond = Bond.objects.create(kind=BondKind.FAMILY, created_by=alice)
    join(bond, alice, "Mum")
    return bond


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture(autouse=True)
def _clear_login_attempts(db):
    yield
    AccessAttempt.objects.all().delete()
