"""A URL that always fails, to look at the 500 page."""

from django.urls import path


def fail(request):
    raise RuntimeError("a deliberate failure for the 500-page test")


urlpatterns = [path("fail/", fail)]
handler500 = "heartwork.core.views.server_error"
