"""The accounts' part of a person's data export: the account, the participant profile (with the
full PESEL: the export goes only to the person themself), the consents to the terms, and the API
tokens by name and dates (never their hash or prefix: those authenticate, they do not inform)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from kierunek.core import personal_data
from kierunek.core.personal_data import field_values

from .models import ApiToken, GminaStaff, ParticipantProfile, User

# What a person may see of their token. Fields are exported when the model has them, so the
# export keeps up as tokens gain an expiry or a read-only scope.
API_TOKEN_FIELDS = (
    "name",
    "read_only",
    "created_at",
    "expires_at",
    "last_used_at",
    "revoked_at",
    "revoked_reason",
)


def _token_fields() -> tuple[str, ...]:
    present = []
    for name in API_TOKEN_FIELDS:
        try:
            ApiToken._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        present.append(name)
    return tuple(present)


def account_of(*, user: User) -> dict[str, Any]:
    profile = ParticipantProfile.objects.filter(user=user).first()
    token_fields = _token_fields()
    return {
        **field_values(user, "email", "first_name", "last_name", "role", "date_joined", "last_login"),
        "profile": None
        if profile is None
        else field_values(profile, "pesel", "birth_date", "sex", "created_at"),
        "consents": [
            field_values(c, "kind", "text_version", "given_at", "withdrawn_at")
            for c in user.consents.order_by("given_at", "pk")
        ],
        "api_tokens": [field_values(t, *token_fields) for t in user.api_tokens.order_by("created_at", "pk")],
        "gmina_staff": [
            {**field_values(g, "position", "since"), "gmina": str(g.gmina)}
            for g in GminaStaff.objects.filter(user=user).select_related("gmina__powiat")
        ],
    }


def account_rows(*, user: User) -> list[ParticipantProfile]:
    return list(ParticipantProfile.objects.filter(user=user))


def personal_data_register() -> None:
    """Called from ``AccountsConfig.ready()``."""
    personal_data.register(
        "account",
        title=_("Account"),
        collect=account_of,
        models=[
            "accounts.User",
            "accounts.ParticipantProfile",
            "accounts.Consent",
            "accounts.ApiToken",
            "accounts.GminaStaff",
        ],
        labels={
            "profile": _("Participant profile"),
            "consents": _("Consents"),
            "api_tokens": _("API tokens"),
            "gmina_staff": _("Work for a gmina"),
            "pesel": _("PESEL number"),
            "date_joined": _("Account created"),
            "last_login": _("Last login"),
        },
        order=10,
    )
    personal_data.register_owned_rows(account_rows)
