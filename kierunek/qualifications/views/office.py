"""The office's register: officers enter and edit qualifications (every change in the history),
import and export the register."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.collation import polish_sorted
from kierunek.core.pages import submit
from kierunek.core.permissions import role_required

from .. import importexport, selectors, services
from ..forms import ImportForm, QualificationForm
from ..models import Qualification

IMPORT_MAX_BYTES = 5 * 1024 * 1024


@never_cache
@role_required(Role.OFFICER)
def office_list(request: HttpRequest) -> HttpResponse:
    qualifications = polish_sorted(
        Qualification.objects.only("code", "name", "kind", "prk_level", "demo", "updated_at"),
        key=lambda q: q.name,
    )
    return render(request, "qualifications/office/list.html", {"qualifications": qualifications})


@role_required(Role.OFFICER)
def office_create(request: HttpRequest) -> HttpResponse:
    form = QualificationForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.qualification_create(actor=actor_from_request(request), data=form.to_input()),
        success=_("The qualification is in the register."),
        done=lambda q: reverse("qualifications:office_history", args=[q.code]),
    )
    return done or render(request, "qualifications/office/form.html", {"form": form, "qualification": None})


@role_required(Role.OFFICER)
def office_edit(request: HttpRequest, code: str) -> HttpResponse:
    qualification = get_object_or_404(Qualification, code=code)
    form = QualificationForm(
        request.POST or None,
        initial=QualificationForm.initial_from(qualification),
        qualification=qualification,
    )
    done = submit(
        request,
        form,
        lambda data: services.qualification_update(
            actor=actor_from_request(request), qualification=qualification, data=form.to_input()
        ),
        success=_("The qualification is saved."),
        done=lambda q: reverse("qualifications:office_history", args=[q.code]),
    )
    return done or render(
        request, "qualifications/office/form.html", {"form": form, "qualification": qualification}
    )


@never_cache
@role_required(Role.OFFICER)
def office_history(request: HttpRequest, code: str) -> HttpResponse:
    qualification = get_object_or_404(Qualification, code=code)
    return render(
        request,
        "qualifications/office/history.html",
        {"qualification": qualification, "changes": selectors.history_of(qualification)},
    )


@role_required(Role.OFFICER)
def office_import(request: HttpRequest) -> HttpResponse:
    """All or nothing: the report names the row, the column and the problem."""
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[importexport.RowError] = []
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > IMPORT_MAX_BYTES:
            form.add_error("file", _("The file is too large. The limit is 5 MB."))
        else:
            try:
                result = importexport.qualifications_import(
                    actor=actor_from_request(request), content=upload.read(), filename=upload.name
                )
            except importexport.ImportRefused as refused:
                errors = refused.errors
    return render(
        request, "qualifications/office/import.html", {"form": form, "errors": errors, "result": result}
    )


@never_cache
@role_required(Role.OFFICER)
def office_export(request: HttpRequest, file_format: str) -> HttpResponse:
    if file_format == "json":
        response = HttpResponse(importexport.export_json(), content_type="application/json")
    else:
        response = HttpResponse(importexport.export_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kwalifikacje.{file_format}"'
    return response
