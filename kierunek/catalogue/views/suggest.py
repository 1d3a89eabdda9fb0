"""Suggestions as one types into the catalogue search (GET /uslugi/podpowiedzi/?q=…): an HTML
fragment for HTMX, the options of the search field's list box (the ARIA 1.2 combobox pattern,
static/catalogue/suggest.js), with an out-of-band update of the field's live region that says how
many there are. Anyone may use it.

Rate-limit friendly: the page asks only after a pause in typing and drops an answer it no longer
needs (hx-sync); the answer depends only on the text and the language, so browsers and shared
caches keep it for a minute, and the server answers from the suggestions kept in the process
(kierunek.catalogue.search.suggest)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ..search import SuggestionKind, grouped, suggest
from ..search.suggest import CHECK_SECONDS

# The longest text the search field takes (its maxlength).
MAX_QUERY_LENGTH = 200
# How long a browser or a shared cache may keep an answer: as long as PostgreSQL's processes keep
# the suggestions without looking at the catalogue.
CACHE_SECONDS = int(CHECK_SECONDS)

GROUP_LABELS = {
    SuggestionKind.TITLE: _("Services"),
    SuggestionKind.CATEGORY: _("Categories"),
    SuggestionKind.QUALIFICATION: _("Market qualifications"),
}


@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    """Anyone. The suggestions for ``q``, grouped by kind, as the list box's options."""
    typed = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    language = (get_language() or "pl")[:2]
    found = suggest(typed, language=language)
    groups = []
    number = 0
    for group in grouped(found):
        options = []
        for suggestion in group.suggestions:
            options.append((f"search-q-option-{number}", suggestion))
            number += 1
        groups.append({"kind": group.kind.value, "label": GROUP_LABELS[group.kind], "options": options})
    if found:
        status = ngettext(
            "%(count)d suggestion: use the up and down arrows to choose.",
            "%(count)d suggestions: use the up and down arrows to choose.",
            len(found),
        ) % {"count": len(found)}
    else:
        status = str(_("No suggestions.")) if typed.strip() else ""
    response = render(request, "catalogue/_suggestions.html", {"groups": groups, "status": status})
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response
