from django.urls import path

from heartwork.safety import views

app_name = "safety"

urlpatterns = [
    path("bonds/<uuid:bond_id>/safety-check/", views.check, name="check"),
    path("help/for-you/", views.for_you, name="for_you"),
]
