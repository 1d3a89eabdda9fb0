"""The public register of quality-mark holders."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .. import selectors as qs
from ..forms import (
    RegisterSearchForm,
)

# --- public --------------------------------------------------------------------------------


def public_register(request: HttpRequest) -> HttpResponse:
    """The register of MSUES quality-mark holders, for anybody."""
    form = RegisterSearchForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "q": data["q"].strip(),
            "nip": data["nip"],
            "gmina_teryt": data["gmina"].teryt if data["gmina"] else "",
            "state": data["state"],
        }
    cases = qs.register_entries(**filters, today=timezone.localdate())
    page = Paginator(cases, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "quality/public_register.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
