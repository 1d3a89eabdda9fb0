"""The register's API schemas (read-only: nothing here is submitted)."""

from __future__ import annotations

from datetime import date

from ninja import Schema
from pydantic import Field


class OutcomeOut(Schema):
    code: str = Field(description="Stable within its set")
    text: str
    criteria: list[str] = Field(description="Verification criteria, in order")


class OutcomeSetOut(Schema):
    code: str = Field(description="Stable within the qualification")
    name: str
    outcomes: list[OutcomeOut]


class QualificationSummaryOut(Schema):
    code: str = Field(description="Code in the Integrated Qualifications Register (ZRK)")
    name: str
    kind: str = Field(description="market or sectoral")
    prk_level: int = Field(description="Level of the Polish Qualifications Framework, 1 to 8")
    workload_hours: int
    description: str
    demo: bool = Field(description="Demo data, not an entry of the ZRK")
    url: str = Field(description="The public page")
    services_url: str = Field(description="The API search of the services that lead to it")


class QualificationOut(QualificationSummaryOut):
    target_group: str
    entry_conditions: str
    rights_conferred: str
    validation_methods: str
    validation_staff: str
    validation_conditions: str
    certificate_validity_years: int | None = Field(description="Empty: the certificate does not expire")
    renewal_conditions: str
    certifying_institutions: list[str]
    quality_body: str = Field(description="External quality-assurance body (PZZJ)")
    registered_on: date
    outcome_sets: list[OutcomeSetOut]


class QualificationListOut(Schema):
    count: int
    items: list[QualificationSummaryOut]


class QualificationNotFoundOut(Schema):
    detail: str
