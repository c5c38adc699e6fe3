"""Settings › Access tokens: make, name, scope and revoke the tokens the JSON API takes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from heartwork.api import selectors, services
from heartwork.api.forms import TokenForm
from heartwork.core.actions import act
from heartwork.core.errors import ApplicationError
from heartwork.domain.api_tokens import Scope


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    issued = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                issued = services.token_create(
                    person=request.user,
                    name=form.cleaned_data["name"],
                    scope=Scope(form.cleaned_data["scope"]),
                )
            except ApplicationError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                form = TokenForm()
        else:
            status = 400
    context = {
        "form": form,
        "issued": issued,  # the token itself, this once: only its hash is kept
        "tokens": selectors.tokens_for(request.user),
        "docs_url": reverse("api:openapi-view"),
    }
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id) -> HttpResponse:
    token = selectors.token_for_owner(request.user, token_id)
    return act(
        request,
        lambda: services.token_revoke(person=request.user, token=token),
        done="Revoked. Anything using that token is signed out of the API now.",
        to="tokens:list",
    )
