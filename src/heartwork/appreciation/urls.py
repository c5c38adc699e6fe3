from django.urls import path

from heartwork.appreciation import views

app_name = "appreciation"

urlpatterns = [
    path("bonds/<uuid:bond_id>/appreciation/", views.home, name="home"),
    path("bonds/<uuid:bond_id>/appreciation/send/", views.send, name="send"),
    path("bonds/<uuid:bond_id>/appreciation/coach/", views.coach, name="coach"),
    path("bonds/<uuid:bond_id>/appreciation/notes/<uuid:note_id>/", views.note, name="note"),
    path(
        "bonds/<uuid:bond_id>/appreciation/notes/<uuid:note_id>/reply/", views.reply, name="reply"
    ),
    path("bonds/<uuid:bond_id>/appreciation/list/", views.item_list, name="list"),
    path(
        "bonds/<uuid:bond_id>/appreciation/list/<uuid:item_id>/edit/",
        views.item_edit,
        name="item_edit",
    ),
    path(
        "bonds/<uuid:bond_id>/appreciation/list/<uuid:item_id>/delete/",
        views.item_delete,
        name="item_delete",
    ),
    path(
        "bonds/<uuid:bond_id>/appreciation/list/<uuid:item_id>/share/",
        views.item_share,
        name="item_share",
    ),
    path("bonds/<uuid:bond_id>/appreciation/over-time/", views.over_time, name="over_time"),
    path("bonds/<uuid:bond_id>/appreciation/suggestions/", views.nudge, name="nudge"),
]
