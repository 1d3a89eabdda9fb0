"""Rule versions are added, never rewritten once in force; their values are checked against the
rule's shape before they are saved."""

from datetime import date, timedelta

import pytest
from django.contrib.admin.sites import site
from django.db import IntegrityError
from django.test import RequestFactory
from django.utils import timezone

from kierunek.programmes.admin import RuleVersionForm
from kierunek.programmes.models import RuleVersion
from tests.accounts.factories import StaffUserFactory

from .helpers import demo_programme

pytestmark = pytest.mark.django_db


def form(**overrides) -> RuleVersionForm:
    data = {
        "programme": demo_programme().pk,
        "key": "consumption",
        "valid_from": "2028-01-01",
        "value": '{"default_per_hour": 3, "per_hour": {"languages": 2}, "exam_max_vouchers": 50}',
        "decision_ref": "Uchwała nr 1/28",
    }
    data.update(overrides)
    return RuleVersionForm(data=data)


def test_a_well_formed_new_version_is_accepted():
    assert form().is_valid(), form().errors


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("consumption", '{"per_hour": {"languages": 2}}', "default_per_hour"),
        ("consumption", '{"default_per_hour": 3, "per_hour": {"languages": 1.5}}', "whole number"),
        ("voucher_unit", '{"grosze": 0}', "at least 1"),
        ("eligibility", '{"employment": [{"status": "retired"}]}', "status"),
    ],
)
def test_a_malformed_value_is_refused_with_a_reason(key, value, message):
    bound = form(key=key, value=value)
    assert not bound.is_valid()
    assert message in " ".join(bound.errors["value"])


def test_a_decision_reference_is_required():
    bound = form(decision_ref="")
    assert not bound.is_valid()
    assert "decision_ref" in bound.errors


def test_one_version_per_rule_and_day():
    with pytest.raises(IntegrityError):
        RuleVersion.objects.create(
            programme=demo_programme(),
            key="voucher_unit",
            valid_from=date(2025, 1, 1),
            value={"grosze": 2000},
            decision_ref="x",
        )


def test_a_version_in_force_cannot_be_changed_or_removed_in_the_admin():
    admin = site._registry[RuleVersion]
    request = RequestFactory().get("/")
    request.user = StaffUserFactory(role="administrator")
    in_force = RuleVersion.objects.filter(valid_from__lte=timezone.localdate()).first()
    future = RuleVersion.objects.create(
        programme=demo_programme(),
        key="voucher_unit",
        valid_from=timezone.localdate() + timedelta(days=30),
        value={"grosze": 1600},
        decision_ref="Uchwała nr 2/27",
    )
    assert not admin.has_change_permission(request, in_force)
    assert not admin.has_delete_permission(request, in_force)
    assert admin.has_change_permission(request, future)
    assert admin.has_delete_permission(request, future)
