"""Ids for the authorization walk (tests/bonds/test_authorization.py)."""

from heartwork.checkins.services import checkin_record


def _shared_checkin(bond, person):
    share = bond if bond.memberships.count() > 1 else None
    return checkin_record(person=person, feelings=["lonely"], intensity=2, share_with=share).pk


URL_KWARGS = {"checkin_id": _shared_checkin}
