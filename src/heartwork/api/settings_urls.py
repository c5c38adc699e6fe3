from django.urls import path

from heartwork.api import views

app_name = "tokens"

urlpatterns = [
    path("settings/tokens/", views.tokens, name="list"),
    path("settings/tokens/<uuid:token_id>/revoke/", views.token_revoke, name="revoke"),
]
