from django.urls import path

from heartwork.prompts import views

app_name = "prompts"

_BOND = "bonds/<uuid:bond_id>/"
_ROUND = _BOND + "prompt/<uuid:round_id>/"


def _on_round(segment: str, action: str):
    """A POST about one round (views.ROUND_ACTIONS): the URL names the action."""
    return path(_ROUND + segment, views.on_round, {"action": action}, name=action)


urlpatterns = [
    path(_BOND + "prompt/", views.today, name="today"),
    _on_round("answer/", "answer"),
    _on_round("share/", "share_answer"),
    _on_round("comfort/", "comfort"),
    _on_round("reply/", "reply"),
    path(_BOND + "prompt/skip/", views.skip, name="skip"),
    path(_BOND + "prompt/change/answer/", views.change_answer, name="change_answer"),
    path(_BOND + "prompt/change/withdraw/", views.change_withdraw, name="change_withdraw"),
    path(_BOND + "prompts/deck/", views.deck, name="deck"),
    path(_BOND + "prompts/choose/", views.choose, name="choose"),
    path(_BOND + "prompts/ladder/", views.ladder, name="ladder"),
    path(_BOND + "prompts/ladder/step-back/", views.step_back, name="step_back"),
    path(_BOND + "prompts/ladder/opt-in/", views.opt_in, name="opt_in"),
    path(_BOND + "prompts/history/", views.history, name="history"),
]
