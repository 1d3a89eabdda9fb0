"""The competence balance through the services: who may start and change it, and what each
stage needs (experiences, STAR examples, the profile). A refused change writes nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.guidance.models import CompetenceBalance
from kierunek.guidance.services import balance as balance_services
from kierunek.guidance.services import experiences as experience_services
from kierunek.guidance.services import profile as profile_services
from tests.guidance.builders import (
    advisor,
    competence,
    contents,
    eligible_participant,
    experience,
    past_meeting,
    started_balance,
)

pytestmark = pytest.mark.django_db


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
