from django.urls import path

from heartwork.insights import views

app_name = "insights"

urlpatterns = [
    path("circle/", views.circle, name="circle_list"),
    path("bonds/<uuid:bond_id>/insights/", views.bond_insights, name="bond"),
    path("bonds/<uuid:bond_id>/insights/circle/", views.circle_cadence, name="circle"),
    path("bonds/<uuid:bond_id>/insights/circle/rest/", views.circle_rest, name="circle_rest"),
]
