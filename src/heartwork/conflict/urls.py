from django.urls import path

from heartwork.conflict import views
from heartwork.domain.hard_talk import Action

app_name = "conflict"

_BOND = "bonds/<uuid:bond_id>/talk/"
_MESSAGE = _BOND + "messages/<uuid:message_id>/"
_TALK = _BOND + "together/<uuid:talk_id>/"

urlpatterns = [
    path(_BOND, views.home, name="home"),
    path(_BOND + "new/", views.compose, name="compose"),
    path(_BOND + "coach/", views.coach, name="coach"),
    path(_BOND + "preview/", views.preview, name="preview"),
    path(_BOND + "suggest/", views.suggest, name="suggest"),
    path(_MESSAGE, views.message, name="message"),
    path(_MESSAGE + "remove/", views.remove, name="remove"),
    path(_BOND + "together/start/", views.talk_start, name="talk_start"),
    path(_TALK, views.talk, name="talk"),
    path(_TALK + "note/", views.talk_note, name="talk_note"),
    path(_TALK + "changed/", views.talk_changed, name="talk_changed"),
    *(
        path(
            _TALK + f"{action.value}/",
            views.talk_action,
            {"action": action.value},
            name=f"talk_{action.value.replace('-', '_')}",
        )
        for action in Action
    ),
]
