"""Public pages of the catalogue: the search (/uslugi/) and a card (/uslugi/<id>/). Anyone may
use them. The search page works without JavaScript (a GET form); with HTMX it replaces only the
results, which it renders from the same template the full page includes."""

from __future__ import annotations

import functools
import html
import threading
import time
from collections import OrderedDict
from typing import Any
from urllib.parse import urlencode

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.template.defaultfilters import capfirst, floatformat
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kierunek.core.templatetags.kierunek import pln
from kierunek.core.widgets import OptionChoice, option_selected, options_html
from kierunek.geo.models import Gmina
from kierunek.geo.selectors import gmina_list

from ..hooks import qualification_register
from ..models import Category, DeliveryForm, ServiceCard
from ..search import (
    ALL_FILTERS,
    FILTER_PARAMETERS,
    LOOSEN_LABELS,
    PARAMETER_NAMES,
    SORT_LABELS,
    TRUE_VALUES,
    SearchHit,
    SearchParamsError,
    SearchResult,
    search_cards,
    search_params_parse,
    search_version,
)
from ..selectors import card_public_get
from .saved import saved_search_panel, saved_search_panel_oob

RADIUS_CHOICES = (5, 10, 20, 30, 50, 100)
RATING_CHOICES = ("3", "4", "4.5")
RESULTS_TARGET = "search-results"
FLAG_NAMES = ("include_remote", "quality_mark", "free_places")


def _query(values: QueryDict, **changes: str | None) -> str:
    """The query string of the search with ``changes`` (None removes a parameter); a new filter
    starts again from the first page."""
    # Without copying the QueryDict (a deep copy): a page builds some twenty of these.
    kept = [
        (name, item)
        for name, items in values.lists()
        if name not in changes and name != "page"
        for item in items
    ]
    changed = [(name, value) for name, value in changes.items() if value is not None]
    return urlencode([(name, item) for name, item in kept + changed if item != ""])


def _facet_links(result: SearchResult, values: QueryDict) -> dict[str, list[dict[str, Any]]]:
    params = result.params
    links: dict[str, list[dict[str, Any]]] = {"category": [], "form": [], "powiat": []}
    for value in result.facets.category:
        active = params.category == value.key
        links["category"].append(
            {
                "value": value,
                "active": active,
                "query": _query(values, category=None if active else value.key),
            }
        )
    for value in result.facets.form:
        active = params.forms == (value.key,)
        links["form"].append(
            {"value": value, "active": active, "query": _query(values, form=None if active else value.key)}
        )
    for value in result.facets.powiat:
        active = params.powiat == value.key
        links["powiat"].append(
            {"value": value, "active": active, "query": _query(values, powiat=None if active else value.key)}
        )
    return links


# One result of the list: the markup the template wrote per card, written here in one pass.
_HIT = """
      <li>
        <article class="hit">
          <h3><a href="{url}">{title}</a></h3>
          <p class="hit-provider">{provider}{badge}</p>
          <dl class="hit-facts">
            <div><dt>{category_label}</dt><dd>{category}</dd></div>
            <div><dt>{form_label}</dt><dd>{form}</dd></div>
            <div><dt>{place_label}</dt><dd>{place}</dd></div>
            <div><dt>{starts_label}</dt><dd>{starts}</dd></div>
            <div><dt>{hours_label}</dt><dd>{hours}</dd></div>
            <div><dt>{price_label}</dt><dd>{price}</dd></div>
            <div><dt>{rating_label}</dt><dd>{rating}</dd></div>
            <div><dt>{places_label}</dt><dd>{free_places}</dd></div>
          </dl>{dates}
        </article>
      </li>
"""


def _escape(value: object) -> str:
    """Django's ``conditional_escape`` without its checks for lazy strings, for a loop that calls
    it hundreds of times a page: safe strings (a filter's output) as they are, the rest escaped."""
    return value if isinstance(value, SafeData) else html.escape(str(value))  # type: ignore[return-value]


@functools.lru_cache(maxsize=4096, typed=True)
def _formatted(value: Any, kind: str, language: str) -> str:
    """``value`` as the results list shows it (``kind``: "date", "hours" or "one_decimal"),
    through the template filter the list used, in the active ``language`` (part of the key: month
    names and the decimal separator are the language's). The values repeat across pages (dates,
    hours, ratings and distances of one decimal) and each filter costs tens of microseconds: kept
    per process."""
    if kind == "date":
        return date_filter(value, "j E Y")
    if kind == "hours":
        return floatformat(value, "-1")
    return floatformat(value, 1)


_SOME_ID = 987_654_321


def _place(card: ServiceCard, remote: str) -> str:
    if card.gmina:
        return card.gmina.name
    if card.is_remote:
        return remote
    return card.outside_region_address or "—"


def _dates_html(hit: SearchHit, url: Any, remote: str, language_key: str) -> str:
    """The dates of a result's service when it has more than one: "4 terminy:" and a list of
    them by date, each a link to its card, with its place and free places; and how many more
    there are past the listed ones."""
    if hit.dates_count < 2:
        return ""
    heading_id = f"dates-{hit.card.pk}"
    heading = ngettext("%(count)d date:", "%(count)d dates:", hit.dates_count) % {"count": hit.dates_count}
    items = []
    for card in hit.all_dates:
        free = ngettext("%(count)d free place", "%(count)d free places", card.free_places) % {
            "count": card.free_places
        }
        day = _formatted(card.starts_on, "date", language_key)
        items.append(
            f'<li><a href="{_escape(url(card.pk))}">{_escape(day)}</a>'
            f" ({_escape(_place(card, remote))}, {_escape(free)})</li>"
        )
    more = hit.dates_count - len(items)
    tail = ""
    if more > 0:
        text = ngettext("and %(count)d later date", "and %(count)d later dates", more) % {"count": more}
        every = _escape(f"{url(hit.card.pk)}#other-dates")
        tail = f'\n            <p class="hit-dates-more"><a href="{every}">{_escape(text)}</a></p>'
    return (
        f'\n          <div class="hit-dates">\n            <p id="{heading_id}">{_escape(heading)}</p>'
        f'\n            <ul aria-labelledby="{heading_id}">{"".join(items)}</ul>{tail}\n          </div>'
    )


def _hits_html(result: SearchResult, language: str) -> SafeString:
    """The results list's items (``<li>``), every value escaped and formatted with the template
    filters the list used to apply per card (the same functions, so the same text). Written in
    Python because Django's template engine spends several microseconds on each variable, filter
    and translation of a loop: times twenty cards, that was most of the page's cost."""
    labels = {
        "category_label": _escape(gettext("Category")),
        "form_label": _escape(gettext("Form")),
        "place_label": _escape(gettext("Place")),
        "starts_label": _escape(gettext("Starts")),
        "hours_label": _escape(gettext("Hours")),
        "price_label": _escape(gettext("Price (gross)")),
        "rating_label": _escape(gettext("Rating")),
        "places_label": _escape(gettext("Free places")),
    }
    badge = f' <span class="badge">{_escape(gettext("MSUES quality mark"))}</span>'
    remote = gettext("remote")
    not_rated = gettext("not rated yet")
    forms = {form.value: capfirst(str(form.label)) for form in DeliveryForm}
    language_key = get_language() or ""
    # The cards' address from one reverse() (the same for every id but the id): twenty a page.
    url_prefix, url_suffix = reverse("catalogue:card", args=[_SOME_ID]).split(str(_SOME_ID))

    def url(pk: int) -> str:
        return f"{url_prefix}{pk}{url_suffix}"

    items = []
    for hit in result.items:
        card = hit.card
        place = _place(card, remote)
        if card.gmina and hit.distance_km is not None:
            km = _formatted(hit.distance_km, "one_decimal", language_key)
            place += " (" + gettext("%(km)s km") % {"km": km} + ")"
        rating = not_rated
        if card.rating_average is not None:
            rating = f"{_formatted(card.rating_average, 'one_decimal', language_key)} / 5"
        items.append(
            _HIT.format(
                url=_escape(url(card.pk)),
                title=_escape(card.title),
                provider=_escape(card.provider),
                badge=badge if hit.quality_mark else "",
                category=_escape(card.category.name_en if language == "en" else card.category.name),
                form=_escape(forms.get(card.delivery_form, card.delivery_form)),
                place=_escape(place),
                starts=_escape(_formatted(card.starts_on, "date", language_key)),
                hours=_escape(_formatted(card.hours, "hours", language_key)),
                price=_escape(pln(card.price_gross)),
                rating=_escape(rating),
                free_places=_escape(card.free_places),
                dates=_dates_html(hit, url, remote, language_key),
                **labels,
            )
        )
    return mark_safe("".join(items))  # noqa: S308 - every value in it is escaped above


def _facets_html(facets: dict[str, list[dict[str, Any]]]) -> SafeString:
    """The facets' lists of links (category, form, powiat; a list with no value is left out), in
    one pass of Python for the same reason as the results: up to some thirty links a page."""
    remove = html.escape(gettext("— remove this filter"))
    parts = []
    for name, title in (
        ("category", _("Category")),
        ("form", _("Form of delivery")),
        ("powiat", _("Powiat")),
    ):
        if not facets[name]:
            continue
        parts.append(f'\n<div class="facet">\n  <h3>{html.escape(str(title))}</h3>\n  <ul>\n')
        for link in facets[name]:
            query = html.escape(link["query"])
            label = html.escape(capfirst(str(link["value"].label)))
            count = link["value"].count
            if link["active"]:
                parts.append(
                    f'    <li><a href="?{query}" aria-current="true" class="facet-active">'
                    f'{label} ({count}) <span class="visually-hidden">{remove}</span>'
                    '<span aria-hidden="true">✕</span></a></li>\n'
                )
            else:
                parts.append(
                    f'    <li><a href="?{query}">{label}</a> '
                    f'<span class="facet-count">({count})</span></li>\n'
                )
        parts.append("  </ul>\n</div>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value in it is escaped above


def _category_options(selected: str, language: str) -> SafeString:
    """The category select's options: "all categories", then each top category as a group of
    itself ("… — all") and its children. Read on every page (one small query), never kept: the
    office may rename a category in the back office."""
    with connection.cursor() as cursor:
        quote = connection.ops.quote_name
        cursor.execute(
            f"SELECT id, parent_id, code, {quote('name')}, name_en FROM {quote(Category._meta.db_table)} "  # noqa: S608
            f"ORDER BY {quote('position')}, {quote('name')}"
        )
        rows = cursor.fetchall()
    everything = gettext("all")
    choices: list[OptionChoice] = []
    for pk, parent_id, code, name, name_en in rows:
        if parent_id is None:
            label = name_en if language == "en" else name
            children = [
                (child_code, child_name_en if language == "en" else child_name)
                for _pk, child_parent, child_code, child_name, child_name_en in rows
                if child_parent == pk
            ]
            choices.append((label, [(code, f"{label} — {everything}"), *children]))
    return options_html(choices, selected=selected, blank=gettext("All categories"))


# The gminas' options (their labels, str(gmina), are translation lookups of the kind's and the
# powiat's names) cost milliseconds for the 182 of them: written once per process, database and
# language. The gminas change only by migration (read-only in the back office); a change of their
# count or highest id writes them again, as the search's reference data is read again
# (kierunek.catalogue.search.reference).
_gmina_options_cache: dict[tuple[str, str], tuple[tuple[Any, ...], SafeString]] = {}


def _gmina_options(selected: str) -> SafeString:
    """The gmina select's options: "anywhere", then every gmina by name."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MAX(id) FROM {connection.ops.quote_name(Gmina._meta.db_table)}")  # noqa: S608
        fingerprint = (connection.settings_dict["NAME"], *cursor.fetchone())
    key = (connection.alias, get_language() or "")
    cached = _gmina_options_cache.get(key)
    if cached is None or cached[0] != fingerprint:
        labels = [(gmina.teryt, str(gmina)) for gmina in gmina_list()]
        cached = _gmina_options_cache[key] = (
            fingerprint,
            options_html(labels, selected="", blank=gettext("Anywhere")),
        )
    return option_selected(cached[1], selected)


# The rendered results of recent searches, per process (a page renders the same results for
# everybody): a query asked again while the catalogue is unchanged (search_version: every change
# of a published card, a category renamed) and within RESULTS_SECONDS is answered from here,
# which is most of a popular query's cost. RESULTS_SECONDS bounds what the version does not see
# (a provider renamed, a quality mark granted or ended); where the engine has no version
# (PostgreSQL) nothing is kept.
RESULTS_SECONDS = 60.0
RESULTS_KEPT = 200
_results_lock = threading.Lock()
_results: OrderedDict[tuple[Any, ...], tuple[float, SearchResult, str, str]] = OrderedDict()


def _search_rendered(values: QueryDict, language: str) -> tuple[SearchResult, str, str]:
    """The search of ``values`` with its hits and facets rendered, from the cache when it may be.
    Raises SearchParamsError."""
    params = search_params_parse(values)
    version = search_version()
    key = (
        connection.alias,
        version,
        timezone.localdate(),
        language,
        tuple(sorted((name, tuple(items)) for name, items in values.lists())),
    )
    now = time.monotonic()
    if version is not None:
        with _results_lock:
            kept = _results.get(key)
            if kept is not None and now - kept[0] < RESULTS_SECONDS:
                _results.move_to_end(key)
                return kept[1], kept[2], kept[3]
    result = search_cards(params)
    hits = _hits_html(result, language)
    facets = _facets_html(_facet_links(result, values))
    if version is not None:
        with _results_lock:
            _results[key] = (now, result, hits, facets)
            _results.move_to_end(key)
            while len(_results) > RESULTS_KEPT:
                _results.popitem(last=False)
    return result, hits, facets


def _fallback_links(result: SearchResult, values: QueryDict) -> dict[str, Any]:
    """The links of what a search that found nothing or little did instead
    (kierunek.catalogue.search.fallback): the search for exactly what was typed, the "did you
    mean" text, each filter to loosen with its count, and clearing every filter."""
    return {
        "exact_query": _query(values, exact="1"),
        "suggestion_query": _query(values, q=result.suggestion) if result.suggestion else "",
        "loosen": [
            {
                "label": LOOSEN_LABELS.get(item.name, item.name),
                "everything": item.name == ALL_FILTERS,
                "count": item.count,
                "query": _query(values, **dict.fromkeys(item.parameters)),
            }
            for item in result.loosen
        ],
        "missing": ", ".join(gettext("“%(word)s”") % {"word": word} for word in result.missing_words),
        "clear_filters_query": _query(values, **dict.fromkeys(FILTER_PARAMETERS))
        if any(values.get(name) for name in FILTER_PARAMETERS)
        else "",
    }


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """Anyone. The results of the query string's search, with the form to change it."""
    values = request.GET
    result: SearchResult | None = None
    errors: dict[str, str] = {}
    language = (get_language() or "pl")[:2]
    hits = facets = ""
    try:
        result, hits, facets = _search_rendered(values, language)
    except SearchParamsError as error:
        errors = error.errors
    context: dict[str, Any] = {
        "result": result,
        "errors": errors,
        "values": {name: values.get(name, "") for name in PARAMETER_NAMES},
        "selected_forms": values.getlist("form"),
        "flags": {name: values.get(name, "").lower() in TRUE_VALUES for name in FLAG_NAMES},
        "facets": facets,
        "hits": hits,
        "first_number": (result.params.page - 1) * result.params.page_size + 1 if result else 1,
        "language": language,
        "previous_query": _query(values, page=str(result.params.page - 1))
        if result and result.has_previous
        else "",
        "next_query": _query(values, page=str(result.params.page + 1)) if result and result.has_next else "",
        **saved_search_panel(request, values, result),
        "fallback": _fallback_links(result, values) if result else None,
    }
    partial = (
        request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == RESULTS_TARGET
    )
    if partial and not request.headers.get("HX-History-Restore-Request"):
        response = render(request, "catalogue/_results.html", {**context, "swap_status": True})
        response.content += saved_search_panel_oob(request, context)
    else:
        context.update(
            category_options=_category_options(context["values"]["category"], context["language"]),
            gmina_options=_gmina_options(context["values"]["gmina"]),
            delivery_forms=DeliveryForm.choices,
            radius_options=options_html(
                [(str(km), gettext("%(km)s km") % {"km": km}) for km in RADIUS_CHOICES],
                selected=context["values"]["radius_km"],
                blank=gettext("any distance"),
            ),
            rating_options=options_html(
                [(rating, f"{rating} / 5") for rating in RATING_CHOICES],
                selected=context["values"]["min_rating"],
                blank=gettext("any rating"),
            ),
            sort_options=options_html(
                [(value, capfirst(str(label))) for value, label in SORT_LABELS.items()],
                selected=context["values"]["sort"],
            ),
        )
        response = render(request, "catalogue/search.html", context)
    # The same address answers a page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


@require_GET
def card_page(request: HttpRequest, card_id: int) -> HttpResponse:
    """Anyone. A published or completed card; 404 for drafts, cancelled and unknown cards."""
    try:
        detail = card_public_get(card_id=card_id, today=timezone.localdate())
    except ServiceCard.DoesNotExist:
        raise Http404(_("No such service in the catalogue.")) from None
    return card_page_render(request, detail)


def card_page_render(request: HttpRequest, detail: Any, **extra: Any) -> HttpResponse:
    """The card page of ``detail`` (:func:`card_public_get`'s), with ``extra`` for the panels other
    contexts add through :data:`kierunek.catalogue.hooks.card_panels` (a page that renders the card
    again, like a refused booking, passes its bound form this way)."""
    return render(
        request,
        "catalogue/card.html",
        {
            "detail": detail,
            "card": detail.card,
            "language": (get_language() or "pl")[:2],
            "qualification": qualification_register.link(detail.card.qualification_code),
            **extra,
        },
    )
