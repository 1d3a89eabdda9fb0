"""The competence balance and its development plan, through the services: who may start and
change it, what a stage needs, sign-off, reopening, the participant's acknowledgement and
feedback. A refused change writes nothing."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.guidance.models import (
    CompetenceBalance,
    DevelopmentArea,
    DevelopmentPlan,
    Experience,
    PortfolioItem,
    ProfileCompetence,
    StarEvidence,
)
from kierunek.guidance.services import balance as balance_services
from kierunek.guidance.services import experiences as experience_services
from kierunek.guidance.services import plan as plan_services
from kierunek.guidance.services import portfolio as portfolio_services
from kierunek.guidance.services import profile as profile_services
from tests.accounts.factories import ParticipantFactory
from tests.guidance.builders import (
    PDF,
    PNG,
    advisor,
    area_data,
    balance_ready_to_sign,
    competence,
    eligible_participant,
    past_meeting,
    signed_balance,
)

pytestmark = pytest.mark.django_db


def contents(balance):
    return (
        list(Experience.objects.filter(balance=balance).values_list("pk", "title", "ended_on")),
        list(StarEvidence.objects.filter(balance=balance).values_list("pk", "situation")),
        list(ProfileCompetence.objects.filter(balance=balance).values_list("pk", "level")),
        list(PortfolioItem.objects.filter(balance=balance).values_list("pk", "title")),
        list(DevelopmentArea.objects.filter(plan__balance=balance).values_list("pk", "title")),
        list(
            DevelopmentPlan.objects.filter(balance=balance).values_list(
                "status", "signed_at", "acknowledged_at"
            )
        ),
        AuditEvent.objects.count(),
    )


def started_balance():
    adv, participant = advisor(), eligible_participant()
    past_meeting(adv, participant)
    return balance_services.balance_start(participant_id=participant.pk, actor=Actor.of(adv))


def experience(**overrides):
    values = {
        "kind": "informal",
        "title": "Opieka nad mamą",
        "organisation": "",
        "started_on": date(2020, 1, 1),
        "ended_on": date(2022, 6, 30),
        "activities": "Organizacja leczenia i rehabilitacji.",
    }
    values.update(overrides)
    return experience_services.ExperienceData(**values)


class TestStart:
    def test_the_advisor_the_participant_booked_with_starts_it_with_a_draft_plan(self):
        balance = started_balance()
        assert balance.plan.status == "draft"
        assert AuditEvent.objects.filter(action="guidance.balance_started", actor=balance.advisor).exists()

    def test_another_advisor_cannot_start_it(self):
        participant = eligible_participant()
        past_meeting(advisor(), participant)
        with pytest.raises(PermissionDenied):
            balance_services.balance_start(participant_id=participant.pk, actor=Actor.of(advisor()))
        assert not CompetenceBalance.objects.exists()

    def test_one_balance_per_participant(self):
        balance = started_balance()
        with pytest.raises(ValidationError):
            balance_services.balance_start(
                participant_id=balance.participant_id, actor=Actor.of(balance.advisor)
            )
        assert CompetenceBalance.objects.count() == 1


class TestStages:
    def test_experiences_are_saved_and_changed(self):
        balance = started_balance()
        saved = experience_services.experience_save(
            balance_id=balance.pk, data=experience(), actor=Actor.of(balance.advisor)
        )
        experience_services.experience_save(
            balance_id=balance.pk,
            data=experience(ended_on=None),
            actor=Actor.of(balance.advisor),
            experience_id=saved.pk,
        )
        saved.refresh_from_db()
        assert (saved.kind, saved.ended_on) == ("informal", None)

    def test_an_experience_ending_before_it_starts_is_refused(self):
        balance = started_balance()
        before = contents(balance)
        with pytest.raises(ValidationError):
            experience_services.experience_save(
                balance_id=balance.pk,
                data=experience(ended_on=date(2019, 1, 1)),
                actor=Actor.of(balance.advisor),
            )
        assert contents(balance) == before

    def test_another_advisor_changes_nothing(self):
        balance = started_balance()
        before = contents(balance)
        with pytest.raises(PermissionDenied):
            experience_services.experience_save(
                balance_id=balance.pk, data=experience(), actor=Actor.of(advisor())
            )
        assert contents(balance) == before

    def test_star_evidence_needs_all_four_parts_and_a_competence(self):
        balance = started_balance()
        before = contents(balance)
        teamwork = competence("pracować w zespole")
        with pytest.raises(ValidationError) as error:
            experience_services.star_evidence_save(
                balance_id=balance.pk,
                data=experience_services.StarData("Sytuacja", "", "Działanie", "Wynik", [teamwork.pk]),
                actor=Actor.of(balance.advisor),
            )
        assert "task" in error.value.message_dict
        with pytest.raises(ValidationError):
            experience_services.star_evidence_save(
                balance_id=balance.pk,
                data=experience_services.StarData("S", "T", "A", "R", []),
                actor=Actor.of(balance.advisor),
            )
        assert contents(balance) == before

    def test_star_evidence_stores_esco_uris(self):
        balance = started_balance()
        teamwork = competence("pracować w zespole")
        star = experience_services.star_evidence_save(
            balance_id=balance.pk,
            data=experience_services.StarData("S", "T", "A", "R", [teamwork.pk]),
            actor=Actor.of(balance.advisor),
        )
        assert [c.uri for c in star.competences.all()] == [teamwork.uri]
        assert teamwork.uri.startswith("http://data.europa.eu/esco/skill/")

    def test_a_profile_entry_needs_evidence_and_is_updated_not_doubled(self):
        balance = started_balance()
        teamwork = competence("pracować w zespole")
        entry = profile_services.ProfileEntryData(teamwork.pk, "social", 2, None, "", [])
        with pytest.raises(ValidationError):
            profile_services.profile_competence_save(
                balance_id=balance.pk, data=entry, actor=Actor.of(balance.advisor)
            )
        profile_services.profile_competence_save(
            balance_id=balance.pk,
            data=profile_services.ProfileEntryData(teamwork.pk, "social", 2, 4, "Referencje", []),
            actor=Actor.of(balance.advisor),
        )
        profile_services.profile_competence_save(
            balance_id=balance.pk,
            data=profile_services.ProfileEntryData(teamwork.pk, "social", 3, None, "Wywiad", []),
            actor=Actor.of(balance.advisor),
        )
        assert list(balance.profile.values_list("level", "prk_level")) == [(3, None)]

    @pytest.mark.parametrize("prk", [0, 9])
    def test_prk_levels_are_1_to_8(self, prk):
        balance = started_balance()
        teamwork = competence("pracować w zespole")
        with pytest.raises(ValidationError):
            profile_services.profile_competence_save(
                balance_id=balance.pk,
                data=profile_services.ProfileEntryData(teamwork.pk, "social", 2, prk, "Dowód", []),
                actor=Actor.of(balance.advisor),
            )
        assert not balance.profile.exists()

    def test_a_stage_is_complete_only_with_something_in_it(self):
        balance = started_balance()
        with pytest.raises(ValidationError):
            balance_services.balance_stage_mark(
                balance_id=balance.pk, stage="biographical", done=True, actor=Actor.of(balance.advisor)
            )
        experience_services.experience_save(
            balance_id=balance.pk, data=experience(), actor=Actor.of(balance.advisor)
        )
        balance_services.balance_stage_mark(
            balance_id=balance.pk, stage="biographical", done=True, actor=Actor.of(balance.advisor)
        )
        balance_services.balance_stage_mark(
            balance_id=balance.pk, stage="portfolio", done=True, actor=Actor.of(balance.advisor)
        )
        balance.refresh_from_db()
        assert balance.biographical_done_at
        assert balance.portfolio_done_at


class TestPortfolio:
    @pytest.mark.parametrize(("name", "content"), [("dyplom.pdf", PDF), ("skan.png", PNG)])
    def test_pdf_and_images_are_accepted(self, name, content):
        balance = started_balance()
        item = portfolio_services.portfolio_file_add(
            balance_id=balance.pk,
            title="Dyplom",
            description="",
            upload=SimpleUploadedFile(name, content),
            actor=Actor.of(balance.advisor),
        )
        assert item.file_kind in {"pdf", "png"}

    @pytest.mark.parametrize(
        ("name", "content"),
        [("dyplom.pdf", b"MZ\x90\x00 not a pdf"), ("dyplom.exe", PDF), ("pusty.pdf", b"")],
    )
    def test_other_files_are_refused_and_nothing_is_stored(self, name, content):
        balance = started_balance()
        before = contents(balance)
        with pytest.raises(ValidationError):
            portfolio_services.portfolio_file_add(
                balance_id=balance.pk,
                title="Dyplom",
                description="",
                upload=SimpleUploadedFile(name, content),
                actor=Actor.of(balance.advisor),
            )
        assert contents(balance) == before

    def test_a_reference_needs_its_referee(self):
        balance = started_balance()
        with pytest.raises(ValidationError):
            portfolio_services.portfolio_reference_add(
                balance_id=balance.pk,
                title="Referencje",
                description="",
                referee_name=" ",
                referee_contact="",
                actor=Actor.of(balance.advisor),
            )
        item = portfolio_services.portfolio_reference_add(
            balance_id=balance.pk,
            title="Referencje",
            description="",
            referee_name="Anna Kowalska",
            referee_contact="",
            actor=Actor.of(balance.advisor),
        )
        assert item.kind == "reference"


class TestPlan:
    def test_an_area_names_its_categories_or_a_qualification(self):
        balance = started_balance()
        with pytest.raises(ValidationError) as error:
            plan_services.area_save(
                balance_id=balance.pk,
                data=area_data(category_ids=[], market_qualification=""),
                actor=Actor.of(balance.advisor),
            )
        assert "categories" in error.value.message_dict
        plan_services.area_save(
            balance_id=balance.pk,
            data=area_data(category_ids=[], market_qualification="Prowadzenie księgowości"),
            actor=Actor.of(balance.advisor),
        )
        assert balance.plan.areas.count() == 1

    def test_sign_off_is_refused_until_the_stages_are_complete(self):
        balance = started_balance()
        plan_services.area_save(balance_id=balance.pk, data=area_data(), actor=Actor.of(balance.advisor))
        before = contents(balance)
        with pytest.raises(ValidationError) as error:
            plan_services.plan_sign(balance_id=balance.pk, actor=Actor.of(balance.advisor))
        assert len(error.value.messages) == 4  # the four stages before the plan
        assert contents(balance) == before

    def test_sign_off_tells_the_participant_and_freezes_the_balance(self, django_capture_on_commit_callbacks):
        balance = balance_ready_to_sign()
        with django_capture_on_commit_callbacks(execute=True):
            plan = plan_services.plan_sign(balance_id=balance.pk, actor=Actor.of(balance.advisor))

        assert (plan.status, plan.signed_by) == ("signed", balance.advisor)
        assert [m.to for m in mail.outbox] == [[balance.participant.email]]
        before = contents(balance)
        with pytest.raises(ValidationError, match="Reopen"):
            experience_services.experience_save(
                balance_id=balance.pk, data=experience(), actor=Actor.of(balance.advisor)
            )
        with pytest.raises(ValidationError):
            plan_services.area_save(balance_id=balance.pk, data=area_data(), actor=Actor.of(balance.advisor))
        assert contents(balance) == before

    def test_only_the_balance_advisor_signs(self):
        balance = balance_ready_to_sign()
        with pytest.raises(PermissionDenied):
            plan_services.plan_sign(balance_id=balance.pk, actor=Actor.of(advisor()))
        balance.plan.refresh_from_db()
        assert balance.plan.status == "draft"

    def test_the_participant_acknowledges_with_their_own_login(self):
        balance = signed_balance()
        with pytest.raises(ValidationError):
            plan_services.plan_acknowledge(actor=Actor.of(ParticipantFactory()))
        plan = plan_services.plan_acknowledge(actor=Actor.of(balance.participant))
        assert plan.status == "acknowledged"
        assert plan.acknowledged_at
        with pytest.raises(ValidationError):
            plan_services.plan_acknowledge(actor=Actor.of(balance.participant))
        with pytest.raises(PermissionDenied):
            plan_services.plan_acknowledge(actor=Actor.of(balance.advisor))

    def test_a_draft_plan_cannot_be_acknowledged(self):
        balance = balance_ready_to_sign()
        before = contents(balance)
        with pytest.raises(ValidationError):
            plan_services.plan_acknowledge(actor=Actor.of(balance.participant))
        assert contents(balance) == before

    def test_feedback_reaches_the_advisor(self, django_capture_on_commit_callbacks):
        balance = signed_balance()
        with django_capture_on_commit_callbacks(execute=True):
            plan_services.plan_feedback(actor=Actor.of(balance.participant), text="Wolę zajęcia online.")
        balance.plan.refresh_from_db()
        assert balance.plan.feedback == "Wolę zajęcia online."
        assert mail.outbox[-1].to == [balance.advisor.email]
        with pytest.raises(ValidationError):
            plan_services.plan_feedback(actor=Actor.of(balance.participant), text="   ")

    def test_reopening_clears_the_acknowledgement(self):
        balance = signed_balance()
        plan_services.plan_acknowledge(actor=Actor.of(balance.participant))
        plan = plan_services.plan_reopen(balance_id=balance.pk, actor=Actor.of(balance.advisor))
        assert (plan.status, plan.signed_at, plan.acknowledged_at) == ("draft", None, None)
        experience_services.experience_save(
            balance_id=balance.pk, data=experience(), actor=Actor.of(balance.advisor)
        )

    def test_the_database_refuses_an_acknowledged_plan_without_a_signature(self):
        from django.db import IntegrityError, transaction

        balance = balance_ready_to_sign()
        with pytest.raises(IntegrityError), transaction.atomic():
            DevelopmentPlan.objects.filter(pk=balance.plan.pk).update(status="acknowledged")
