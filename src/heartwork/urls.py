from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from heartwork.today.views import home

admin.site.site_header = "heartwork administration"
admin.site.site_title = "heartwork admin"

urlpatterns = [
    path("", home, name="home"),
    path("", include("heartwork.accounts.urls")),
    path("", include("heartwork.bonds.urls")),
    path("", include("heartwork.today.urls")),
    path("", include("heartwork.help.urls")),
    path("", include("heartwork.prompts.urls")),
    path("", include("heartwork.checkins.urls")),
    path("", include("heartwork.appreciation.urls")),
    path("", include("heartwork.together.urls")),
    path("", include("heartwork.reminders.urls")),
    path(settings.ADMIN_PATH, admin.site.urls),
]

handler404 = "heartwork.core.views.not_found"
handler500 = "heartwork.core.views.server_error"
handler403 = "heartwork.core.views.forbidden"
handler400 = "heartwork.core.views.bad_request"
