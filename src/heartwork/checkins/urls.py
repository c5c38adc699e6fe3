from django.urls import path

from heartwork.checkins import views

app_name = "checkins"

urlpatterns = [
    path("checkin/", views.checkin_new, name="new"),
    path("checkin/history/", views.history, name="history"),
    path("checkin/<uuid:checkin_id>/unshare/", views.checkin_unshare, name="unshare"),
    path("checkin/<uuid:checkin_id>/delete/", views.checkin_delete, name="delete"),
    path("bonds/<uuid:bond_id>/checkins/", views.bond_checkins, name="bond"),
    path("bonds/<uuid:bond_id>/checkins/<uuid:checkin_id>/acknowledge/", views.acknowledge, name="acknowledge"),
]
