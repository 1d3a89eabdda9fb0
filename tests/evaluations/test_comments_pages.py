"""Comments on the pages: the public card shows only published comments (and only from the
anonymity threshold on), with the provider's reply; the officers' moderation queue; the
provider's reply form on the ratings page; each page only for its role and its own objects."""

import pytest
from django.urls import reverse

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.evaluations import services
from kierunek.evaluations.models import CommentReply, CommentState
from tests.accounts.factories import StaffUserFactory
from tests.pages import text
from tests.providers.factories import ProviderFactory, provider_staff_of
from tests.vouchers import builders as b

from .builders import responses

pytestmark = pytest.mark.django_db
C = CommentState


@pytest.fixture
def card():
    return b.card()


def card_page(client, card):
    return text(client.get(reverse("catalogue:card", args=[card.pk])))


class TestCardPage:
    def test_only_published_comments_appear_with_the_reply(self, client, card):
        published = responses(card, 1, comment="Świetny trener.", state=C.APPROVED)[0]
        responses(card, 1, comment="Czeka na moderację.")
        responses(card, 1, comment="Odrzucony wpis.", state=C.REJECTED)
        CommentReply.objects.create(
            response=published,
            provider=card.provider,
            text="Dziękujemy!",
            written_by=provider_staff_of(card.provider),
        )

        page = card_page(client, card)

        assert "Świetny trener." in page
        assert "Dziękujemy!" in page
        assert "Czeka na moderację." not in page
        assert "Odrzucony wpis." not in page

    def test_no_comment_is_shown_below_the_anonymity_threshold(self, client, card):
        responses(card, 2, comment="Jedyny głos.", state=C.APPROVED)
        assert "Jedyny głos." not in card_page(client, card)
        responses(card, 1)
        assert "Jedyny głos." in card_page(client, card)


class TestModerationPages:
    def test_the_officer_publishes_and_refuses_from_the_queue(self, client, login_staff, english, card):
        waiting, other = responses(card, 2, comment="Do moderacji.")
        login_staff(client, StaffUserFactory(role=Role.OFFICER))

        queue = client.get(reverse("evaluations:office_comments"))
        client.post(reverse("evaluations:comment_approve", args=[waiting.pk]))
        no_reason = client.post(
            reverse("evaluations:comment_reject", args=[other.pk]), {f"reject-{other.pk}-reason": ""}
        )
        client.post(
            reverse("evaluations:comment_reject", args=[other.pk]),
            {f"reject-{other.pk}-reason": "Dane osobowe."},
        )

        assert "Do moderacji." in text(queue)
        assert card.provider.legal_name in text(queue)
        assert no_reason.status_code == 400
        assert f'id="id_reject-{other.pk}-reason_errors"' in text(no_reason)
        waiting.refresh_from_db()
        other.refresh_from_db()
        assert (waiting.comment_state, other.comment_state) == (C.APPROVED, C.REJECTED)

    @pytest.mark.parametrize(
        "role", [Role.PARTICIPANT, Role.PROVIDER_STAFF, Role.AUDITOR, Role.FINANCIAL_OPERATOR]
    )
    def test_nobody_else_moderates(self, client_as, card, role):
        comment = responses(card, 1, comment="Do moderacji.")[0]
        client = client_as(role)
        assert client.get(reverse("evaluations:office_comments")).status_code == 403
        assert client.post(reverse("evaluations:comment_approve", args=[comment.pk])).status_code == 403
        comment.refresh_from_db()
        assert comment.comment_state == C.PENDING


class TestProviderReplies:
    def test_the_provider_replies_from_its_ratings_page(self, client, login_staff, card):
        comment = responses(card, 3, comment="Polecam.", state=C.APPROVED)[0]
        login_staff(client, provider_staff_of(card.provider))
        url = reverse("evaluations:comment_reply", args=[comment.pk])

        page = client.get(reverse("evaluations:provider_ratings"))
        empty = client.post(url, {f"reply-{comment.pk}-text": ""})
        client.post(url, {f"reply-{comment.pk}-text": "Dziękujemy za opinię."})
        after = client.get(reverse("evaluations:provider_ratings"))

        assert url in text(page)
        assert empty.status_code == 400
        assert CommentReply.objects.get().text == "Dziękujemy za opinię."
        assert "Dziękujemy za opinię." in text(after)
        assert url not in text(after)

    def test_another_providers_staff_neither_see_nor_reply(self, client, login_staff, card):
        comment = responses(card, 3, comment="Polecam.", state=C.APPROVED)[0]
        login_staff(client, provider_staff_of(ProviderFactory()))

        page = client.get(reverse("evaluations:provider_ratings"))
        reply = client.post(
            reverse("evaluations:comment_reply", args=[comment.pk]),
            {f"reply-{comment.pk}-text": "Nie nasze."},
        )

        assert "Polecam." not in text(page)
        assert reply.status_code == 404
        assert not CommentReply.objects.exists()

    def test_the_officers_dashboard_counts_the_comments_waiting(self, client, login_staff, card):
        responses(card, 2, comment="Do moderacji.")
        services.comment_approve(
            response_id=responses(card, 1, comment="Już.")[0].pk,
            actor=Actor.of(StaffUserFactory(role=Role.OFFICER)),
        )
        login_staff(client, StaffUserFactory(role=Role.OFFICER))
        page = text(client.get("/panel/", follow=True))
        assert reverse("evaluations:office_comments") in page
        assert reverse("evaluations:office_quality") in page
