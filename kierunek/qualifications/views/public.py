"""Anyone: the register's search (/kwalifikacje/) and a qualification's page
(/kwalifikacje/<code>/), which lists the services of the catalogue that lead to it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import selectors
from ..domain import PRK_MAX, PRK_MIN
from ..hooks import qualification_actions
from ..models import Qualification, QualificationKind

CARDS_SHOWN = 20


@require_GET
def register_page(request: HttpRequest) -> HttpResponse:
    """The qualifications matching the text, level and kind asked for; every one without them."""
    errors: dict[str, str] = {}
    found: list[Qualification] = []
    try:
        search = selectors.register_search_parse(request.GET)
    except selectors.SearchInvalid as invalid:
        errors = invalid.errors
    else:
        found = selectors.register_search(search)
    values = {name: request.GET.get(name, "") for name in ("q", "level", "kind")}
    context: dict[str, Any] = {
        "found": found,
        "errors": errors,
        "values": values,
        "levels": range(PRK_MIN, PRK_MAX + 1),
        "kinds": QualificationKind.choices,
        "filtered": any(values.values()),
    }
    return render(request, "qualifications/register.html", context)


@require_GET
def qualification_page(request: HttpRequest, code: str) -> HttpResponse:
    try:
        qualification = selectors.qualification_get(code)
    except Qualification.DoesNotExist:
        raise Http404(_("The register has no qualification with this code.")) from None
    cards = list(selectors.cards_leading_to(qualification)[: CARDS_SHOWN + 1])
    return render(
        request,
        "qualifications/qualification.html",
        {
            "qualification": qualification,
            "cards": cards[:CARDS_SHOWN],
            "more_cards": len(cards) > CARDS_SHOWN,
            "search_url": reverse("catalogue:search") + "?" + urlencode({"kwalifikacja": qualification.code}),
            "actions": qualification_actions(qualification),
        },
    )
