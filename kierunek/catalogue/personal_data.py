"""The catalogue holds no participant's data: a person's use of a service is their booking
(exported by vouchers). Service cards, their revisions and imports name the provider's staff
member who wrote, changed or uploaded them, as the provider's record of authorship; they are
declared excluded here with that reason, so the completeness test of the export knows it was
decided, not forgotten."""

from __future__ import annotations

from django.apps import apps

from kierunek.core import personal_data

EXCLUDED = {
    "ServiceCard": "A provider's published offer; its author is the provider's staff member, kept as "
    "the provider's record. A participant's part in a service is their booking, exported with the "
    "service's title.",
    "CardRevision": "The public history of a service card, naming the provider's staff member who "
    "changed it.",
    "ImportJob": "A provider's upload of a file of service cards, naming the staff member who uploaded it "
    "as the provider's record; it holds no participant's data.",
}


def personal_data_register() -> None:
    """Called from ``CatalogueConfig.ready()``. An exclusion is declared for the models this
    version of the catalogue has, so that none stands for a table that does not exist."""
    models = apps.all_models["catalogue"]
    for name, reason in EXCLUDED.items():
        if name.lower() in models:
            personal_data.exclude(f"catalogue.{name}", reason=reason)
