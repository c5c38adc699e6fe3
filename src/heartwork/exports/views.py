"""Export and import from Settings, and a bond's story. Thin: the rules are in
heartwork.exports.services and .importing, the shape in heartwork.domain.archive."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from heartwork.bonds.selectors import bond_for_member
from heartwork.core.actions import tell
from heartwork.core.errors import ApplicationError
from heartwork.exports import importing, services
from heartwork.exports.forms import ImportForm


@login_required
@require_POST
def export_download(request: HttpRequest) -> HttpResponse:
    """The archive, built into a temporary file and streamed from it (docs/export.md says
    why it is made here rather than by the background worker)."""
    archive = services.archive_file(person=request.user)
    return FileResponse(
        archive,
        as_attachment=True,
        filename=services.archive_filename(request.user),
        content_type="application/zip",
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_archive(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["archive"]
        try:
            document = importing.read_archive(upload, upload.size)
            imported = importing.archive_import(person=request.user, document=document)
        except ApplicationError as error:
            tell(request, error)
            return render(request, "exports/import.html", {"form": form}, status=400)
        messages.success(request, importing.welcome_back(imported))
        return redirect("today:today")
    status = 400 if request.method == "POST" else 200
    return render(request, "exports/import.html", {"form": form}, status=status)


@login_required
@require_GET
def story_page(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    context = {"bond": bond, "practices": services.story_sections(request.user, bond)}
    return render(request, "exports/story.html", context)


@login_required
@require_GET
def story_json(request: HttpRequest, bond_id) -> HttpResponse:
    bond = bond_for_member(request.user, bond_id)
    out = tempfile.TemporaryFile("w+b")  # noqa: SIM115 (closed by the response)
    services.story_file(person=request.user, bond=bond, out=out)
    return FileResponse(
        out,
        as_attachment=True,
        filename=services.story_filename(request.user),
        content_type="application/json",
    )
