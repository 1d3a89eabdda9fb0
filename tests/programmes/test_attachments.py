"""Documents attached to an application as proof: the participant uploads them (type and size
checked), officers see them on the review page (each read audited), nobody else gets them, and
they are part of the participant's data export."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kierunek.core.models import AuditEvent
from kierunek.programmes.models import ApplicationAttachment
from tests.accounts.factories import ParticipantFactory
from tests.pages import text
from tests.programmes.helpers import application_in_review

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def upload(client, *, name="legitymacja.pdf", content=PDF, kind="study"):
    return client.post(
        "/wniosek/zalaczniki/", {"kind": kind, "file": SimpleUploadedFile(name, content)}, follow=True
    )


@pytest.fixture
def in_review(participant_client):
    application = application_in_review()
    client, _ = participant_client(application.participant)
    return application, client


def test_the_participant_attaches_proof_while_an_officer_reviews(in_review):
    application, client = in_review
    form = text(client.get("/wniosek/decyzja/"))
    assert "What the document proves" in form
    assert 'enctype="multipart/form-data"' in form

    page = upload(client)

    attachment = ApplicationAttachment.objects.get(application=application)
    assert (attachment.kind, attachment.file_kind, attachment.original_name) == (
        "study",
        "pdf",
        "legitymacja.pdf",
    )
    assert "The document is attached to your application." in text(page)
    assert f"/wniosek/zalaczniki/{attachment.pk}/" in text(page)
    assert AuditEvent.objects.filter(action="application.attachment_added").exists()
    assert client.get(f"/wniosek/zalaczniki/{attachment.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("program.exe", b"MZ\x90\x00", "This file type is not accepted"),
        ("udaje.pdf", b"not a pdf at all", "This file type is not accepted"),
        ("pusty.pdf", b"", "is empty"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_kept(in_review, name, content, message):
    _application, client = in_review
    page = upload(client, name=name, content=content)
    assert page.status_code == 400
    assert 'id="id_file_errors"' in text(page)  # next to the field
    assert message in text(page)
    assert not ApplicationAttachment.objects.exists()


def test_the_officer_sees_the_documents_and_each_read_is_audited(in_review, client_for):
    application, client = in_review
    upload(client)
    attachment = ApplicationAttachment.objects.get()
    from tests.accounts.factories import StaffUserFactory

    officer = StaffUserFactory(role="officer")
    officer_client = client_for(officer)

    page = text(officer_client.get(f"/urzad/wnioski/{application.pk}/"))
    download = officer_client.get(f"/wniosek/zalaczniki/{attachment.pk}/")

    assert "legitymacja.pdf" in page
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert AuditEvent.objects.filter(
        action="participant.file_read", actor=officer, details__what="application_attachment"
    ).exists()


def test_nobody_else_gets_the_file(in_review, client_for):
    _application, client = in_review
    upload(client)
    attachment = ApplicationAttachment.objects.get()
    stranger = client_for(ParticipantFactory())
    assert stranger.get(f"/wniosek/zalaczniki/{attachment.pk}/").status_code == 404


def test_a_decided_application_takes_no_more_documents(participant_client):
    from tests.programmes.helpers import submitted_application

    application = submitted_application()
    client, _ = participant_client(application.participant)
    page = upload(client)
    assert "Documents can be attached while the application is a draft or waits for an officer." in text(page)
    assert not ApplicationAttachment.objects.exists()


def test_the_export_lists_the_documents(in_review):
    _application, client = in_review
    upload(client)
    data = json.loads(client.get("/moje-dane/eksport.json").content)
    (application,) = data["applications"]
    assert application["attachments"][0]["original_name"] == "legitymacja.pdf"
    assert application["attachments"][0]["kind"] == "study"


def test_the_officers_page_speaks_to_the_officer(in_review, client_for):
    application, _client = in_review
    from tests.accounts.factories import StaffUserFactory

    page = text(client_for(StaffUserFactory(role="officer")).get(f"/urzad/wnioski/{application.pk}/"))
    # client_for pages are in Polish: the reasons name the participant, not "you"
    assert "Powiązanie uczestnika z regionem" in page or "Jedyne powiązanie uczestnika z regionem" in page
    assert "Status zatrudnienia uczestnika" in page
    for participant_words in ("Twoje powiązanie", "Twój status", "Twoim jedynym"):
        assert participant_words not in page, participant_words
