"""Providers' records in a person's data export: the providers' own records (registration, bank
accounts, certificates) belong to the organisation; the staff member who acted on them is named
there as its author, which is the organisation's record, so they are declared excluded below with
the reason for each. (A person's place in a provider's staff is exported together with their entry
in the register of auditors by :mod:`kierunek.quality.personal_data`, which sees both.)"""

from __future__ import annotations

from kierunek.core import personal_data

ORGANISATION_RECORD = (
    "The provider's or the quality case's own record; the user it points at is the staff member, officer or "
    "auditor who {did}, kept as the organisation's record of who acted. A participant never appears in it."
)


def personal_data_register() -> None:
    """Called from ``ProvidersConfig.ready()``."""
    for model, did in {
        "providers.Provider": "registered or decided on the provider",
        "providers.BankAccount": "asked for or approved a bank account",
        "providers.Certificate": "uploaded a certificate",
    }.items():
        personal_data.exclude(model, reason=ORGANISATION_RECORD.format(did=did))
