from django.urls import path

from heartwork.together import views

app_name = "together"

_BASE = "bonds/<uuid:bond_id>/together/"
_TIME = _BASE + "times/<uuid:quality_time_id>/"
_SESSION = _BASE + "no-phone/<uuid:nophone_id>/"


def _time_action(segment: str, action: str):
    """A small POST about one time together (views.TIME_ACTIONS): the URL names it."""
    return path(_TIME + segment, views.time_action, {"action": action}, name=action)


urlpatterns = [
    path(_BASE, views.home, name="home"),
    path(_BASE + "log/", views.time_new, name="log"),
    path(_TIME, views.time_detail, name="time"),
    path(_TIME + "edit/", views.time_edit, name="edit"),
    _time_action("done/", "done"),
    _time_action("cancel/", "cancel"),
    path(_TIME + "reflection/", views.reflect, name="reflect"),
    path(
        _TIME + "reflection/unshare/",
        views.time_action,
        {"action": "reflection_unshare"},
        name="reflection_unshare",
    ),
    path(
        _TIME + "reflection/remove/",
        views.time_action,
        {"action": "reflection_delete"},
        name="reflection_delete",
    ),
    path(_BASE + "ideas/", views.ideas, name="ideas"),
    path(_BASE + "no-phone/", views.nophone, name="nophone"),
    path(_BASE + "no-phone/start/", views.nophone_start, name="nophone_start"),
    path(_SESSION + "status/", views.nophone_status, name="nophone_status"),
    path(_SESSION + "join/", views.nophone_join, name="nophone_join"),
    path(_SESSION + "end/", views.nophone_end, name="nophone_end"),
    path(_BASE + "evening/", views.ritual, name="ritual"),
    path(_BASE + "evening/share/", views.ritual_submit, name="ritual_submit"),
    path(_BASE + "evening/entries/", views.ritual_entries, name="ritual_entries"),
    path(_BASE + "evening/share-mine/", views.ritual_share, name="ritual_share"),
    path(_BASE + "evening/past/", views.ritual_past, name="ritual_past"),
]
