"""The PDF of the plan and portfolio: Polish characters survive, and what the plan says is in it."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from kierunek.core.actor import Actor
from kierunek.guidance.documents import plan_pdf
from kierunek.guidance.services import plan as plan_services
from kierunek.guidance.services import portfolio as portfolio_services
from tests.guidance.builders import area_data, balance_ready_to_sign

pytestmark = pytest.mark.django_db

PANGRAM = "Zażółć gęślą jaźń"


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def test_the_plan_pdf_in_polish():
    balance = balance_ready_to_sign()
    participant = balance.participant
    participant.first_name, participant.last_name = "Łucja", "Źdźbło-Żółkiewska"
    participant.save(update_fields=["first_name", "last_name"])
    plan_services.area_save(
        balance_id=balance.pk,
        actor=Actor.of(balance.advisor),
        data=area_data(
            title=PANGRAM, goals="Ćwiczyć rozmowy; <b>nie</b> znacznik", package_kind="vocational"
        ),
    )
    portfolio_services.portfolio_reference_add(
        balance_id=balance.pk,
        title="Referencje z Urzędu Gminy Łącko",
        description="",
        referee_name="Grzegorz Brzęczyszczykiewicz",
        referee_contact="",
        actor=Actor.of(balance.advisor),
    )
    plan_services.plan_sign(balance_id=balance.pk, actor=Actor.of(balance.advisor))
    balance.refresh_from_db()

    pdf = plan_pdf(balance=balance)
    text = text_of(pdf)

    assert pdf.startswith(b"%PDF-")
    assert PANGRAM in text
    assert "Łucja Źdźbło-Żółkiewska" in text
    assert "<b>nie</b> znacznik" in text
    assert "Grzegorz Brzęczyszczykiewicz" in " ".join(text.split())  # a line may wrap inside it
    assert "pracować w zespole" in text  # the competence profile
    assert "Język angielski w pracy" in text  # the first area
    assert "indywidualny plan rozwoju" in text.lower()  # the title, in Polish whatever the page language
