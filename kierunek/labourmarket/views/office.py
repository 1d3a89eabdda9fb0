"""The office's page: import a file of labour facts, and the history of imports."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.permissions import role_required

from .. import selectors, services
from ..forms import FactImportForm
from ..models import FactKind


@role_required(Role.OFFICER)
def imports(request: HttpRequest) -> HttpResponse:
    """All or nothing: a refused file's report names the row, the column and the problem."""
    form = FactImportForm(request.POST or None, request.FILES or None)
    errors: list[services.RowError] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            fact_import = services.facts_import(
                actor=actor_from_request(request),
                kind=form.cleaned_data["kind"],
                content=upload.read(services.MAX_FILE_BYTES + 1),
                filename=upload.name,
                source=form.cleaned_data["source"],
                reference_date=form.cleaned_data["reference_date"],
            )
        except services.ImportRefused as refused:
            errors = refused.errors
        else:
            messages.success(
                request,
                ngettext(
                    "Imported %(rows)d row of %(kind)s.",
                    "Imported %(rows)d rows of %(kind)s.",
                    fact_import.row_count,
                )
                % {"rows": fact_import.row_count, "kind": fact_import.get_kind_display()},
            )
            return redirect("labourmarket:office_imports")
    return render(
        request,
        "labourmarket/office_imports.html",
        {
            "form": form,
            "errors": errors,
            "history": selectors.import_history(),
            "columns": [
                (kind, label, services.COLUMNS[kind], services.KIND_HELP[kind])
                for kind, label in FactKind.choices
            ],
        },
    )
