"""What the complaints pages say around the complaint: the officer's tabs read as tabs (not as a
column header), a provider's name ending with a dot is not followed by another, the status page
reached by the secret link leads back to the service and the catalogue, an empty form is answered
by an error summary that takes the focus, and a logged-in participant is not told to follow the
complaint by a link."""

import re

import pytest
from django.urls import reverse

from kierunek.complaints.models import Complaint
from tests.accounts.factories import ParticipantFactory
from tests.pages import text
from tests.vouchers.builders import card, officer

from .builders import about_booking, about_card

pytestmark = pytest.mark.django_db


def test_the_officers_tab_of_decided_complaints_is_not_the_decision_date_header(client_for):
    page = text(client_for(officer()).get(reverse("complaints:office_complaints")))
    tab = re.search(r'<a href="\?show=decided"[^>]*>([^<]*)</a>', page)
    assert tab is not None
    assert tab.group(1) == "Rozstrzygnięte"


def test_a_name_ending_with_a_dot_gets_no_second_full_stop(client):
    complaint = about_booking()
    complaint.provider.legal_name = "Akademia Rozwoju Kraków sp. z o.o."
    complaint.provider.save(update_fields=["legal_name"])
    client.force_login(complaint.complainant)
    page = text(client.get(reverse("complaints:my_complaints")))
    assert "sp. z o.o." in page
    assert "o.o.." not in page


def test_the_status_page_links_back_to_the_service_and_the_catalogue(client):
    service = card()
    filed = about_card(service)
    page = text(client.get(reverse("complaints:status", args=[filed.token])))
    assert f'href="{reverse("catalogue:card", args=[service.pk])}"' in page
    assert f'href="{reverse("catalogue:search")}"' in page
    assert f'href="{reverse("core:home")}"' in page


def test_an_empty_complaint_shows_a_focused_error_summary(client):
    service = card()
    response = client.post(reverse("complaints:card_complain", args=[service.pk]), {"subject": ""})
    assert response.status_code == 200
    assert not Complaint.objects.exists()
    summary = re.search(r'<div role="alert"[^>]*id="form-errors"[^>]*>(.*?)</div>', text(response), re.S)
    assert summary is not None
    assert 'tabindex="-1"' in summary.group(0)
    assert "autofocus" in summary.group(0)
    assert 'href="#id_subject"' in summary.group(1)


def test_only_an_anonymous_visitor_is_told_to_follow_the_complaint_by_a_link(client):
    service = card()
    url = reverse("complaints:card_complain", args=[service.pk])
    assert "Nie potrzebujesz konta" in text(client.get(url))
    client.force_login(ParticipantFactory())
    page = text(client.get(url))
    assert "Nie potrzebujesz konta" not in page
    assert f'href="{reverse("complaints:my_complaints")}"' in page
