"""The vocabulary search of the balance's forms (HTMX partials; a plain GET form without
JavaScript)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kierunek.accounts.models import Role
from kierunek.core.permissions import role_required

from .. import selectors
from ..models import Occupation


def search_context(
    request: HttpRequest,
    *,
    field: str,
    multiple: bool,
    chosen: list[Any],
    chosen_ids: list[str],
    vocabulary: str = "competences",
) -> dict[str, Any]:
    q = request.GET.get("q", "").strip()[:100]
    collection = request.GET.get("zbior", "")
    model_search = selectors.occupation_search if vocabulary == "occupations" else selectors.competence_search
    ids = [int(value) for value in chosen_ids if str(value).isdigit()]
    if ids:
        model = Occupation if vocabulary == "occupations" else selectors.Competence
        chosen = chosen + [entry for entry in model.objects.filter(pk__in=ids) if entry not in chosen]
    found = model_search(q=q, collection=collection) if vocabulary == "competences" else model_search(q=q)  # type: ignore[call-arg]
    chosen_pks = {entry.pk for entry in chosen}
    return {
        "q": q,
        "collection": collection,
        "field": field,
        "multiple": multiple,
        "chosen": chosen,
        "results": [entry for entry in found if entry.pk not in chosen_pks],
        "vocabulary": vocabulary,
        "searched": len(q) >= 2,
    }


@role_required(Role.ADVISOR)
@require_GET
def vocabulary_search(request: HttpRequest, vocabulary: str) -> HttpResponse:
    """The results of a vocabulary search as a partial: radio buttons or checkboxes named
    ``pole`` (the field of the form the results go into). Chosen entries (``wybrane``) stay."""
    if vocabulary not in {"competences", "occupations"}:
        raise Http404
    field = request.GET.get("pole", "competences")
    if field not in {"competences", "competence", "target_occupation"}:
        raise Http404
    context = search_context(
        request,
        field=field,
        multiple=field == "competences",
        chosen=[],
        chosen_ids=request.GET.getlist(field),
        vocabulary=vocabulary,
    )
    return render(request, "guidance/advisor/_vocabulary_results.html", {"search": context})
