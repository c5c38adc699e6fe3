from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def site(request: HttpRequest) -> dict[str, str]:
    return {
        "site_name": settings.SITE_NAME,
        # The quick exit: where it goes, and the address that ends the session on the way
        # (heartwork.help.views.leave; static/heartwork/quick-exit.js).
        "quick_exit_url": settings.QUICK_EXIT_URL,
        "leave_url": reverse("help:leave"),
    }
