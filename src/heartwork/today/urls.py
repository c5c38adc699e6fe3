from django.urls import path

from heartwork.today import views

app_name = "today"

urlpatterns = [
    path("today/", views.today, name="today"),
    path("live/", views.live, name="live"),
]
