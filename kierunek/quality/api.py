"""Public API of the quality-mark register: the same entries as the register page."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from kierunek.core.validators import normalize_nip

from . import selectors
from .domain import CaseState
from .models import STATE_LABELS, QualityMarkCase
from .schemas import RegisterEntryOut

router = Router(auth=None)

REGISTER_STATES = "granted|suspended|withdrawn|expired"


class RegisterFilters(Schema):
    q: str = Field("", max_length=100, description="Part of the provider's name")
    nip: str = Field("", max_length=13, description="The provider's NIP")
    gmina: str = Field("", pattern=r"^(12\d{5})?$", description="TERYT code of the gmina (7 digits)")
    state: str = Field("", pattern=rf"^({REGISTER_STATES})?$", description="Status of the mark")


def _entry(case: QualityMarkCase) -> dict[str, Any]:
    provider = case.provider
    return {
        "provider": {
            "id": provider.pk,
            "name": provider.legal_name,
            "nip": provider.nip,
            "gmina": {"teryt": provider.gmina.teryt, "name": provider.gmina.name} if provider.gmina else None,
            "city": provider.city,
        },
        "state": case.state,
        "state_label": str(STATE_LABELS[CaseState(case.state)]),
        "mark_number": case.mark_number,
        "valid_from": case.valid_from,
        "valid_until": case.valid_until,
        "history": [
            {
                "date": event.occurred_at.date(),
                "state": event.to_state,
                "state_label": str(event.to_state_label),
            }
            for event in case.events.all()
        ],
    }


@router.get("", response=list[RegisterEntryOut], summary="Register of MSUES quality-mark holders")
def quality_register(request: HttpRequest, filters: Query[RegisterFilters]) -> list[dict[str, Any]]:
    cases = selectors.register_entries(
        q=filters.q.strip(),
        nip=normalize_nip(filters.nip),
        gmina_teryt=filters.gmina,
        state=filters.state,
        today=timezone.localdate(),
    )
    return [_entry(case) for case in cases[:500]]
