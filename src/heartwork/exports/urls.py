from django.urls import path

from heartwork.exports import views

app_name = "exports"

urlpatterns = [
    path("settings/export/", views.export_download, name="export"),
    path("settings/import/", views.import_archive, name="import"),
    path("bonds/<uuid:bond_id>/story/", views.story_page, name="story"),
    path("bonds/<uuid:bond_id>/story.json", views.story_json, name="story_json"),
]
