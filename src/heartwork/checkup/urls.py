from django.urls import path

from heartwork.checkup import views
from heartwork.domain.reflections import reflections

app_name = "checkup"

_BOND = "bonds/<uuid:bond_id>/checkup/"
_REFLECT = "bonds/<uuid:bond_id>/reflect/"

urlpatterns = [
    path(_BOND, views.home, name="home"),
    path(_BOND + "take/", views.take, name="take"),
    path(_BOND + "share/", views.share, name="share"),
    path(_REFLECT, views.reflections_home, name="reflections"),
    # One URL per reflection (no free-form kind in the path, so the URL walks reach each).
    *(
        path(_REFLECT + f"{kind}/", views.reflect, {"kind": kind}, name=f"reflect_{kind}")
        for kind in reflections()
    ),
]
