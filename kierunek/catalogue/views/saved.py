"""Saved searches' pages: the form that saves the search on /uslugi/ (:func:`saved_search_panel`,
which the search page renders), the participant's list of their saved searches, and the e-mails'
one-click unsubscribe link (no login: a signed token, kierunek.catalogue.saved_searches)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import request_user
from kierunek.core.forms import PlainTextForm
from kierunek.core.idempotency import IdempotencyKey, IdempotencyKeyField, new_key_value
from kierunek.core.pages import confirm_first, flash_refusal, post_or_back
from kierunek.core.permissions import role_required

from ..models import AlertFrequency, SavedSearch
from ..saved_searches import (
    MAX_SAVED_SEARCHES,
    saved_search_create,
    saved_search_delete,
    saved_search_find,
    saved_search_frequency_set,
    saved_search_of,
    saved_search_query,
    saved_searches_of,
    saved_searches_of_token,
    saved_searches_resubscribe,
    saved_searches_unsubscribe,
)
from ..search import SearchResult

OFF = "off"
PANEL = "catalogue/_saved_search_panel.html"


class SavedSearchForm(PlainTextForm):
    """Save the search of ``query`` (the search page's query string). The idempotency key is
    made when the form is shown, so sending it twice saves once."""

    query = forms.CharField(max_length=2000, required=False, widget=forms.HiddenInput)
    frequency = forms.ChoiceField(
        label=gettext_lazy("E-mail me the new services"),
        choices=AlertFrequency.choices,
        initial=AlertFrequency.WEEKLY,
    )
    idempotency_key = IdempotencyKeyField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", new_key_value("saved-search"))
        super().__init__(*args, **kwargs)


class FrequencyForm(PlainTextForm):
    frequency = forms.ChoiceField(
        label=gettext_lazy("E-mail with new services"),
        choices=[*AlertFrequency.choices, (OFF, gettext_lazy("no e-mails (keep the search)"))],
    )


def _search_url(query: str) -> str:
    search = reverse("catalogue:search")
    return f"{search}?{query}" if query else search


def saved_search_panel(
    request: HttpRequest, values: QueryDict, result: SearchResult | None
) -> dict[str, Any]:
    """The context of the panel that saves the search shown (``PANEL``): for a participant the
    form (or, when this search is saved, a link to their saved searches), for an anonymous person
    a link to log in and come back to this search; nothing for staff or a search with errors."""
    if result is None:
        return {"saved_panel": None}
    user = request_user(request)
    query = urlencode(
        [(name, item) for name, items in values.lists() if name != "page" for item in items if item]
    )
    if not user.is_authenticated:
        login = reverse("accounts:login")
        return {"saved_panel": {"login_url": f"{login}?{urlencode({'next': _search_url(query)})}"}}
    if getattr(user, "role", None) != Role.PARTICIPANT:
        return {"saved_panel": None}
    saved = saved_search_find(user=user, params=result.params)
    return {
        "saved_panel": {
            "saved": saved,
            "form": None if saved else SavedSearchForm(initial={"query": saved_search_query(result.params)}),
            "list_url": reverse("catalogue:saved_searches"),
        }
    }


def saved_search_panel_oob(request: HttpRequest, context: dict[str, Any]) -> bytes:
    """The panel again, for the HTMX response that replaces only the results: swapped in out of
    band, so the form always saves the search on the screen."""
    return render_to_string(PANEL, {**context, "oob": True}, request=request).encode()


@role_required(Role.PARTICIPANT)
@post_or_back(lambda request: reverse("catalogue:search"))
def saved_search_save(request: HttpRequest) -> HttpResponse:
    """Save the search; back to it with a message (or to its page with the reason it was not)."""
    user = request_user(request)
    form = SavedSearchForm(request.POST)
    back = _search_url(request.POST.get("query", "")[:2000])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    data = form.cleaned_data
    try:
        saved, created = saved_search_create(
            user=user,
            data=QueryDict(data["query"]),
            frequency=data["frequency"],
            idempotency_key=str(IdempotencyKey.parse(data["idempotency_key"], user=user)),
        )
    except forms.ValidationError as error:
        flash_refusal(request, error)
        return redirect(back)
    if created:
        messages.success(
            request,
            _("Search saved: we will e-mail you %(frequency)s when new services match it.")
            % {"frequency": saved.get_frequency_display()},
        )
    else:
        messages.info(
            request,
            _("This search was already saved; its e-mails are on, %(frequency)s.")
            % {"frequency": saved.get_frequency_display()},
        )
    return redirect(_search_url(saved.query))


@role_required(Role.PARTICIPANT)
def saved_search_list(request: HttpRequest) -> HttpResponse:
    """The participant's saved searches: open, change how often they e-mail, delete."""
    searches = list(saved_searches_of(user=request_user(request)))
    rows = [
        {
            "saved": saved,
            "url": _search_url(saved.query),
            "form": FrequencyForm(
                initial={"frequency": saved.frequency if saved.active else OFF},
                auto_id=f"saved-{saved.pk}-%s",
            ),
        }
        for saved in searches
    ]
    return render(
        request,
        "catalogue/saved_searches.html",
        {"rows": rows, "limit": MAX_SAVED_SEARCHES, "search_url": reverse("catalogue:search")},
    )


def _owned(request: HttpRequest, saved_search_id: int) -> SavedSearch:
    try:
        return saved_search_of(user=request_user(request), saved_search_id=saved_search_id)
    except SavedSearch.DoesNotExist:
        raise Http404(_("No such saved search.")) from None


@role_required(Role.PARTICIPANT)
@post_or_back(lambda request, saved_search_id: reverse("catalogue:saved_searches"))
def saved_search_frequency(request: HttpRequest, saved_search_id: int) -> HttpResponse:
    saved = _owned(request, saved_search_id)
    form = FrequencyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how often to send the e-mail."))
        return redirect("catalogue:saved_searches")
    frequency = form.cleaned_data["frequency"]
    active = frequency != OFF
    saved = saved_search_frequency_set(
        user=request_user(request),
        saved_search_id=saved.pk,
        frequency=frequency if active else saved.frequency,
        active=active,
    )
    if active:
        messages.success(
            request,
            _("%(search)s: e-mails %(frequency)s.")
            % {"search": saved.label, "frequency": saved.get_frequency_display()},
        )
    else:
        messages.success(
            request, _("%(search)s: no more e-mails; the search is kept.") % {"search": saved.label}
        )
    return redirect("catalogue:saved_searches")


@role_required(Role.PARTICIPANT)
@post_or_back(lambda request, saved_search_id: reverse("catalogue:saved_searches"))
def saved_search_remove(request: HttpRequest, saved_search_id: int) -> HttpResponse:
    saved = _owned(request, saved_search_id)
    asked = confirm_first(
        request,
        question=_("Delete the saved search %(search)s?") % {"search": saved.label},
        consequences=[
            _("Its e-mails stop. The services stay in the catalogue; you can save the search again.")
        ],
        confirm_label=_("Delete the saved search"),
        back=reverse("catalogue:saved_searches"),
    )
    if asked is not None:
        return asked
    saved_search_delete(user=request_user(request), saved_search_id=saved.pk)
    messages.success(request, _("The saved search %(search)s is deleted.") % {"search": saved.label})
    return redirect("catalogue:saved_searches")


def _link_invalid(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "catalogue/saved_search_unsubscribed.html",
        {"invalid": True, "list_url": reverse("catalogue:saved_searches")},
        status=400,
    )


@csrf_exempt  # RFC 8058: a mail client posts "List-Unsubscribe=One-Click" with no session or token
@require_http_methods(["GET", "HEAD", "POST"])
def saved_search_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the e-mail's link: the link (a GET) shows the saved searches and one button;
    its POST, or the one-click POST of RFC 8058 from a mail client, stops their e-mails at once,
    and the page offers to undo. A GET changes nothing: mail filters and link previews open the
    links of an e-mail before the person does (RFC 8058, section 1)."""
    try:
        if request.method != "POST":
            return render(
                request,
                "catalogue/saved_search_unsubscribed.html",
                {
                    "confirm": True,
                    "searches": saved_searches_of_token(token=token),
                    "token": token,
                    "list_url": reverse("catalogue:saved_searches"),
                    "search_url": reverse("catalogue:search"),
                },
            )
        stopped = saved_searches_unsubscribe(token=token)
    except signing.BadSignature:
        return _link_invalid(request)
    return render(
        request,
        "catalogue/saved_search_unsubscribed.html",
        {
            "searches": stopped,
            "token": token,
            "list_url": reverse("catalogue:saved_searches"),
            "search_url": reverse("catalogue:search"),
        },
    )


@require_POST
def saved_search_resubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the e-mail's link: undo the unsubscribe (the page's button, with its CSRF
    token)."""
    try:
        restored = saved_searches_resubscribe(token=token)
    except signing.BadSignature:
        return _link_invalid(request)
    return render(
        request,
        "catalogue/saved_search_unsubscribed.html",
        {
            "searches": restored,
            "restored": True,
            "token": token,
            "list_url": reverse("catalogue:saved_searches"),
            "search_url": reverse("catalogue:search"),
        },
    )
