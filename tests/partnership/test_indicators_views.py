"""The indicators' pages as people use them: a partner reads the activity record and answers the
self-assessment once (another round of another partnership is 404); the dashboard is the office's
(a partner is sent to their own record); the office opens a round, sets the rule, computes and
approves the list after confirming; the public page shows it only once approved; an institution's
page lists its coming public events; the person's export holds their answers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.personal_data import personal_data_collect
from kierunek.partnership.models import (
    Partnership,
    RecognitionList,
    SelfAssessmentRound,
)
from kierunek.partnership.services import indicators as services
from kierunek.surveys.models import Response
from tests.events import builders as events

from . import builders as b

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def _round(partnership=None):
    today = timezone.localdate()
    return services.self_assessment_round_open(
        actor=Actor.of(b.officer()),
        partnership_id=(partnership or b.mpku()).pk,
        year=YEAR,
        opens_on=today,
        closes_on=today + timedelta(days=14),
        questions=["Partnerstwo pomaga nam w pracy.", "Wiemy, co robią inni partnerzy."],
    )


def test_a_partner_reads_the_record_and_answers_the_self_assessment_once(client_for, english):
    institution = b.partner()
    staff = b.staff_of(institution)
    b.entry(institution, by=staff)
    survey = _round()
    other = _round(Partnership.objects.get(code="inwestorzy"))  # the institution is not its member
    client = client_for(staff)
    client.cookies.update(english.cookies)

    record = client.get("/partner/aktywnosc/").content.decode()
    assert "Services listed in the directory" in record
    assert f"/partner/samoocena/{survey.pk}/" in record
    assert f"/partner/samoocena/{other.pk}/" not in record
    assert client.get(f"/partner/samoocena/{other.pk}/").status_code == 404

    questions = list(survey.questions.all())
    refused = client.post(f"/partner/samoocena/{survey.pk}/", {f"q{questions[0].pk}": "5"})
    assert refused.status_code == 200
    assert not Response.objects.exists()
    done = client.post(
        f"/partner/samoocena/{survey.pk}/",
        {
            f"q{questions[0].pk}": "5",
            f"q{questions[1].pk}": "2",
            f"q{questions[1].pk}_comment": "Mało spotkań.",
        },
    )
    assert done.status_code == 302
    answered = client.get(f"/partner/samoocena/{survey.pk}/").content.decode()
    assert "Mało spotkań." in answered
    assert 'id="answered"' in answered
    assert (
        "<form" not in answered.split("<main", 1)[-1].split("</main>")[0]
        or "Send the self-assessment" not in answered
    )

    export = personal_data_collect(user=staff)["partnership_indicators"]
    assert export["self_assessments"][0]["answers"][1] == {
        "question": "Wiemy, co robią inni partnerzy.",
        "score": 2,
        "comment": "Mało spotkań.",
    }


def test_the_dashboard_is_the_offices_and_a_partner_is_sent_to_their_record(client_as, client_for):
    institution = b.partner()
    staff = b.staff_of(institution)
    events.event(by=staff)
    office = client_as(Role.OFFICER)
    page = office.get("/urzad/partnerstwo/wskazniki/", {"rok": YEAR})
    assert page.status_code == 200
    assert institution.name in page.content.decode()
    assert staff.get_full_name() in page.content.decode()
    assert office.get("/urzad/partnerstwo/wskazniki/", {"rok": "abc"}).status_code == 200  # this year

    partner = client_for(staff)
    assert partner.get("/urzad/partnerstwo/wskazniki/").url == "/partner/aktywnosc/"
    survey = _round()
    assert partner.get(f"/urzad/partnerstwo/samoocena/{survey.pk}/").status_code == 403


def test_the_office_opens_a_round_with_last_years_questions_as_the_start(client_as):
    office = client_as(Role.OFFICER)
    _round()
    form = office.get("/urzad/partnerstwo/samoocena/").content.decode()
    assert "Wiemy, co robią inni partnerzy." in form
    today = timezone.localdate()
    office.post(
        "/urzad/partnerstwo/samoocena/",
        {
            "partnership": Partnership.objects.get(code="inwestorzy").pk,
            "year": YEAR,
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=7)).isoformat(),
            "questions": "Rada spotyka się regularnie.\n\nBaza usług jest aktualna.\n",
        },
    )
    survey = SelfAssessmentRound.objects.get(partnership__code="inwestorzy")
    assert [q.text for q in survey.questions.all()] == [
        "Rada spotyka się regularnie.",
        "Baza usług jest aktualna.",
    ]


def test_the_office_approves_the_list_after_confirming_and_the_public_sees_it(client_as, client):
    winner = b.partner("Gorlickie Centrum Kształcenia")
    b.entry(winner)
    b.reviewed(b.submitted(b.practice(winner)))
    office = client_as(Role.OFFICER)
    base = f"/urzad/partnerstwo/wyroznienia/{YEAR}/"
    office.post(
        base,
        {
            "w_events_organised": "10",
            "w_events_attended": "2",
            "w_services_listed": "3",
            "w_practices_published": "5",
            "w_products_published": "4",
            "w_newsletter_reach": "1",
            "rationale": "Uchwała grupy roboczej ds. motywacji.",
        },
    )
    office.post(base + "oblicz/")
    assert RecognitionList.objects.get().status == "draft"
    public = client.get(f"/partnerstwo/wyroznienia/{YEAR}/")
    assert public.status_code == 404

    asked = office.post(base + "zatwierdz/")
    assert asked.status_code == 200
    assert "confirmed" in asked.content.decode()
    assert RecognitionList.objects.get().status == "draft"
    office.post(base + "zatwierdz/", {"confirmed": "yes"})
    assert RecognitionList.objects.get().status == "published"

    office.logout()
    page = client.get(f"/partnerstwo/wyroznienia/{YEAR}/").content.decode()
    assert "Gorlickie Centrum Kształcenia" in page
    assert "Uchwała grupy roboczej ds. motywacji." in page
    assert f"/partnerstwo/wyroznienia/{YEAR}/" in client.get("/partnerstwo/wyroznienia/").content.decode()


def test_an_institutions_page_lists_its_coming_public_events(client):
    institution = b.partner()
    staff = b.staff_of(institution)
    open_event = events.event(by=staff, title="Warsztat dla mieszkańców Wadowic")
    events.event(by=staff, title="Spotkanie grupy roboczej", audience="partners")
    page = client.get(f"/instytucje/{institution.slug}/").content.decode()
    assert open_event.title in page
    assert f"/wydarzenia/{open_event.pk}/" in page
    assert "Spotkanie grupy roboczej" not in page
