"""Saved searches: a person keeps a search of the catalogue (/uslugi/) and is told by e-mail of the
services published since that it finds (the digest: kierunek.catalogue.saved_search_alerts).

A saved search is its canonical query string (:func:`saved_search_query`: the parameters as
:func:`kierunek.catalogue.search.search_params_parse` reads them, in a fixed order, without the
page), so the same search saved twice is one row, and opening it runs exactly the search that was
saved. The e-mails carry a signed link (:func:`unsubscribe_token`, no login needed) that stops
them at once; the person's page of saved searches switches them on again, changes how often they
come, or deletes the search."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kierunek.accounts.models import User
from kierunek.core.money import Money
from kierunek.geo.models import Gmina, Powiat

from .models import AlertFrequency, Category, DeliveryForm, SavedSearch
from .search import SearchParams, SearchParamsError, SortOrder, search_cards, search_params_parse

# How many searches one person may keep: enough for every field they follow, few enough that a
# digest stays readable.
MAX_SAVED_SEARCHES = 20
MAX_QUERY_LENGTH = SavedSearch._meta.get_field("query").max_length or 1000
MAX_LABEL_LENGTH = SavedSearch._meta.get_field("label").max_length or 500
UNSUBSCRIBE_SALT = "kierunek.catalogue.saved_search.unsubscribe"


# --- the search as a query string and in words -------------------------------------------------


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def saved_search_query(params: SearchParams) -> str:
    """The canonical query string of ``params``: every parameter that filters or orders, in the
    order of PARAMETER_NAMES, delivery forms sorted, without the page. Parsed again it gives
    ``params`` on its first page."""
    pairs: list[tuple[str, str]] = []
    if params.q:
        pairs.append(("q", params.q))
    if params.category:
        pairs.append(("category", params.category))
    pairs += [("form", form) for form in sorted(params.forms)]
    if params.powiat:
        pairs.append(("powiat", params.powiat))
    if params.gmina:
        pairs.append(("gmina", params.gmina))
    if params.radius_km is not None:
        pairs.append(("radius_km", _number(params.radius_km)))
    if params.include_remote:
        pairs.append(("include_remote", "1"))
    if params.starts_after:
        pairs.append(("starts_after", params.starts_after.isoformat()))
    if params.starts_before:
        pairs.append(("starts_before", params.starts_before.isoformat()))
    if params.price_max is not None:
        pairs.append(("price_max", Money(params.price_max).api_str()))
    if params.quality_mark:
        pairs.append(("quality_mark", "1"))
    if params.min_rating is not None:
        pairs.append(("min_rating", _number(params.min_rating)))
    if params.free_places_only:
        pairs.append(("free_places", "1"))
    if params.qualification:
        pairs.append(("kwalifikacja", params.qualification))
    if params.sort != SortOrder.RELEVANCE:
        pairs.append(("sort", str(params.sort)))
    return urlencode(pairs)


def saved_search_params(query: str, *, page_size: int | None = None) -> SearchParams:
    """The parameters of a saved search's ``query`` (on its first page, of ``page_size`` cards
    when given). Raises SearchParamsError."""
    params = search_params_parse(QueryDict(query))
    return replace(params, page_size=page_size) if page_size else params


def saved_search_label(params: SearchParams, *, language: str | None = None) -> str:
    """The search in words, in ``language`` (the active one by default): its text, category,
    place and filters, e.g. „księgowość” · Finanse i rachunkowość · do 20 km od Krakowa."""
    with translation.override(language or translation.get_language()):
        english = (translation.get_language() or "pl").startswith("en")
        parts = [f"„{params.q}”"] if params.q else []
        if params.category:
            category = Category.objects.filter(code=params.category).first()
            if category is not None:
                parts.append(category.label("en" if english else "pl"))
        if params.forms:
            labels = dict(DeliveryForm.choices)
            parts.append(_(" or ").join(str(labels.get(form, form)) for form in params.forms))
        if params.powiat:
            powiat = Powiat.objects.filter(teryt=params.powiat).first()
            parts.append(_("powiat %(name)s") % {"name": powiat.name if powiat else params.powiat})
        if params.gmina:
            gmina = Gmina.objects.filter(teryt=params.gmina).first()
            name = gmina.name if gmina else params.gmina
            if params.radius_km is not None:
                parts.append(
                    _("within %(km)s km of %(place)s") % {"km": _number(params.radius_km), "place": name}
                )
            else:
                parts.append(_("distance from %(place)s") % {"place": name})
        if params.include_remote:
            parts.append(_("also remote"))
        if params.starts_after:
            parts.append(_("starting on or after %(day)s") % {"day": date_format(params.starts_after)})
        if params.starts_before:
            parts.append(_("starting on or before %(day)s") % {"day": date_format(params.starts_before)})
        if params.price_max is not None:
            parts.append(_("up to %(price)s") % {"price": Money(params.price_max).format()})
        if params.quality_mark:
            parts.append(_("MSUES quality mark"))
        if params.min_rating is not None:
            parts.append(_("rated at least %(rating)s / 5") % {"rating": _number(params.min_rating)})
        if params.free_places_only:
            parts.append(_("with free places"))
        if params.qualification:
            parts.append(_("leading to qualification %(code)s") % {"code": params.qualification})
        label = " · ".join(parts) or _("All services")
    return label[:MAX_LABEL_LENGTH]


# --- the person's saved searches ---------------------------------------------------------------


def saved_searches_of(*, user: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user).order_by("-created_at", "-id")


def saved_search_of(*, user: User, saved_search_id: int) -> SavedSearch:
    """The person's own saved search; SavedSearch.DoesNotExist for anybody else's (a 404)."""
    return SavedSearch.objects.get(pk=saved_search_id, user=user)


def saved_search_find(*, user: User, params: SearchParams) -> SavedSearch | None:
    """The person's saved search of exactly these parameters, if they saved it."""
    return SavedSearch.objects.filter(user=user, query=saved_search_query(params)).first()


def saved_search_create(
    *,
    user: User,
    data: Mapping[str, Any],
    frequency: str,
    idempotency_key: str,
    now: datetime | None = None,
) -> tuple[SavedSearch, bool]:
    """Save the search of the query string ``data`` for ``user``, with e-mails ``frequency``.
    Returns the saved search and whether it is new. The same search saved again is the same row
    (its e-mails switched on, at the frequency asked now); a retry with the same
    ``idempotency_key`` returns the first result. Refused (ValidationError) for parameters a
    search cannot run with and past MAX_SAVED_SEARCHES."""
    if frequency not in AlertFrequency.values:
        raise ValidationError({"frequency": [_("Choose how often to send the e-mail.")]})
    earlier = SavedSearch.objects.filter(idempotency_key=idempotency_key, user=user).first()
    if earlier is not None:
        return earlier, False
    try:
        params = search_params_parse(data)
        search_cards(replace(params, page=1, page_size=1))  # an unknown category or gmina refuses here
    except SearchParamsError as error:
        raise ValidationError(
            [_("This search cannot be saved: %(problems)s") % {"problems": " ".join(error.errors.values())}]
        ) from error
    query = saved_search_query(params)
    if len(query) > MAX_QUERY_LENGTH:
        raise ValidationError([_("This search is too long to be saved: use fewer words or filters.")])
    now = now or timezone.now()
    with transaction.atomic():
        # The person's row is locked so that two saves at once cannot pass the limit together.
        User.objects.select_for_update().only("pk").get(pk=user.pk)
        existing = SavedSearch.objects.filter(user=user, query=query).first()
        if existing is not None:
            existing.frequency = frequency
            existing.active = True
            existing.save(update_fields=["frequency", "active"])
            return existing, False
        if SavedSearch.objects.filter(user=user).count() >= MAX_SAVED_SEARCHES:
            raise ValidationError(
                [
                    ngettext(
                        "You can keep at most %(max)d saved search. Delete one you no longer need "
                        "on the page of your saved searches, then save this one.",
                        "You can keep at most %(max)d saved searches. Delete one you no longer need "
                        "on the page of your saved searches, then save this one.",
                        MAX_SAVED_SEARCHES,
                    )
                    % {"max": MAX_SAVED_SEARCHES}
                ]
            )
        try:
            with transaction.atomic():
                saved = SavedSearch.objects.create(
                    user=user,
                    query=query,
                    label=saved_search_label(params),
                    frequency=frequency,
                    created_at=now,
                    checked_on=timezone.localdate(now),
                    sent_until=now,
                    idempotency_key=idempotency_key,
                )
        except IntegrityError:
            # The same key or search, saved by a request that committed first: its result.
            found = SavedSearch.objects.filter(user=user, query=query).first()
            if found is None:
                raise
            return found, False
    return saved, True


def saved_search_frequency_set(
    *, user: User, saved_search_id: int, frequency: str, active: bool
) -> SavedSearch:
    """Change how often the person's saved search e-mails them, or switch its e-mails off."""
    if frequency not in AlertFrequency.values:
        raise ValidationError({"frequency": [_("Choose how often to send the e-mail.")]})
    saved = saved_search_of(user=user, saved_search_id=saved_search_id)
    saved.frequency = frequency
    saved.active = active
    saved.save(update_fields=["frequency", "active"])
    return saved


def saved_search_delete(*, user: User, saved_search_id: int) -> None:
    """Delete the person's saved search (and with it its e-mails)."""
    saved_search_of(user=user, saved_search_id=saved_search_id).delete()


# --- the e-mails' one-click link ---------------------------------------------------------------


def unsubscribe_token(*, user_id: int, saved_search_ids: Iterable[int]) -> str:
    """A signed token that stops the e-mails of these saved searches of the person: the e-mail's
    link and its List-Unsubscribe header carry it, so no login is needed (RFC 8058)."""
    return signing.dumps(
        {"u": user_id, "s": sorted(set(saved_search_ids))}, salt=UNSUBSCRIBE_SALT, compress=True
    )


def unsubscribe_token_read(token: str) -> tuple[int, list[int]]:
    """The person and the saved searches of a token; signing.BadSignature when it is not one of
    ours (or was changed)."""
    value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("u"), int)
        or not isinstance(value.get("s"), list)
    ):
        raise signing.BadSignature("Not an unsubscribe token.")
    return value["u"], [pk for pk in value["s"] if isinstance(pk, int)]


def _token_searches(token: str) -> QuerySet[SavedSearch]:
    user_id, ids = unsubscribe_token_read(token)
    return SavedSearch.objects.filter(user_id=user_id, pk__in=ids).order_by("-created_at", "-id")


def saved_searches_of_token(*, token: str) -> list[SavedSearch]:
    """The token's saved searches that still exist, changing nothing (what the e-mail's link shows
    before the person confirms)."""
    return list(_token_searches(token))


def saved_searches_unsubscribe(*, token: str) -> list[SavedSearch]:
    """Stop the e-mails of the token's saved searches (those that still exist); returns them."""
    searches = _token_searches(token)
    searches.update(active=False)
    return list(searches)


def saved_searches_resubscribe(*, token: str) -> list[SavedSearch]:
    """Undo :func:`saved_searches_unsubscribe`: the e-mails come again, from where they stopped."""
    searches = _token_searches(token)
    searches.update(active=True)
    return list(searches)
