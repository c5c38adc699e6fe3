"""Ids for the authorization walk (tests/bonds/test_authorization.py), made through our services."""

import datetime

from django.utils import timezone

from heartwork.together import services


def _a_time(bond, person):
    return services.time_log(
        person=person,
        bond=bond,
        kind="walk",
        when=timezone.now() - datetime.timedelta(hours=1),
        minutes=30,
    ).pk


def _a_session(bond, person):
    return services.session_start(person=person, bond=bond, kind="conversation").pk


URL_KWARGS = {
    "quality_time_id": _a_time,
    "nophone_id": _a_session,
}
