"""The live blocks read the rules in force: a new version of the voucher's value changes the page
the day it comes into force, with no editor touching it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kierunek.cms.models import ContentPage
from kierunek.programmes.models import Package, Programme, RuleVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    today = timezone.localdate()
    programme = Programme.objects.create(
        name="Program testowy",
        code="program-testowy",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=300),
        budget=10_000_000_00,
        orders_open_on=today - timedelta(days=1),
        orders_close_on=today + timedelta(days=200),
        status="active",
    )
    Package.objects.create(programme=programme, kind="general", name="Pakiet ogólny", vouchers=180)
    RuleVersion.objects.create(
        programme=programme,
        key="voucher_unit",
        valid_from=today - timedelta(days=1),
        value={"grosze": 1500},
        decision_ref="Uchwała testowa nr 1",
    )
    return programme


def test_the_page_follows_a_new_rule_version(client, portal, programme):
    page = ContentPage(
        title="Ile są warte bony",
        slug="ile-sa-warte-bony",
        body=[("voucher_rules", None), ("current_call", None)],
    )
    portal.sections["program"].add_child(instance=page)
    page.save_revision().publish()
    body = client.get("/strony/program/ile-sa-warte-bony/").content.decode()
    assert "15,00\xa0zł" in body or "15,00 zł" in body
    assert "2\xa0700,00" in body or "2 700,00" in body
    assert programme.name in body
    RuleVersion.objects.create(
        programme=programme,
        key="voucher_unit",
        valid_from=timezone.localdate(),
        value={"grosze": 2000},
        decision_ref="Uchwała testowa nr 2",
    )
    body = client.get("/strony/program/ile-sa-warte-bony/").content.decode()
    assert "20,00\xa0zł" in body or "20,00 zł" in body
    assert "3\xa0600,00" in body or "3 600,00" in body


def test_the_home_page_follows_it_too(client, programme):
    body = client.get("/").content.decode()
    assert "Jeden bon jest wart 15,00" in body
    assert "Pakiet ogólny: 2\xa0700,00" in body or "Pakiet ogólny: 2 700,00" in body
    RuleVersion.objects.create(
        programme=programme,
        key="voucher_unit",
        valid_from=timezone.localdate(),
        value={"grosze": 2000},
        decision_ref="Uchwała testowa nr 2",
    )
    assert "Jeden bon jest wart 20,00" in client.get("/").content.decode()
