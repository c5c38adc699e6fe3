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
    response = client.post(
        "/login/", {"username": "alex@demo.heartwork", "password": "demo-heartwork-2026"}
    )
    assert response.status_code == 302


def test_demo_fills_in_a_shared_day_once(client, db):
    from heartwork.appreciation.models import Note
    from heartwork.checkins.models import CheckIn
    from heartwork.prompts.models import Answer
    from heartwork.together.models import QualityTime

    call_command("demo", stdout=StringIO())
    call_command("demo", stdout=StringIO())  # a second run adds nothing
    assert (
        Note.objects.count(),
        CheckIn.objects.count(),
        QualityTime.objects.count(),
        Answer.objects.count(),
    ) == (1, 1, 1, 1)
    client.post("/login/", {"username": "alex@demo.heartwork", "password": "demo-heartwork-2026"})
    page = client.get("/today/").content.decode()
    assert "Sam sent you a note of thanks." in page
    assert "Sam shared how they feel" in page
    assert "Walk · " in page


def test_an_empty_demo_has_nothing_written(db):
    from heartwork.appreciation.models import Note

    call_command("demo", "--empty", stdout=StringIO())
    assert not Note.objects.exists()
