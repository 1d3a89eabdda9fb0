"""The administrator rebuilds the catalogue's search index from a page, as a background job whose
progress they follow; searches find the cards again afterwards."""

import pytest
from django.urls import reverse

from kierunek.accounts.models import Role
from kierunek.catalogue.models import SearchDocument
from kierunek.catalogue.search import index as search_index
from kierunek.core.models import BackgroundJob, JobStatus
from tests.accounts.factories import StaffUserFactory
from tests.catalogue.factories import ServiceCardFactory
from tests.pages import shows

pytestmark = pytest.mark.django_db


def test_the_administrator_rebuilds_a_drifted_index_and_follows_its_progress(
    client_for, django_capture_on_commit_callbacks
):
    cards = ServiceCardFactory.create_batch(3)
    SearchDocument.objects.filter(card=cards[0]).delete()  # the index drifted
    admin = StaffUserFactory(role=Role.ADMINISTRATOR)
    client = client_for(admin)

    page = client.get(reverse("catalogue:office_search_index"))
    assert shows(page, "They differ: rebuild the index.")
    assert page.context["indexed"] == 2
    assert page.context["published"] == 3

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("catalogue:office_search_index_rebuild"))

    job = BackgroundJob.objects.get()
    assert response["Location"] == reverse("core:job", args=[job.pk])
    assert job.status == JobStatus.DONE
    assert (job.done, job.total) == (3, 3)
    assert SearchDocument.objects.count() == 3
    assert shows(
        client.get(response["Location"]),
        "The search index is rebuilt: %(count)s published services are indexed.",
        count=3,
    )
    after = client.get(reverse("catalogue:office_search_index"))
    assert not shows(after, "They differ: rebuild the index.")
    assert f'href="{reverse("core:job", args=[job.pk])}"' in after.content.decode()
    # Another administrator sees the rebuild in the list, but not a link to a page they may not open.
    other = client_for(StaffUserFactory(role=Role.ADMINISTRATOR)).get(
        reverse("catalogue:office_search_index")
    )
    assert f'href="{reverse("core:job", args=[job.pk])}"' not in other.content.decode()


def test_a_rebuild_reports_its_progress_as_it_analyses(monkeypatch):
    ServiceCardFactory.create_batch(3)
    monkeypatch.setattr(search_index, "PROGRESS_EVERY", 2)
    heard = []
    assert search_index.search_index_rebuild(progress=lambda done, total: heard.append((done, total))) == 3
    assert heard == [(2, 3), (3, 3)]


def test_an_officer_cannot_rebuild_the_index(client_for):
    client = client_for(StaffUserFactory(role=Role.OFFICER))
    assert client.post(reverse("catalogue:office_search_index_rebuild")).status_code == 403
    assert BackgroundJob.objects.count() == 0
