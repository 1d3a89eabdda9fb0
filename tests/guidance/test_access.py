"""Who sees what: an advisor sees only their participants, and each read of a participant's file
is audited; a participant sees only their own; other roles see none of it (pages and API)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.guidance import selectors
from kierunek.guidance.services import appointments as appointment_services
from kierunek.guidance.services import plan as plan_services
from kierunek.guidance.services import portfolio as portfolio_services
from tests.accounts.factories import ParticipantFactory
from tests.guidance.builders import PDF, advisor, eligible_participant, signed_balance, slot

pytestmark = pytest.mark.django_db

FILE_READ = "participant.file_read"


def stage_url(balance, slug="wywiad-biograficzny"):
    return reverse("guidance:balance_stage", kwargs={"balance_id": balance.pk, "stage_slug": slug})


def with_portfolio_file(balance):
    plan_services.plan_reopen(balance_id=balance.pk, actor=Actor.of(balance.advisor))
    return portfolio_services.portfolio_file_add(
        balance_id=balance.pk,
        title="Dyplom",
        description="",
        upload=SimpleUploadedFile("dyplom.pdf", PDF),
        actor=Actor.of(balance.advisor),
    )


class TestAdvisorScope:
    def test_the_list_holds_only_own_participants(self, advisor_client):
        client, me = advisor_client()
        mine, booked_elsewhere, cancelled = (
            eligible_participant(),
            eligible_participant(),
            eligible_participant(),
        )
        appointment_services.appointment_book(slot_id=slot(me).pk, actor=Actor.of(mine))
        appointment_services.appointment_book(slot_id=slot(advisor()).pk, actor=Actor.of(booked_elsewhere))
        gone = appointment_services.appointment_book(slot_id=slot(me).pk, actor=Actor.of(cancelled))
        appointment_services.appointment_cancel(appointment_id=gone.pk, actor=Actor.of(cancelled))

        rows = selectors.advisor_participants(advisor=me)
        response = client.get(reverse("guidance:participants"))

        assert [row.participant for row in rows] == [mine]
        assert f"/doradca/uczestnicy/{mine.pk}/".encode() in response.content
        for other in (booked_elsewhere, cancelled):
            assert f"/doradca/uczestnicy/{other.pk}/".encode() not in response.content
            assert client.get(reverse("guidance:participant_file", args=[other.pk])).status_code == 403

    def test_another_advisors_participant_file_is_forbidden_and_not_audited_as_read(self, advisor_client):
        client, me = advisor_client()
        balance = signed_balance()

        responses = [
            client.get(reverse("guidance:participant_file", args=[balance.participant_id])),
            client.get(stage_url(balance)),
            client.get(stage_url(balance, "plan-rozwoju")),
            client.get(reverse("guidance:balance_pdf", args=[balance.pk])),
        ]

        assert [r.status_code for r in responses] == [403, 403, 403, 403]
        assert not AuditEvent.objects.filter(action=FILE_READ, actor=me).exists()

    def test_another_advisor_cannot_change_the_balance(self, advisor_client):
        client, _me = advisor_client()
        balance = signed_balance()
        plan_services.plan_reopen(balance_id=balance.pk, actor=Actor.of(balance.advisor))

        response = client.post(
            stage_url(balance), {"op": "save", "kind": "work", "title": "X", "started_on": "2020-01-01"}
        )

        assert response.status_code == 403
        assert not balance.experiences.filter(title="X").exists()

    def test_every_read_of_the_file_is_audited(self, client, login_staff):
        balance = signed_balance()
        login_staff(client, balance.advisor)
        item = with_portfolio_file(balance)
        before = AuditEvent.objects.filter(action=FILE_READ).count()

        for url in [
            reverse("guidance:participant_file", args=[balance.participant_id]),
            stage_url(balance),
            stage_url(balance, "wywiad-behawioralny"),
            stage_url(balance, "profil-kompetencji"),
            stage_url(balance, "portfolio"),
            stage_url(balance, "plan-rozwoju"),
            reverse("guidance:balance_pdf", args=[balance.pk]),
            reverse("guidance:portfolio_file", args=[item.pk]),
        ]:
            assert client.get(url).status_code == 200, url

        reads = AuditEvent.objects.filter(action=FILE_READ).order_by("pk")[before:]
        assert len(reads) == 8
        assert {(e.actor_id, e.object_type, e.object_id) for e in reads} == {
            (balance.advisor_id, "accounts.user", str(balance.participant_id))
        }
        assert [e.details["section"] for e in reads] == [
            "overview",
            "biographical",
            "behavioural",
            "profile",
            "portfolio",
            "plan",
            "pdf",
            "portfolio_file",
        ]

    def test_the_participant_reading_their_own_file_is_not_a_staff_read(self, client):
        balance = signed_balance()
        client.force_login(balance.participant)
        before = AuditEvent.objects.filter(action=FILE_READ).count()
        assert client.get(reverse("guidance:my_plan")).status_code == 200
        assert client.get(reverse("guidance:my_plan_pdf")).status_code == 200
        assert AuditEvent.objects.filter(action=FILE_READ).count() == before


class TestParticipantScope:
    def test_a_participant_sees_only_their_own(self, client):
        balance = signed_balance()
        item = with_portfolio_file(balance)
        plan_services.plan_sign(balance_id=balance.pk, actor=Actor.of(balance.advisor))
        stranger = ParticipantFactory()
        client.force_login(stranger)

        assert client.get(reverse("guidance:portfolio_file", args=[item.pk])).status_code == 403
        plan_page = client.get(reverse("guidance:my_plan"))
        assert balance.plan.areas.first().title.encode() not in plan_page.content
        assert client.get(reverse("guidance:my_plan_pdf")).status_code == 404

        client.force_login(balance.participant)
        assert client.get(reverse("guidance:portfolio_file", args=[item.pk])).status_code == 200

    def test_a_participant_cannot_cancel_another_participants_meeting(self, client):
        owner, other = eligible_participant(), eligible_participant()
        appointment = appointment_services.appointment_book(slot_id=slot(advisor()).pk, actor=Actor.of(owner))
        client.force_login(other)

        response = client.post(reverse("guidance:cancel", args=[appointment.pk]))

        assert response.status_code == 403
        appointment.refresh_from_db()
        assert appointment.status == "booked"


class TestRoles:
    @pytest.mark.parametrize(
        "name",
        ["guidance:participant_home", "guidance:slots", "guidance:my_plan", "guidance:recommendations"],
    )
    def test_staff_do_not_get_participant_pages(self, staff_client, name):
        client, _user = staff_client(Role.ADVISOR)
        assert client.get(reverse(name)).status_code == 403

    @pytest.mark.parametrize("role", [Role.OFFICER, Role.AUDITOR, Role.ADMINISTRATOR])
    def test_other_staff_do_not_get_advisor_pages(self, staff_client, role):
        client, _user = staff_client(role)
        balance = signed_balance()
        for url in [
            reverse("guidance:calendar"),
            reverse("guidance:participants"),
            reverse("guidance:participant_file", args=[balance.participant_id]),
            stage_url(balance),
            reverse("guidance:vocabulary_search", args=["competences"]) + "?q=zesp",
        ]:
            assert client.get(url).status_code == 403, url
        assert not AuditEvent.objects.filter(action=FILE_READ).exists()

    def test_participants_do_not_get_advisor_pages(self, client):
        client.force_login(ParticipantFactory())
        assert client.get(reverse("guidance:calendar")).status_code == 403


class TestApi:
    def _token_client(self, client, user):
        from kierunek.accounts.services import api_token_create

        issued = api_token_create(user=user, name="test")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {issued.secret}"
        return client

    def test_a_participant_books_moves_and_cancels_through_the_api(self, client):
        adv, participant = advisor(), eligible_participant()
        first = slot(adv)
        api = self._token_client(client, participant)

        free = api.get("/api/v1/guidance/slots").json()
        booked = api.post(
            "/api/v1/guidance/appointments", {"slot_id": first.pk}, content_type="application/json"
        )
        again = api.post(
            "/api/v1/guidance/appointments", {"slot_id": first.pk}, content_type="application/json"
        )
        cancelled = api.delete(f"/api/v1/guidance/appointments/{booked.json()['id']}")

        assert first.pk in [s["id"] for s in free]
        assert booked.status_code == 201
        assert again.status_code == 409
        assert again.json()["detail"]
        assert cancelled.json()["status"] == "cancelled"

    def test_an_ineligible_participant_is_refused_with_a_message(self, client):
        api = self._token_client(client, ParticipantFactory())
        response = api.post(
            "/api/v1/guidance/appointments", {"slot_id": slot(advisor()).pk}, content_type="application/json"
        )
        assert response.status_code == 403
        assert "accepted" in response.json()["detail"] or "zaakceptowany" in response.json()["detail"]

    def test_the_plan_and_acknowledgement(self, client):
        balance = signed_balance()
        api = self._token_client(client, balance.participant)

        plan = api.get("/api/v1/guidance/plan").json()
        acknowledged = api.post("/api/v1/guidance/plan/acknowledgement")

        assert plan["status"] == "signed"
        assert plan["areas"][0]["categories"] == ["languages_english"]
        assert acknowledged.status_code == 200
        assert acknowledged.json()["acknowledged_at"]

    def test_advisor_only_operations(self, client):
        participant = ParticipantFactory()
        api = self._token_client(client, participant)
        assert api.get("/api/v1/guidance/competences?q=zespol").status_code == 403

    def test_vocabulary_search_for_advisors(self, client):
        api = self._token_client(client, advisor())
        found = api.get("/api/v1/guidance/competences?q=pracowac w zespole").json()
        assert found[0]["label"] == "pracować w zespole"
        assert found[0]["uri"].startswith("http://data.europa.eu/esco/")
