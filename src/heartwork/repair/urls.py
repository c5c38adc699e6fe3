from django.urls import path

from heartwork.repair import views

app_name = "repair"

_BOND = "bonds/<uuid:bond_id>/repair/"
_ONE = _BOND + "<uuid:repair_id>/"


def _simple(segment: str, action: str):
    return path(_ONE + segment, views.simple_action, {"action": action}, name=action)


urlpatterns = [
    path(_BOND, views.home, name="home"),
    path(_BOND + "start/", views.start, name="start"),
    path(_ONE, views.detail, name="detail"),
    path(_ONE + "write/", views.write, name="write"),
    path(_ONE + "coach/", views.coach, name="coach"),
    path(_ONE + "commitments/", views.add_commitment, name="add_commitment"),
    path(
        _ONE + "commitments/<uuid:commitment_id>/remove/",
        views.remove_commitment,
        name="remove_commitment",
    ),
    _simple("send/", "send"),
    _simple("read/", "read"),
    _simple("close/", "close"),
    _simple("restart/", "restart"),
    path(_ONE + "decide/", views.decide, name="decide"),
    path(_ONE + "time/", views.ask_for_time, name="ask_for_time"),
    path(_ONE + "pause/", views.pause_bond, name="pause_bond"),
    path(_ONE + "rate/", views.rate, name="rate"),
]
