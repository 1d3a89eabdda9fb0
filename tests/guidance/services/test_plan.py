"""The development plan through the services: its areas, sign-off, reopening, the participant's
acknowledgement and feedback. A refused change writes nothing."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from kierunek.core.actor import Actor
from kierunek.guidance.models import DevelopmentPlan
from kierunek.guidance.services import experiences as experience_services
from kierunek.guidance.services import plan as plan_services
from tests.accounts.factories import ParticipantFactory
from tests.guidance.builders import (
    advisor,
    area_data,
    balance_ready_to_sign,
    contents,
    experience,
    signed_balance,
    started_balance,
)
from tests.qualifications.factories import qualification

pytestmark = pytest.mark.django_db


class TestPlan:
    def test_an_area_names_its_categories_or_a_qualification(self):
        balance = started_balance()
        with pytest.raises(ValidationError) as error:
            plan_services.area_save(
                balance_id=balance.pk,
                data=area_data(category_ids=[]),
                actor=Actor.of(balance.advisor),
            )
        assert "categories" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            plan_services.area_save(
                balance_id=balance.pk,
                data=area_data(category_ids=[], qualification_code="NO-SUCH"),
                actor=Actor.of(balance.advisor),
            )
        assert "qualification" in error.value.message_dict
        qualification(code="DEMO-Q5", name="Prowadzenie księgowości")
        area = plan_services.area_save(
            balance_id=balance.pk,
            data=area_data(category_ids=[], qualification_code="DEMO-Q5"),
            actor=Actor.of(balance.advisor),
        )
        assert balance.plan.areas.get().qualification.code == "DEMO-Q5"
        assert area.market_qualification == ""

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
