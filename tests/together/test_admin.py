"""The admin lists the facts of time together and never shows what people wrote."""

from django.conf import settings

from heartwork.accounts.models import Person
from heartwork.together import services
from tests.together.helpers import log_time


def test_admin_pages_work_and_hide_titles(client, alice, shared_bond):
    time = log_time(alice, shared_bond, title="secret-title-31a")
    session = services.session_start(person=alice, bond=shared_bond)
    client.force_login(
        Person.objects.create_superuser("root@example.com", "a-long-admin-password-1")
    )
    base = "/" + settings.ADMIN_PATH
    for path in (
        "together/qualitytime/",
        f"together/qualitytime/{time.pk}/change/",
        "together/nophonesession/",
        f"together/nophonesession/{session.pk}/change/",
        "together/ritual/",
    ):
        response = client.get(base + path)
        assert response.status_code == 200, path
        assert "secret-title-31a" not in response.content.decode()
        assert "v1:" not in response.content.decode()
