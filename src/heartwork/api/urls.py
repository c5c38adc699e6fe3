from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import re_path
from django.urls.resolvers import RoutePattern, URLResolver
from django.views.decorators.csrf import csrf_exempt

# The API's own addresses live in heartwork.api.v1_urls. Importing that module builds the
# API with every practice's router and its pydantic schemas, some 13 MB a process, which
# the pages never use; so it is imported only when a request under /api/v1/ or a
# reverse("api:…") reaches it. Its app name and namespace are therefore written here;
# tests/api/test_lazy_api.py checks they are the ones django-ninja gives.
API_MODULE = "heartwork.api.v1_urls"
API_APP_NAME = "ninja"
API_NAMESPACE = "api"


class LazyResolver(URLResolver):
    """A namespaced include whose module is imported the first time it is needed.

    Django's root resolver populates every include when anything is reversed; a namespaced
    one needs only its prefix and namespace for that, which it has without its module. Its
    own lists (reverse_dict, namespace_dict, app_dict) and resolve() import the module
    first, then work as any include does.
    """

    def _populate(self) -> None:
        if "url_patterns" in self.__dict__:  # the module is in: populate as usual
            super()._populate()

    @property
    def reverse_dict(self):  # type: ignore[override]
        self.url_patterns  # noqa: B018  (imports the module)
        return super().reverse_dict

    @property
    def namespace_dict(self):  # type: ignore[override]
        self.url_patterns  # noqa: B018
        return super().namespace_dict

    @property
    def app_dict(self):  # type: ignore[override]
        self.url_patterns  # noqa: B018
        return super().app_dict


@csrf_exempt  # it changes nothing; without this a POST got Django's HTML page for CSRF
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other address under /api/ answers in the API's error shape, not with a page,
    whatever the method."""
    return JsonResponse({"code": "not_found", "message": "Not found.", "fields": []}, status=404)


urlpatterns = [
    LazyResolver(
        RoutePattern("api/v1/", is_endpoint=False),
        API_MODULE,
        app_name=API_APP_NAME,
        namespace=API_NAMESPACE,
    ),
    re_path(r"^api/(?P<rest>.*)$", not_found),
]
