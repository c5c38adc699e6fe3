from django.urls import path

from heartwork.checkins import views

app_name = "checkins"

_OWN = "checkin/<uuid:checkin_id>/"
_BOND = "bonds/<uuid:bond_id>/checkins/"

urlpatterns = [
    path("checkin/", views.checkin_new, name="new"),
    path("checkin/suggest/", views.suggest, name="suggest"),
    path("checkin/history/", views.history, name="history"),
    path(_OWN + "unshare/", views.own_checkin_action, {"action": "unshare"}, name="unshare"),
    path(_OWN + "delete/", views.own_checkin_action, {"action": "delete"}, name="delete"),
    path(_BOND, views.bond_checkins, name="bond"),
    path(_BOND + "<uuid:checkin_id>/acknowledge/", views.acknowledge, name="acknowledge"),
]
