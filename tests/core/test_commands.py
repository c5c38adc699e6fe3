from io import StringIO

from django.core.management import call_command

from heartwork.accounts.models import Person
from heartwork.bonds.models import Bond


def test_demo_creates_two_people_sharing_a_bond_and_can_run_twice(db):
    out = StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=StringIO())
    assert Person.objects.count() == 2
    bond = Bond.objects.get()
    assert bond.memberships.count() == 2
    assert "alex@demo.heartwork" in out.getvalue() and "password" in out.getvalue()


def test_demo_people_can_log_in(client, db):
    call_command("demo", stdout=StringIO())
    response = client.post("/login/", {"username": "alex@demo.heartwork", "password": "demo-heartwork-2026"})
    assert response.status_code == 302
