"""A change of the bank account carries the bank statement the officer reads (audited), and the
provider may withdraw a pending change after confirming it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.providers import services
from kierunek.providers.models import BankAccount, BankAccountStatus
from tests.pages import text
from tests.providers.factories import ProviderFactory, provider_staff_of

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
IBAN = "PL61 1090 1014 0000 0712 1981 2874"


@pytest.fixture
def provider_client(client_for):
    provider = ProviderFactory()
    staff = provider_staff_of(provider)
    return provider, staff, client_for(staff)


def request_change(client, **overrides):
    data = {"iban": IBAN, "holder_name": "Akademia", "statement": SimpleUploadedFile("wyciąg.pdf", PDF)}
    data.update(overrides)
    return client.post("/instytucja/konto-bankowe/", data)


def test_the_change_needs_a_statement(provider_client):
    _provider, _staff, client = provider_client
    response = client.post("/instytucja/konto-bankowe/", {"iban": IBAN, "holder_name": "Akademia"})
    assert 'id="id_statement_errors"' in text(response)
    assert not BankAccount.objects.exists()


def test_a_statement_that_is_not_a_document_is_refused(provider_client):
    _provider, _staff, client = provider_client
    response = request_change(client, statement=SimpleUploadedFile("wyciag.pdf", b"MZ\x90"))
    assert 'id="id_statement_errors"' in text(response)
    assert not BankAccount.objects.exists()


def test_the_officer_downloads_the_statement_and_the_read_is_audited(provider_client, client_for):
    from tests.accounts.factories import StaffUserFactory

    _provider, _staff, client = provider_client
    request_change(client)
    account = BankAccount.objects.get()
    officer = StaffUserFactory(role=Role.OFFICER)
    officer_client = client_for(officer)

    page = text(officer_client.get("/urzad/konta-bankowe/"))
    download = officer_client.get(f"/konta-bankowe/{account.pk}/wyciag/")

    assert f"/konta-bankowe/{account.pk}/wyciag/" in page
    assert "wyciąg.pdf" in page
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert AuditEvent.objects.filter(action="provider.bank_statement_read", actor=officer).exists()


def test_another_provider_does_not_get_the_statement(provider_client, client_for):
    _provider, _staff, client = provider_client
    request_change(client)
    account = BankAccount.objects.get()
    other = client_for(provider_staff_of(ProviderFactory()))
    assert other.get(f"/konta-bankowe/{account.pk}/wyciag/").status_code == 404


def test_the_provider_withdraws_a_pending_change_after_confirming(provider_client):
    _provider, staff, client = provider_client
    request_change(client)
    account = BankAccount.objects.get()

    confirm = client.get(f"/instytucja/konto-bankowe/{account.pk}/wycofaj/")
    assert confirm.status_code == 200
    account.refresh_from_db()
    assert account.status == BankAccountStatus.PENDING  # asking first changes nothing

    client.post(f"/instytucja/konto-bankowe/{account.pk}/wycofaj/")

    account.refresh_from_db()
    assert account.status == BankAccountStatus.WITHDRAWN
    assert account.withdrawn_at is not None
    assert AuditEvent.objects.filter(action="provider.bank_account_withdrawn", actor=staff).exists()
    # a new request may follow
    request_change(client, iban="PL27 1140 2004 0000 3002 0135 5387")
    assert BankAccount.objects.filter(status=BankAccountStatus.PENDING).count() == 1


def test_another_providers_change_cannot_be_withdrawn(provider_client, client_for):
    _provider, _staff, client = provider_client
    request_change(client)
    account = BankAccount.objects.get()
    other = client_for(provider_staff_of(ProviderFactory()))
    assert other.post(f"/instytucja/konto-bankowe/{account.pk}/wycofaj/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.bank_account_withdraw(
            account_id=account.pk, actor=Actor.of(provider_staff_of(ProviderFactory()))
        )
    account.refresh_from_db()
    assert account.status == BankAccountStatus.PENDING
