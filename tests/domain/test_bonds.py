import pytest

from heartwork.domain.bonds import BondKind, BondStatus, BondView, can_resume


def test_every_kind_has_a_label_and_description():
    for kind in BondKind:
        assert kind.label and kind.description.endswith(".")


@pytest.mark.parametrize(
    ("view", "headline", "can_invite"),
    [
        (BondView(1, BondStatus.ACTIVE, False), "Just you so far", True),
        (BondView(1, BondStatus.ACTIVE, True), "Invite sent", True),
        (BondView(2, BondStatus.ACTIVE, False), "both here", False),
        (BondView(2, BondStatus.PAUSED, False), "Paused", False),
        (BondView(1, BondStatus.ENDED, False), "ended", False),
    ],
)
def test_bond_view(view, headline, can_invite):
    assert headline in view.headline
    assert view.can_invite is can_invite


def test_only_the_person_who_paused_can_resume():
    assert can_resume(paused_by_person=True)
    assert not can_resume(paused_by_person=False)
