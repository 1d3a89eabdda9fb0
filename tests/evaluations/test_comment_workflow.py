"""The moderation of a survey comment as a table, checked state by state and role by role against
the declared workflow, and through the services: the officer's decision is audited with its
reason, and the provider replies once to a published comment of its own."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused
from kierunek.evaluations import services
from kierunek.evaluations.models import CommentReply, CommentState, SurveyResponse
from kierunek.evaluations.workflows import COMMENT
from tests.accounts.factories import StaffUserFactory
from tests.providers.factories import ProviderFactory, provider_staff_of
from tests.vouchers import builders as b

from .builders import responses

C = CommentState
# The specification, written out independently of COMMENT: (state, transition) -> target.
ALLOWED = {
    (C.PENDING, "approve"): C.APPROVED,
    (C.PENDING, "reject"): C.REJECTED,
    (C.APPROVED, "withdraw"): C.REJECTED,
}
ROLE_OF = {"approve": Role.OFFICER, "reject": Role.OFFICER, "withdraw": Role.OFFICER}
ALL_PAIRS = [(state, name) for state in C.values for name in ROLE_OF]
ALL_ROLES = [*Role.values, "system"]


def test_the_table_names_every_transition():
    assert set(COMMENT.transitions) == set(ROLE_OF)


@pytest.mark.parametrize(("state", "name"), ALL_PAIRS)
@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_workflow_allows_exactly_the_table(state, name, role):
    expected = ALLOWED.get((state, name))
    if expected is not None and role == ROLE_OF[name]:
        assert COMMENT.check(state=state, name=name, role=role).target == expected
    else:
        with pytest.raises(TransitionRefused) as refused:
            COMMENT.check(state=state, name=name, role=role)
        assert str(refused.value.message)


@pytest.fixture
def comment(db):
    return responses(b.card(), 1, comment="Sala była za mała.")[0]


@pytest.fixture
def officer(db):
    return Actor.of(StaffUserFactory(role=Role.OFFICER))


@pytest.mark.django_db
class TestModeration:
    def test_an_officer_publishes_a_comment_and_the_audit_names_the_card(self, comment, officer):
        services.comment_approve(response_id=comment.pk, actor=officer)

        comment.refresh_from_db()
        assert comment.comment_state == C.APPROVED
        assert comment.comment_decided_at is not None
        audit = AuditEvent.objects.get(action="evaluations.comment_approved")
        assert (audit.actor, audit.details) == (officer.user, {"card": comment.card_id})
        with pytest.raises(TransitionRefused):
            services.comment_approve(response_id=comment.pk, actor=officer)

    def test_a_refusal_needs_a_reason_which_is_kept(self, comment, officer):
        with pytest.raises(ValidationError) as refused:
            services.comment_reject(response_id=comment.pk, actor=officer, reason="  ")
        assert "reason" in refused.value.message_dict
        comment.refresh_from_db()
        assert comment.comment_state == C.PENDING

        services.comment_reject(response_id=comment.pk, actor=officer, reason="Wskazuje osobę z nazwiska.")

        comment.refresh_from_db()
        assert (comment.comment_state, comment.comment_reason) == (C.REJECTED, "Wskazuje osobę z nazwiska.")
        assert AuditEvent.objects.get(action="evaluations.comment_rejected").details["reason"]

    def test_a_published_comment_is_withdrawn_with_a_reason(self, comment, officer):
        services.comment_approve(response_id=comment.pk, actor=officer)
        services.comment_withdraw(response_id=comment.pk, actor=officer, reason="Skarga instytucji uznana.")
        comment.refresh_from_db()
        assert comment.comment_state == C.REJECTED

    def test_only_an_officer_moderates(self, comment):
        staff = Actor.of(provider_staff_of(comment.provider))
        with pytest.raises(TransitionRefused):
            services.comment_approve(response_id=comment.pk, actor=staff)
        assert SurveyResponse.objects.get(pk=comment.pk).comment_state == C.PENDING

    def test_a_new_survey_comment_waits_and_an_empty_one_has_nothing_to_moderate(self):
        account = b.issued_account()
        with_comment = b.completed(b.book(account))
        without = b.completed(b.book(b.issued_account()))
        for booking, text in ((with_comment, "Polecam."), (without, "  ")):
            services.evaluation_submit(
                booking_id=booking.pk,
                actor=Actor.of(booking.participant),
                scores={"content": 5, "trainer": 5, "organisation": 5, "usefulness": 5},
                comment=text,
            )
        assert sorted(SurveyResponse.objects.values_list("comment_state", flat=True)) == [C.NONE, C.PENDING]


@pytest.mark.django_db
class TestReply:
    def test_the_provider_replies_once_to_a_published_comment(self, comment, officer):
        staff = Actor.of(provider_staff_of(comment.provider))
        with pytest.raises(ValidationError):
            services.comment_reply(
                response_id=comment.pk, provider=comment.provider, actor=staff, text="Dziękujemy."
            )
        services.comment_approve(response_id=comment.pk, actor=officer)

        reply = services.comment_reply(
            response_id=comment.pk, provider=comment.provider, actor=staff, text="Dziękujemy, zmieniamy salę."
        )

        assert (reply.text, reply.written_by, reply.provider) == (
            "Dziękujemy, zmieniamy salę.",
            staff.user,
            comment.provider,
        )
        assert AuditEvent.objects.filter(action="evaluations.comment_reply_published").count() == 1
        with pytest.raises(ValidationError):
            services.comment_reply(
                response_id=comment.pk, provider=comment.provider, actor=staff, text="Jeszcze."
            )
        assert CommentReply.objects.count() == 1

    def test_another_provider_cannot_reply(self, comment, officer):
        services.comment_approve(response_id=comment.pk, actor=officer)
        other = ProviderFactory()
        with pytest.raises(SurveyResponse.DoesNotExist):
            services.comment_reply(
                response_id=comment.pk,
                provider=other,
                actor=Actor.of(provider_staff_of(other)),
                text="Nie nasze.",
            )
        with pytest.raises(PermissionDenied):
            services.comment_reply(
                response_id=comment.pk,
                provider=comment.provider,
                actor=Actor.of(provider_staff_of(other)),
                text="Nie nasze.",
            )
        assert not CommentReply.objects.exists()
