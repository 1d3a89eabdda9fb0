"""Guidance details a person meets: an experience cannot start in the future, slots keep to the
centre's opening hours and skip public holidays (a form error, not a crash), and the plan's PDF
is all Polish, downloaded under a name whose Polish letters are transliterated, not dropped."""

from datetime import timedelta
from io import BytesIO
from urllib.parse import unquote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from kierunek.core.actor import Actor
from kierunek.guidance.documents import ascii_transliteration, plan_pdf
from kierunek.guidance.models import AdvisorSlot, CareerCentre
from kierunek.guidance.services import plan as plan_services
from kierunek.guidance.services import portfolio as portfolio_services
from tests.guidance.builders import (
    PDF,
    balance_ready_to_sign,
    eligible_participant,
    past_meeting,
    signed_balance,
    working_day_at,
)

pytestmark = pytest.mark.django_db


def stage_url(balance_id, slug):
    return reverse("guidance:balance_stage", kwargs={"balance_id": balance_id, "stage_slug": slug})


def test_an_experience_starting_in_the_future_is_a_form_error(advisor_client):
    client, me = advisor_client()
    participant = eligible_participant()
    past_meeting(me, participant)
    client.post(reverse("guidance:balance_start", args=[participant.pk]))
    balance = participant.competence_balance
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = client.post(
        stage_url(balance.pk, "wywiad-biograficzny"),
        {"op": "save", "kind": "work", "title": "Kierowniczka zmiany", "started_on": tomorrow},
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert "An experience cannot start in the future." in body
    assert "Kierowniczka zmiany" in body  # what the advisor typed is kept
    assert not balance.experiences.exists()


def test_today_is_a_valid_start(advisor_client):
    client, me = advisor_client()
    participant = eligible_participant()
    past_meeting(me, participant)
    client.post(reverse("guidance:balance_start", args=[participant.pk]))
    balance = participant.competence_balance

    client.post(
        stage_url(balance.pk, "wywiad-biograficzny"),
        {"op": "save", "kind": "work", "title": "Nowa praca", "started_on": timezone.localdate().isoformat()},
    )

    assert balance.experiences.filter(title="Nowa praca").exists()


def test_slots_after_closing_time_are_a_form_error_next_to_the_start(advisor_client):
    client, me = advisor_client()
    day = working_day_at(9).date()
    centre = CareerCentre.objects.get(name="Centrum Kariery Tarnów")

    response = client.post(
        reverse("guidance:calendar"),
        {
            "day": day.isoformat(),
            "start": "15:00",
            "minutes": "60",
            "count": "2",
            "mode": "in_person",
            "centre": centre.pk,
        },
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert "Centrum Kariery Tarnów is open: Monday to Friday, 08:00 to 16:00." in body
    assert not AdvisorSlot.objects.filter(advisor=me).exists()


def test_the_slot_form_says_why_in_polish(staff_client):
    client, _me = staff_client("advisor")
    day = working_day_at(9).date()
    centre = CareerCentre.objects.get(name="Centrum Kariery Tarnów")

    response = client.post(
        reverse("guidance:calendar"),
        {
            "day": day.isoformat(),
            "start": "07:00",
            "minutes": "60",
            "count": "1",
            "mode": "in_person",
            "centre": centre.pk,
        },
    )

    assert response.status_code == 400
    assert "poniedziałek \u2013 piątek, 08:00\u201316:00" in response.content.decode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plan_rozwoju_Łukasz_Żółć", "Plan_rozwoju_Lukasz_Zolc"),
        ("Źdźbło-Ćwikła Ąę Ńń Śś", "Zdzblo-Cwikla Ae Nn Ss"),
        ("ŁŁ łł", "LL ll"),
    ],
)
def test_polish_letters_are_transliterated_not_dropped(text, expected):
    assert ascii_transliteration(text) == expected


def test_the_plan_downloads_under_a_transliterated_name_with_the_polish_one_alongside(english):
    balance = signed_balance()
    participant = balance.participant
    participant.first_name, participant.last_name = "Łukasz", "Żółć"
    participant.save(update_fields=["first_name", "last_name"])
    english.force_login(participant)

    response = english.get(reverse("guidance:my_plan_pdf"))

    disposition = response["Content-Disposition"]
    assert 'filename="Plan_rozwoju_Lukasz_Zolc.pdf"' in disposition
    encoded = disposition.split("filename*=UTF-8''")[1]
    assert unquote(encoded) == "Plan_rozwoju_Łukasz_Żółć.pdf"
    disposition.encode("ascii")  # a header value stays ASCII


def test_the_plan_pdf_has_no_english_whatever_the_page_language():
    balance = balance_ready_to_sign()
    portfolio_services.portfolio_reference_add(
        balance_id=balance.pk,
        title="Referencje z hospicjum",
        description="Opieka nad pacjentami",
        referee_name="Siostra Łucja Żak",
        referee_contact="",
        actor=Actor.of(balance.advisor),
    )
    portfolio_services.portfolio_file_add(
        balance_id=balance.pk,
        title="Świadectwo pracy",
        description="",
        upload=SimpleUploadedFile("s.pdf", PDF),
        actor=Actor.of(balance.advisor),
    )
    plan_services.plan_sign(balance_id=balance.pk, actor=Actor.of(balance.advisor))
    balance.refresh_from_db()
    with translation.override("en"):
        pdf = plan_pdf(balance=balance)
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)

    assert "referencje wystawione przez: Siostra Łucja Żak" in " ".join(text.split())
    for english_word in ("reference", "Reference", "from", "Development area", "Portfolio item", " now)"):
        assert english_word not in text, english_word


def test_the_publishing_form_shows_each_centres_opening_hours(advisor_client):
    client, _me = advisor_client()
    page = client.get(reverse("guidance:calendar")).content.decode()
    assert "Centrum Kariery Tarnów (open Monday to Friday, 08:00 to 16:00)" in page
