from django.urls import path

from heartwork.help import views

app_name = "help"

urlpatterns = [
    path("help/", views.help_page, name="help"),
    path("help/safety/", views.safety_page, name="safety"),
    # The quick exit: ends the session, then the neutral site (docs/safety.md).
    path("leave/", views.leave, name="leave"),
]
