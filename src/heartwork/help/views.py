from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from heartwork.domain.help import help_directory


def help_page(request: HttpRequest) -> HttpResponse:
    """Crisis lines and support. Open to everyone, logged in or not, and never logged per person."""
    directory = help_directory()
    country = directory.for_country(request.GET.get("country"))
    return render(request, "help/help.html", {"directory": directory, "country": country})


def safety_page(request: HttpRequest) -> HttpResponse:
    return render(request, "help/safety.html")
