from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.geo.models import Gmina
from kierunek.providers import services
from kierunek.providers.domain import CertificateStatus, certificate_status
from kierunek.providers.models import BankAccount, Certificate, Provider, ProviderMember, ProviderStatus
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.providers.factories import ProviderFactory, provider_staff_of, valid_nip, valid_regon

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
IBAN = "PL61109010140000071219812874"
IBAN_2 = "PL27114020040000300201355387"


def registration(**overrides):
    data = {
        "legal_name": "Akademia Umiejętności sp. z o.o.",
        "short_name": "Akademia",
        "nip": valid_nip(),
        "regon": valid_regon(),
        "krs": "",
        "gmina": Gmina.objects.get(teryt="1263011").pk,  # Tarnów
        "outside_region_address": "",
        "street": "ul. Krakowska 10",
        "postal_code": "33-100",
        "city": "Tarnów",
        "email": "biuro@akademia.example",
        "phone": "14 600 00 00",
        "website": "",
    }
    data.update(overrides)
    return data


class TestRegistration:
    def test_provider_staff_registers_and_officers_are_told(
        self, staff_client, django_capture_on_commit_callbacks
    ):
        officer = StaffUserFactory(role=Role.OFFICER)
        client, staff = staff_client(Role.PROVIDER_STAFF)
        data = registration()

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/instytucja/rejestracja/", data)

        assert response.status_code == 302
        provider = Provider.objects.get(nip=data["nip"])
        assert provider.status == ProviderStatus.PENDING
        assert ProviderMember.objects.get(provider=provider).user == staff
        assert AuditEvent.objects.filter(action="provider.registered", object_id=str(provider.pk)).exists()
        assert [m.to for m in mail.outbox] == [[officer.email]]
        assert "Akademia" in client.get("/instytucja/").content.decode()

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("nip", "1234567890", "cyfra kontrolna"),
            ("nip", "123", "10 cyfr"),
            ("regon", "123456780", "cyfra kontrolna"),
            ("postal_code", "33100", "12-345"),
            ("gmina", "", "Wybierz gminę"),
            ("email", "biuro", "adres email"),
        ],
    )
    def test_bad_input_is_explained_and_nothing_is_written(self, staff_client, field, value, message):
        client, _staff = staff_client(Role.PROVIDER_STAFF)
        response = client.post("/instytucja/rejestracja/", registration(**{field: value}))
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not Provider.objects.exists()

    def test_outside_malopolska_needs_the_free_address(self, staff_client):
        client, _staff = staff_client(Role.PROVIDER_STAFF)
        client.post(
            "/instytucja/rejestracja/",
            registration(gmina="", outside_region_address="śląskie", city="Katowice"),
        )
        provider = Provider.objects.get()
        assert provider.gmina is None
        assert provider.outside_region_address == "śląskie"

    def test_the_same_nip_cannot_register_twice(self, staff_client):
        existing = ProviderFactory()
        client, _staff = staff_client(Role.PROVIDER_STAFF)
        response = client.post("/instytucja/rejestracja/", registration(nip=existing.nip))
        assert "już zarejestrowana" in response.content.decode()
        assert Provider.objects.count() == 1

    def test_database_refuses_both_gmina_and_outside_address(self):
        provider = ProviderFactory()
        provider.outside_region_address = "śląskie"
        with pytest.raises(IntegrityError), transaction.atomic():
            provider.save()

    def test_other_roles_cannot_register_a_provider(self, staff_client, client):
        officer_client, _officer = staff_client(Role.OFFICER)
        assert officer_client.get("/instytucja/rejestracja/").status_code == 403
        officer_client.logout()
        client.force_login(ParticipantFactory())
        assert client.post("/instytucja/rejestracja/", registration()).status_code == 403
        assert not Provider.objects.exists()


class TestApproval:
    def test_officer_approves_and_the_provider_is_told(
        self, staff_client, django_capture_on_commit_callbacks
    ):
        provider = ProviderFactory(status=ProviderStatus.PENDING)
        client, officer = staff_client(Role.OFFICER)
        assert provider.legal_name in client.get("/urzad/instytucje/").content.decode()

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/urzad/instytucje/{provider.pk}/", {"decision": "approve", "reason": ""})

        assert response.status_code == 302
        provider.refresh_from_db()
        assert provider.status == ProviderStatus.APPROVED
        assert provider.decided_by == officer
        assert mail.outbox[-1].to == [provider_staff_of(provider).email]
        assert AuditEvent.objects.filter(action="provider.approved").exists()

    def test_rejection_needs_a_reason(self, staff_client):
        provider = ProviderFactory(status=ProviderStatus.PENDING)
        client, _officer = staff_client(Role.OFFICER)
        response = client.post(f"/urzad/instytucje/{provider.pk}/", {"decision": "reject", "reason": ""})
        assert response.status_code == 200
        provider.refresh_from_db()
        assert provider.status == ProviderStatus.PENDING

    def test_a_decided_provider_cannot_be_decided_again(self):
        provider = ProviderFactory(status=ProviderStatus.APPROVED)
        officer = StaffUserFactory(role=Role.OFFICER)
        with pytest.raises(ValidationError):
            services.provider_decide(
                provider_id=provider.pk, approve=False, reason="x", actor=Actor.of(officer)
            )

    @pytest.mark.parametrize("role", [Role.PROVIDER_STAFF, Role.AUDITOR, Role.FINANCIAL_OPERATOR])
    def test_only_officers_decide(self, staff_client, role):
        provider = ProviderFactory(status=ProviderStatus.PENDING)
        client, _user = staff_client(role)
        response = client.post(f"/urzad/instytucje/{provider.pk}/", {"decision": "approve"})
        assert response.status_code == 403
        provider.refresh_from_db()
        assert provider.status == ProviderStatus.PENDING


class TestTeam:
    def test_owner_invites_a_colleague_who_gets_a_set_password_link(
        self, client, login_staff, django_capture_on_commit_callbacks
    ):
        provider = ProviderFactory()
        login_staff(client, provider_staff_of(provider))

        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                "/instytucja/zespol/", {"first_name": "Ola", "last_name": "Nowa", "email": "ola@test.example"}
            )

        colleague = User.objects.get(email="ola@test.example")
        assert colleague.role == Role.PROVIDER_STAFF
        assert colleague.provider_membership.provider == provider
        assert not colleague.has_usable_password()
        assert mail.outbox[-1].to == ["ola@test.example"]

    def test_a_colleague_who_is_not_owner_cannot_invite(self, client, login_staff):
        provider = ProviderFactory()
        colleague = StaffUserFactory(role=Role.PROVIDER_STAFF)
        ProviderMember.objects.create(provider=provider, user=colleague)
        login_staff(client, colleague)
        response = client.post(
            "/instytucja/zespol/", {"first_name": "X", "last_name": "Y", "email": "x@test.example"}
        )
        assert response.status_code == 403
        assert not User.objects.filter(email="x@test.example").exists()


class TestBankAccount:
    def test_first_account_is_approved_by_an_officer_without_a_hold(self):
        provider = ProviderFactory()
        staff = provider_staff_of(provider)
        officer = StaffUserFactory(role=Role.OFFICER)
        account = services.bank_account_request(
            provider=provider, iban=IBAN, holder_name="Centrum", actor=Actor.of(staff)
        )
        assert account.status == "pending"

        services.bank_account_decide(
            account_id=account.pk, approve=True, reason="", actor=Actor.of(officer), today=date(2026, 5, 4)
        )

        account.refresh_from_db()
        provider.refresh_from_db()
        assert account.status == "active"
        assert provider.payout_hold_until is None

    def test_a_change_replaces_the_account_and_holds_payouts_for_14_days(self, staff_client):
        provider = ProviderFactory()
        staff = provider_staff_of(provider)
        officer = StaffUserFactory(role=Role.OFFICER)
        first = services.bank_account_request(
            provider=provider, iban=IBAN, holder_name="Centrum", actor=Actor.of(staff)
        )
        services.bank_account_decide(
            account_id=first.pk, approve=True, reason="", actor=Actor.of(officer), today=date(2026, 5, 4)
        )
        change = services.bank_account_request(
            provider=provider, iban=IBAN_2, holder_name="Centrum", actor=Actor.of(staff)
        )

        services.bank_account_decide(
            account_id=change.pk, approve=True, reason="", actor=Actor.of(officer), today=date(2026, 5, 4)
        )

        provider.refresh_from_db()
        first.refresh_from_db()
        assert first.status == "superseded"
        assert BankAccount.objects.get(provider=provider, status="active").iban == IBAN_2
        assert provider.payout_hold_until == date(2026, 5, 18)
        assert provider.payouts_on_hold(today=date(2026, 5, 18))
        assert not provider.payouts_on_hold(today=date(2026, 5, 19))
        actions = list(AuditEvent.objects.filter(object_id=str(provider.pk)).values_list("action", flat=True))
        assert actions.count("provider.bank_account_requested") == 2
        assert actions.count("provider.bank_account_approved") == 2

    def test_the_hold_length_is_configurable(self, settings):
        settings.KIERUNEK_BANK_CHANGE_PAYOUT_HOLD_DAYS = 30
        provider = ProviderFactory()
        staff, officer = provider_staff_of(provider), StaffUserFactory(role=Role.OFFICER)
        for iban in (IBAN, IBAN_2):
            account = services.bank_account_request(
                provider=provider, iban=iban, holder_name="C", actor=Actor.of(staff)
            )
            services.bank_account_decide(
                account_id=account.pk,
                approve=True,
                reason="",
                actor=Actor.of(officer),
                today=date(2026, 1, 1),
            )
        provider.refresh_from_db()
        assert provider.payout_hold_until == date(2026, 1, 31)

    def test_the_requester_can_never_approve_their_own_request(self):
        provider = ProviderFactory()
        staff = provider_staff_of(provider)
        account = services.bank_account_request(
            provider=provider, iban=IBAN, holder_name="C", actor=Actor.of(staff)
        )
        with pytest.raises(PermissionDenied):
            services.bank_account_decide(
                account_id=account.pk, approve=True, reason="", actor=Actor.of(staff), today=date.today()
            )
        account.status, account.decided_by, account.decided_at = "active", staff, timezone.now()
        with pytest.raises(IntegrityError), transaction.atomic():
            account.save()  # the database's four-eyes constraint

    def test_one_request_at_a_time_and_a_valid_iban(self):
        provider = ProviderFactory()
        staff = provider_staff_of(provider)
        services.bank_account_request(provider=provider, iban=IBAN, holder_name="C", actor=Actor.of(staff))
        with pytest.raises(ValidationError):
            services.bank_account_request(
                provider=provider, iban=IBAN_2, holder_name="C", actor=Actor.of(staff)
            )
        with pytest.raises(ValidationError):
            services.bank_account_request(
                provider=provider, iban="PL61109010140000071219812875", holder_name="C", actor=Actor.of(staff)
            )
        assert BankAccount.objects.count() == 1

    def test_pages_request_and_approve(self, client, login_staff, staff_client):
        provider = ProviderFactory()
        login_staff(client, provider_staff_of(provider))
        response = client.post(
            "/instytucja/konto-bankowe/", {"iban": "PL61 1090 1014 0000 0712 1981 2875", "holder_name": "C"}
        )
        assert "cyfra kontrolna" in response.content.decode()
        client.post(
            "/instytucja/konto-bankowe/",
            {
                "iban": "PL61 1090 1014 0000 0712 1981 2874",
                "holder_name": "C",
                "statement": SimpleUploadedFile("wyciag.pdf", PDF),
            },
        )
        account = BankAccount.objects.get()
        client.logout()

        officer_client, _officer = staff_client(Role.OFFICER)
        assert provider.legal_name in officer_client.get("/urzad/konta-bankowe/").content.decode()
        officer_client.post(
            f"/urzad/konta-bankowe/{account.pk}/decyzja/", {"decision": "approve", "reason": ""}
        )

        account.refresh_from_db()
        assert account.status == "active"

    def test_provider_staff_see_only_their_own_accounts(self, client, login_staff):
        mine, theirs = ProviderFactory(), ProviderFactory()
        services.bank_account_request(
            provider=theirs, iban=IBAN_2, holder_name="C", actor=Actor.of(provider_staff_of(theirs))
        )
        login_staff(client, provider_staff_of(mine))
        page = client.get("/instytucja/konto-bankowe/").content.decode()
        assert IBAN_2 not in page
        with pytest.raises(PermissionDenied):
            services.bank_account_request(
                provider=theirs, iban=IBAN, holder_name="C", actor=Actor.of(provider_staff_of(mine))
            )


class TestCertificates:
    @pytest.mark.parametrize(
        ("valid_from", "valid_to", "today", "expected"),
        [
            (date(2026, 1, 1), date(2027, 1, 1), date(2025, 12, 31), CertificateStatus.NOT_YET_VALID),
            (date(2026, 1, 1), date(2027, 1, 1), date(2026, 6, 1), CertificateStatus.VALID),
            (date(2026, 1, 1), date(2027, 1, 1), date(2026, 11, 3), CertificateStatus.EXPIRING_SOON),
            (date(2026, 1, 1), date(2027, 1, 1), date(2027, 1, 1), CertificateStatus.EXPIRING_SOON),
            (date(2026, 1, 1), date(2027, 1, 1), date(2027, 1, 2), CertificateStatus.EXPIRED),
            (date(2026, 1, 1), None, date(2040, 1, 1), CertificateStatus.VALID),
        ],
    )
    def test_status(self, valid_from, valid_to, today, expected):
        assert certificate_status(valid_from=valid_from, valid_to=valid_to, today=today) == expected

    def certificate_data(self, scan):
        return {
            "kind": "iso_9001",
            "number": "PL-9001/2026/17",
            "issuer": "Jednostka Certyfikująca",
            "valid_from": "2026-01-01",
            "valid_to": "2029-01-01",
            "scan": scan,
        }

    def test_upload_and_view_the_scan(self, client, login_staff):
        provider = ProviderFactory()
        login_staff(client, provider_staff_of(provider))

        client.post("/instytucja/certyfikaty/", self.certificate_data(SimpleUploadedFile("iso.pdf", PDF)))

        certificate = Certificate.objects.get()
        assert certificate.scan_kind == "pdf"
        assert "PL-9001/2026/17" in client.get("/instytucja/certyfikaty/").content.decode()
        response = client.get(f"/certyfikaty/{certificate.pk}/skan/")
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("iso.pdf", b"not really a pdf", "Ten typ pliku nie jest akceptowany"),
            ("iso.txt", PDF, "Ten typ pliku nie jest akceptowany"),
            ("iso.png", PNG + b"\x00" * 3000, "jest za duży"),
            ("iso.pdf", b"", "pusty"),
        ],
    )
    def test_bad_uploads_are_refused_with_a_reason(
        self, client, login_staff, settings, name, content, message
    ):
        settings.KIERUNEK_UPLOAD_MAX_BYTES = 2048
        provider = ProviderFactory()
        login_staff(client, provider_staff_of(provider))
        response = client.post(
            "/instytucja/certyfikaty/", self.certificate_data(SimpleUploadedFile(name, content))
        )
        assert message in response.content.decode()
        assert not Certificate.objects.exists()

    def test_scans_are_private(self, client, login_staff, staff_client):
        mine, theirs = ProviderFactory(), ProviderFactory()
        certificate = services.certificate_add(
            provider=theirs,
            details=services.CertificateDetails("iso_9001", "X-1", "Issuer", date(2026, 1, 1), None),
            scan=SimpleUploadedFile("x.pdf", PDF),
            actor=Actor.of(provider_staff_of(theirs)),
        )
        url = f"/certyfikaty/{certificate.pk}/skan/"
        assert client.get(url).status_code == 302  # anonymous: log in first
        client.force_login(ParticipantFactory())
        assert client.get(url).status_code == 403
        client.logout()
        login_staff(client, provider_staff_of(mine))
        assert client.get(url).status_code == 404  # another provider's staff
        assert "X-1" not in client.get("/instytucja/certyfikaty/").content.decode()
        client.logout()
        officer_client, _officer = staff_client(Role.OFFICER)
        assert officer_client.get(url).status_code == 200
        assert AuditEvent.objects.filter(action="provider.certificate_read").count() == 1

    def test_staff_remove_only_their_own_certificates(self, client, login_staff):
        mine, theirs = ProviderFactory(), ProviderFactory()
        details = services.CertificateDetails("iso_9001", "X-1", "Issuer", date(2026, 1, 1), None)
        foreign = services.certificate_add(
            provider=theirs,
            details=details,
            scan=SimpleUploadedFile("x.pdf", PDF),
            actor=Actor.of(provider_staff_of(theirs)),
        )
        login_staff(client, provider_staff_of(mine))
        assert client.post(f"/instytucja/certyfikaty/{foreign.pk}/usun/").status_code == 404
        assert Certificate.objects.filter(pk=foreign.pk).exists()

    def test_end_before_start_is_refused(self):
        provider = ProviderFactory()
        with pytest.raises(ValidationError):
            services.certificate_add(
                provider=provider,
                details=services.CertificateDetails("iso_9001", "X", "I", date(2026, 1, 1), date(2025, 1, 1)),
                scan=SimpleUploadedFile("x.pdf", PDF),
                actor=Actor.of(provider_staff_of(provider)),
            )


def test_quality_requirement_needs_approval_and_a_valid_certificate_or_mark():
    from kierunek.quality.selectors import provider_meets_quality_requirement

    today = date(2026, 6, 1)
    provider = ProviderFactory()
    assert not provider_meets_quality_requirement(provider=provider, today=today)
    services.certificate_add(
        provider=provider,
        details=services.CertificateDetails(
            "iso_29993", "Q", "I", today - timedelta(days=10), today + timedelta(days=100)
        ),
        scan=SimpleUploadedFile("x.pdf", PDF),
        actor=Actor.of(provider_staff_of(provider)),
    )
    assert provider_meets_quality_requirement(provider=provider, today=today)
    assert not provider_meets_quality_requirement(provider=provider, today=today + timedelta(days=101))
    Provider.objects.filter(pk=provider.pk).update(status=ProviderStatus.PENDING)
    provider.refresh_from_db()
    assert not provider_meets_quality_requirement(provider=provider, today=today)
