"""The outcome survey in a real browser: six months after a completed service the daily step
(``manage.py evaluations_daily``, run as on that day) invites the participant, who finds the
survey on their dashboard and answers it; an officer sees the results on the quality overview
(with two earlier anonymous answers, so the group reaches the anonymity threshold) and publishes a
comment from the moderation queue. axe-core checks every page, at desktop and phone width.

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
from tests.vouchers import builders as b

from .conftest import assert_accessible
from .test_voucher_journey import in_english, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


def accessible_at_both_widths(page: Page) -> None:
    assert_accessible(page)
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
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
