from django.urls import path

from heartwork.bonds import views

app_name = "bonds"

urlpatterns = [
    path("bonds/", views.bond_list, name="list"),
    path("bonds/new/", views.bond_new, name="new"),
    path("bonds/<uuid:bond_id>/", views.bond_detail, name="detail"),
    path("bonds/<uuid:bond_id>/rename/", views.bond_rename, name="rename"),
    path("bonds/<uuid:bond_id>/invite/", views.invite_create, name="invite_create"),
    path("bonds/<uuid:bond_id>/invite/new/", views.invite_new, name="invite_new"),
    path("bonds/<uuid:bond_id>/invite/not-now/", views.invite_not_now, name="invite_not_now"),
    path("bonds/<uuid:bond_id>/invite/revoke/", views.invite_revoke, name="invite_revoke"),
    path("bonds/<uuid:bond_id>/pause/", views.bond_pause, name="pause"),
    path("bonds/<uuid:bond_id>/resume/", views.bond_resume, name="resume"),
    path("bonds/<uuid:bond_id>/leave/", views.bond_leave, name="leave"),
    path("invite/", views.invite_accept, name="invite_accept"),
    path("invite/<str:token>/", views.invite_open, name="invite_open"),
]
