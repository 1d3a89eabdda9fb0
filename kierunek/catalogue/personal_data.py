"""The catalogue in a person's data export: the searches they saved, with their e-mail settings
and the bookkeeping of their e-mails (left out: the idempotency key of the request that saved
one, which only says the request was not repeated).

Otherwise the catalogue holds no participant's data: a person's use of a service is their booking
(exported by vouchers). Service cards, their revisions and imports name the provider's staff
member who wrote, changed or uploaded them, as the provider's record of authorship; they are
declared excluded here with that reason, so the completeness test of the export knows it was
decided, not forgotten. A saved search is deleted with the person's account (CASCADE)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from kierunek.core import personal_data
from kierunek.core.personal_data import field_values

from .models import SavedSearch

EXCLUDED = {
    "ServiceCard": "A provider's published offer; its author is the provider's staff member, kept as "
    "the provider's record. A participant's part in a service is their booking, exported with the "
    "service's title.",
    "CardRevision": "The public history of a service card, naming the provider's staff member who "
    "changed it.",
    "ImportJob": "A provider's upload of a file of service cards, naming the staff member who uploaded it "
    "as the provider's record; it holds no participant's data.",
}


def saved_searches_of(*, user: Any) -> list[dict[str, Any]]:
    return [
        field_values(
            search,
            "label",
            "query",
            "frequency",
            "active",
            "created_at",
            "checked_on",
            "sent_until",
            "last_sent_at",
        )
        for search in SavedSearch.objects.filter(user=user).order_by("created_at", "pk")
    ]


def personal_data_register() -> None:
    """Called from ``CatalogueConfig.ready()``. An exclusion is declared for the models this
    version of the catalogue has, so that none stands for a table that does not exist."""
    models = apps.all_models["catalogue"]
    for name, reason in EXCLUDED.items():
        if name.lower() in models:
            personal_data.exclude(f"catalogue.{name}", reason=reason)
    personal_data.register(
        "saved_searches",
        title=_("Saved searches of the catalogue"),
        collect=saved_searches_of,
        models=["catalogue.SavedSearch"],
        order=80,
    )
