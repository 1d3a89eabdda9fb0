"""The outcome survey in a real browser: six months after a completed service the daily step
(``manage.py evaluations_daily``, run as on that day) invites the participant, who finds the
survey on their dashboard and answers it; an officer sees the results on the quality overview
(with two earlier anonymous answers, so the group reaches the anonymity threshold) and publishes a
comment from the moderation queue; the provider replies and the card page shows both.
axe-core checks every page, at desktop and phone width.

The pages are shown in English (the language cookie), so the test reads the source texts."""

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from kierunek.evaluations.models import (
    CommentState,
    JobChange,
    OutcomeInvitation,
    OutcomeResponse,
    SurveyResponse,
)
from tests.evaluations.builders import completed_booking, due_day, responses
from tests.providers.factories import provider_staff_of
from tests.vouchers import builders as b

from .conftest import assert_accessible
from .test_voucher_journey import in_english, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


def accessible_at_both_widths(page: Page, *, fits: bool = True) -> None:
    """axe-core at desktop and phone width; with ``fits``, nothing but a table's own scroll box is
    wider than the phone."""
    assert_accessible(page)
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    if fits:
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(page)
    page.set_viewport_size(desktop)


def test_invited_six_months_later_answers_and_the_officer_sees_the_result(page: Page, live_server):
    in_english(page, live_server)
    booking = completed_booking()
    card = booking.card
    for _ in range(2):  # earlier participants' anonymous answers about the same service
        OutcomeResponse.objects.create(
            card=card,
            provider=card.provider,
            category=card.category,
            month=timezone.localdate().replace(day=1),
            job_change=JobChange.SAME,
            skills_use=3,
            qualification=False,
            recommend=6,
        )
    comment = responses(card, 1, comment="Trener świetnie tłumaczył gramatykę.")[0]
    responses(card, 2)  # the card reaches the anonymity threshold, so a published comment shows

    # Six months later the daily step invites the participant, once.
    out = StringIO()
    call_command("evaluations_daily", "--today", due_day(booking).isoformat(), stdout=out)
    call_command("evaluations_daily", "--today", due_day(booking).isoformat(), stdout=out)
    assert out.getvalue().splitlines() == ["invited: 1, reminded: 0", "invited: 0, reminded: 0"]
    survey_url = reverse("evaluations:outcome_survey", args=[booking.pk])
    assert any(survey_url in m.body for m in mail.outbox if m.to == [booking.participant.email])

    # The participant finds the survey on the dashboard and answers it, on her phone.
    log_in(page, booking.participant, staff=False)
    page.get_by_role("link", name=f"Answer the survey about {card.title}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What came of your training?")
    accessible_at_both_widths(page)
    page.set_viewport_size(PHONE)
    page.get_by_role("button", name="Send the answers").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("I was promoted or given new duties").check()
    page.get_by_label("4 (often)").check()
    page.get_by_role("group", name="Did you obtain a certificate or a qualification?").get_by_label(
        "yes"
    ).check()
    page.get_by_label(re.compile("Which certificate or qualification")).fill("TELC B1")
    page.get_by_role("group", name=re.compile("Would you recommend")).get_by_label("9", exact=True).check()
    page.get_by_role("button", name="Send the answers").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you: your answers help")
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    assert OutcomeInvitation.objects.get().answered_on == timezone.localdate()
    answer = OutcomeResponse.objects.get(job_change=JobChange.PROMOTION)
    assert (answer.qualification_name, answer.recommend) == ("TELC B1", 9)
    log_out(page)

    # The officer sees the results per provider and per category, and moderates the comment.
    officer = b.officer()
    log_in(page, officer, staff=True)
    page.goto(reverse("evaluations:office_quality"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Quality of services")
    by_provider = page.get_by_role("region", name="By provider")
    row = by_provider.get_by_role("row", name=re.compile(re.escape(card.provider.legal_name)))
    expect(row).to_contain_text("100%")  # one invited, one answered
    expect(row).to_contain_text("33%")  # one of three: a new job or a promotion
    accessible_at_both_widths(page)

    page.get_by_role("link", name="Comments to moderate").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Comments to moderate")
    expect(page.get_by_text("Trener świetnie tłumaczył gramatykę.")).to_be_visible()
    accessible_at_both_widths(page)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("status")).to_contain_text("The comment is published")
    assert_accessible(page)
    assert SurveyResponse.objects.get(pk=comment.pk).comment_state == CommentState.APPROVED
    log_out(page)

    # The provider replies once, publicly; the card page shows the comment and the reply.
    log_in(page, provider_staff_of(card.provider), staff=True)
    page.goto(reverse("evaluations:provider_ratings"))
    page.get_by_label(re.compile("Your public reply")).fill("Dziękujemy, zapraszamy na poziom B2.")
    # The provider's navigation of bookings and payouts (vouchers' template) is wider than a phone.
    accessible_at_both_widths(page, fits=False)
    page.get_by_role("button", name="Publish the reply").click()
    expect(page.get_by_role("status")).to_contain_text("Your reply is published")
    expect(page.get_by_role("button", name="Publish the reply")).to_have_count(0)
    assert_accessible(page)
    page.goto(reverse("catalogue:card", args=[card.pk]))
    comments = page.get_by_role("region", name="Participants' comments")
    expect(comments).to_contain_text("Trener świetnie tłumaczył gramatykę.")
    expect(comments).to_contain_text("Dziękujemy, zapraszamy na poziom B2.")
    accessible_at_both_widths(page)
