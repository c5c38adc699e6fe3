from django.urls import path

from heartwork.pwa import views

app_name = "pwa"

urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    # At the site's root so the service worker's scope is the whole site.
    path("service-worker.js", views.service_worker, name="service_worker"),
    path("offline/", views.offline, name="offline"),
    path("go/<str:where>/", views.shortcut, name="shortcut"),
]
