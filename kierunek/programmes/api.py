"""JSON API of the programmes context, mounted by config/api.py at /api/v1/programmes/ (with session
or bearer-token authentication; the public operation says ``auth=None``)."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status

from kierunek.accounts.models import Role, User
from kierunek.core.actor import request_user
from kierunek.core.api_errors import ErrorOut
from kierunek.core.money import Money
from kierunek.core.permissions import api_require_roles

from . import domain, explain, selectors
from .models import Application

router = Router()


class ProgrammePackageOut(Schema):
    """A package the programme offers (a participant's view with ``can_order`` is ``PackageOut``)."""

    kind: str
    name: str
    vouchers: int
    value: str  # złoty, "2700.00": vouchers x the unit in force today


class RuleVersionOut(Schema):
    key: str
    valid_from: date
    decision_ref: str
    decision_url: str
    value: dict[str, Any]
    description: list[str]


class ProgrammeOut(Schema):
    name: str
    code: str
    description: str
    starts_on: date
    ends_on: date
    budget: str
    orders_open_on: date
    orders_close_on: date
    as_of: date
    voucher_unit: str | None
    packages: list[ProgrammePackageOut]
    rules_in_force: list[RuleVersionOut]


class ReasonOut(Schema):
    rule: str
    rule_label: str
    outcome: str
    outcome_label: str
    text: str


class AppliedRuleOut(Schema):
    key: str
    valid_from: date
    decision_ref: str


class ApplicationOut(Schema):
    programme: str
    status: str
    status_label: str
    is_admitted: bool
    submitted_at: datetime | None
    decided_at: datetime | None
    rule_applied: AppliedRuleOut | None
    reasons: list[ReasonOut]
    residence_gmina: str | None
    lives_outside_region: bool
    work_gmina: str | None
    works_outside_region: bool
    studies_in_region: bool
    education_level: int | None
    employment_status: str
    employment_form: str


def _rule(version: Any) -> dict[str, Any]:
    return {
        "key": version.key,
        "valid_from": version.valid_from,
        "decision_ref": version.decision_ref,
        "decision_url": version.decision_url,
        "value": version.value,
        "description": explain.describe_rule(version),
    }


@router.get(
    "/current",
    response={200: ProgrammeOut, 404: ErrorOut},
    auth=None,
    url_name="programme_current",
    summary="The programme taking applications now, its packages and the rules in force today",
)
def current(request: HttpRequest) -> Any:
    """Public. Packages are valued with the voucher unit in force today; ``rules_in_force`` has
    the version of each rule in force today, with the decision that set it."""
    today = timezone.localdate()
    programme = selectors.programme_current(today=today)
    if programme is None:
        return Status(
            404,
            {"detail": "Żaden program nie przyjmuje teraz wniosków. / No programme takes applications now."},
        )
    rules = []
    for key in domain.RULE_KEYS:
        try:
            rules.append(_rule(selectors.rule_version_on(programme=programme, key=key, day=today)))
        except selectors.RuleNotInForce:
            continue
    try:
        unit: int | None = selectors.voucher_unit_on(programme=programme, day=today)
    except selectors.RuleNotInForce:
        unit = None
    packages = [
        {
            "kind": p.kind,
            "name": p.name,
            "vouchers": p.vouchers,
            "value": Money(p.vouchers * unit).api_str() if unit else "",
        }
        for p in selectors.packages_of(programme=programme)
    ]
    return {
        "name": programme.name,
        "code": programme.code,
        "description": programme.description,
        "starts_on": programme.starts_on,
        "ends_on": programme.ends_on,
        "budget": Money(programme.budget).api_str(),
        "orders_open_on": programme.orders_open_on,
        "orders_close_on": programme.orders_close_on,
        "as_of": today,
        "voucher_unit": Money(unit).api_str() if unit else None,
        "packages": packages,
        "rules_in_force": rules,
    }


def application_out(application: Application) -> dict[str, Any]:
    version = application.rule_version
    return {
        "programme": application.programme.code,
        "status": application.status,
        "status_label": str(application.get_status_display()),
        "is_admitted": application.is_admitted,
        "submitted_at": application.submitted_at,
        "decided_at": application.decided_at,
        "rule_applied": None
        if version is None
        else {"key": version.key, "valid_from": version.valid_from, "decision_ref": version.decision_ref},
        "reasons": [
            {
                "rule": r.rule,
                "rule_label": r.rule_label,
                "outcome": r.outcome,
                "outcome_label": r.outcome_label,
                "text": r.text,
            }
            for r in explain.explain_reasons(application.decision_reasons)
        ],
        "residence_gmina": application.residence_gmina.teryt if application.residence_gmina else None,
        "lives_outside_region": application.lives_outside_region,
        "work_gmina": application.work_gmina.teryt if application.work_gmina else None,
        "works_outside_region": application.works_outside_region,
        "studies_in_region": application.studies_in_region,
        "education_level": application.education_level,
        "employment_status": application.employment_status,
        "employment_form": application.employment_form,
    }


@router.get(
    "/my-application",
    response={200: ApplicationOut, 404: ErrorOut},
    url_name="programme_my_application",
    summary="My application to the current programme and its decision",
)
def my_application(request: HttpRequest) -> Any:
    """Participants only: their own application, with the decision's reasons."""
    api_require_roles(request, Role.PARTICIPANT)
    user: User = request_user(request)
    application = selectors.current_application(user=user)
    if application is None:
        return Status(404, {"detail": "Nie masz jeszcze wniosku. / You have no application yet."})
    return application_out(application)
