from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from heartwork.accounts.views import admin_login
from heartwork.core.practices import practices
from heartwork.core.views import favicon, robots_txt
from heartwork.today.views import home

admin.site.site_header = "heartwork administration"
admin.site.site_title = "heartwork admin"

urlpatterns = [
    path("", home, name="home"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("", include("heartwork.accounts.urls")),
    path("", include("heartwork.bonds.urls")),
    path("", include("heartwork.today.urls")),
    path("", include("heartwork.help.urls")),
    path("", include("heartwork.pwa.urls")),
    path("", include("heartwork.exports.urls")),
    # The JSON API, with every practice's router (heartwork.api.api).
    path("", include("heartwork.api.urls")),
    path("", include("heartwork.api.settings_urls")),
    # Every practice mounts its own URLs (heartwork.core.practices).
    *(path("", include(practice.urls)) for practice in practices() if practice.urls),
    # Before the admin's own login form, which would skip two-step login.
    path(f"{settings.ADMIN_PATH}login/", admin_login, name="admin_login"),
    path(settings.ADMIN_PATH, admin.site.urls),
]

handler404 = "heartwork.core.views.not_found"
handler500 = "heartwork.core.views.server_error"
handler403 = "heartwork.core.views.forbidden"
handler400 = "heartwork.core.views.bad_request"
