"""The quality mark's panels on the providers' pages, through the hook the providers context offers
(it never imports the quality mark): registered when the app is ready, and shown on the provider's
home page and on the officer's page of the provider."""

from datetime import date

import pytest
from django.test import Client

from kierunek.accounts.models import Role
from kierunek.providers import hooks
from kierunek.quality.domain import CaseState
from kierunek.quality.hooks import HOME_PANEL, OFFICER_PROVIDER_PANEL
from kierunek.quality.models import QualityMarkCase
from tests.accounts.factories import StaffUserFactory
from tests.providers.factories import ProviderFactory, provider_staff_of


def test_the_panels_are_registered_when_the_app_is_ready():
    assert HOME_PANEL in hooks.registered(hooks.HOME)
    assert OFFICER_PROVIDER_PANEL in hooks.registered(hooks.OFFICER_PROVIDER)


@pytest.mark.django_db
def test_the_pages_show_the_mark(login_staff):
    provider = ProviderFactory()
    case = QualityMarkCase.objects.create(
        provider=provider,
        state=CaseState.GRANTED,
        created_by=provider.created_by,
        valid_from=date(2026, 1, 10),
        valid_until=date(2029, 1, 9),
        mark_number="MSUES/2026/0001",
    )
    home = login_staff(Client(), provider_staff_of(provider)).get("/instytucja/").content.decode()
    assert 'id="quality-title"' in home
    assert "/instytucja/znak-jakosci/" in home
    officer_page = (
        login_staff(Client(), StaffUserFactory(role=Role.OFFICER))
        .get(f"/urzad/instytucje/{provider.pk}/")
        .content.decode()
    )
    assert f"/urzad/znak-jakosci/{case.pk}/" in officer_page
