from django.urls import path

from heartwork.prompts import views

app_name = "prompts"

urlpatterns = [
    path("bonds/<uuid:bond_id>/prompt/", views.today, name="today"),
    path("bonds/<uuid:bond_id>/prompt/<uuid:round_id>/answer/", views.answer, name="answer"),
    path("bonds/<uuid:bond_id>/prompt/<uuid:round_id>/comfort/", views.comfort, name="comfort"),
    path("bonds/<uuid:bond_id>/prompt/<uuid:round_id>/reply/", views.reply, name="reply"),
    path("bonds/<uuid:bond_id>/prompt/skip/", views.skip, name="skip"),
    path("bonds/<uuid:bond_id>/prompts/deck/", views.deck, name="deck"),
    path("bonds/<uuid:bond_id>/prompts/choose/", views.choose, name="choose"),
    path("bonds/<uuid:bond_id>/prompts/ladder/", views.ladder, name="ladder"),
    path("bonds/<uuid:bond_id>/prompts/ladder/step-back/", views.step_back, name="step_back"),
    path("bonds/<uuid:bond_id>/prompts/ladder/opt-in/", views.opt_in, name="opt_in"),
    path("bonds/<uuid:bond_id>/prompts/history/", views.history, name="history"),
]
