"""The register's public API: the search (the same as the page's: register_search_parse and
register_search) and one qualification with its outcome sets."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from kierunek.core.api_errors import ValidationErrorOut

from . import selectors
from .domain import TEXT_FIELDS, code_normalise, is_code
from .models import Qualification
from .schemas import QualificationListOut, QualificationNotFoundOut, QualificationOut
from .services import outcome_sets_data

router = Router(auth=None)


def _code(value: str) -> str:
    """A code of the register in any case; 422 for text that cannot be one."""
    if not is_code(code_normalise(value)):
        raise PydanticCustomError(
            "qualification_code", _("A code has up to 40 letters, digits, dots, dashes or underscores.")
        )
    return value


QualificationCode = Annotated[str, AfterValidator(_code)]


class QualificationFilters(Schema):
    q: str = Field("", description="Text in Polish; inflection and missing diacritics are forgiven")
    level: str = Field("", description="PRK level, 1 to 8")
    kind: str = Field("", description="market or sectoral")


def _summary(qualification: Qualification) -> dict[str, Any]:
    return {
        "code": qualification.code,
        "name": qualification.name,
        "kind": qualification.kind,
        "prk_level": qualification.prk_level,
        "workload_hours": qualification.workload_hours,
        "description": qualification.description,
        "demo": qualification.demo,
        "url": reverse("qualifications:detail", args=[qualification.code]),
        "services_url": reverse("api:services") + "?" + urlencode({"kwalifikacja": qualification.code}),
    }


@router.get(
    "",
    response={200: QualificationListOut, 422: ValidationErrorOut},
    summary="Search the register of qualifications",
    url_name="qualifications",
)
def qualification_list(request: HttpRequest, filters: Query[QualificationFilters]) -> Any:
    """Qualifications having every word of ``q`` (in the name, description, who it is for, the
    rights and the learning outcomes), of the PRK level and kind asked for: those with every word in
    the name first, then by name in Polish order."""
    try:
        search = selectors.register_search_parse(filters.dict())
    except selectors.SearchInvalid as invalid:
        return Status(
            422,
            {
                "detail": [
                    {"type": "invalid_parameter", "loc": ["query", name], "msg": message}
                    for name, message in invalid.errors.items()
                ]
            },
        )
    found = selectors.register_search(search)
    return {"count": len(found), "items": [_summary(q) for q in found]}


@router.get(
    "/{code}",
    response={200: QualificationOut, 404: QualificationNotFoundOut},
    summary="One qualification with its learning outcomes",
    url_name="qualification",
)
def qualification_detail(request: HttpRequest, code: Path[QualificationCode]) -> Any:
    try:
        qualification = selectors.qualification_get(code)
    except Qualification.DoesNotExist:
        return Status(404, {"detail": _("The register has no qualification with this code.")})
    return {
        **_summary(qualification),
        **{name: getattr(qualification, name) for name in TEXT_FIELDS},
        "certificate_validity_years": qualification.certificate_validity_years,
        "certifying_institutions": list(qualification.certifying_institutions),
        "quality_body": qualification.quality_body,
        "registered_on": qualification.registered_on,
        "outcome_sets": outcome_sets_data(qualification),
    }
