"""Applying for the quality mark does not force the optional self-assessment: the provider lands on
the case, may submit at once, and the page says what is required and when."""

import pytest

from kierunek.quality.domain import CaseState
from kierunek.quality.models import QualityMarkCase
from tests.pages import shows, text
from tests.providers.factories import ProviderFactory, provider_staff_of

pytestmark = pytest.mark.django_db

HOME = "/instytucja/znak-jakosci/"


def test_applying_leads_to_the_case_not_to_the_self_assessment(client_for):
    client = client_for(provider_staff_of(ProviderFactory()))

    applied = client.post(HOME + "wniosek/")

    assert applied.status_code == 302
    assert applied.url == HOME
    page = client.get(HOME)
    assert shows(page, "Now: submit the application.")
    assert shows(page, "Optional, before you submit: the self-assessment.")
    assert shows(page, "At the audit visit:")
    assert 'name="transition" value="submit"' in text(page)


def test_the_application_is_submitted_without_any_self_assessment(client_for):
    provider = ProviderFactory()
    client = client_for(provider_staff_of(provider))
    client.post(HOME + "wniosek/")

    client.post(HOME + "akcja/", {"transition": "submit"})

    case = QualityMarkCase.objects.get(provider=provider)
    assert case.state == CaseState.AWAITING_AUDIT
    assert not case.self_assessment.exists()


def test_the_self_assessment_page_says_it_is_optional(client_for):
    client = client_for(provider_staff_of(ProviderFactory()))
    client.post(HOME + "wniosek/")

    page = client.get(HOME + "samoocena/")

    assert shows(page, "The self-assessment is optional: you can submit the application without it.")
