from django.urls import path

from heartwork.reminders import views

app_name = "reminders"

urlpatterns = [
    path("settings/reminders/", views.reminder_settings, name="settings"),
    path("reminders/link/<str:token>/", views.link, name="link"),
    path("settings/reminders/push/subscribe/", views.push_subscribe, name="push_subscribe"),
    path("settings/reminders/push/choice/", views.push_choice, name="push_choice"),
    path("settings/reminders/push/<uuid:device_id>/remove/", views.push_remove, name="push_remove"),
    path("reminders/<uuid:delivery_id>/dismiss/", views.dismiss, name="dismiss"),
    path(
        "reminders/<uuid:delivery_id>/snooze/",
        views.delivery_act,
        {"action": "snooze"},
        name="snooze",
    ),
    path("reminders/<uuid:delivery_id>/off/", views.delivery_act, {"action": "off"}, name="off"),
]
