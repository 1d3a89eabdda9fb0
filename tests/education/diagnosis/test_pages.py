"""The diagnosis' pages by role and object: the Metropolis sends the year's survey; a director
answers it for their gmina once; a teacher without a school of the Metropolis is told so; the
results, their exports and the gap map show no gmina under the threshold; the centre plans and
records delivery, only on lines of the year it opened; other roles are refused (the role sweep
covers every page)."""

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.education.models import CoursePlan, NeedsAssessment
from kierunek.education.services.diagnosis import NeedsAnswer, needs_answer
from kierunek.geo.models import Gmina
from kierunek.surveys.models import Participation, Response
from tests.accounts.factories import UserFactory
from tests.education import builders as b
from tests.pages import text

pytestmark = pytest.mark.django_db


def fill(assessment, teryt, count, topics=("digital",)):
    for _ in range(count):
        needs_answer(
            actor=Actor.of(b.teacher(teryt)),
            assessment=assessment,
            answer=NeedsAnswer(
                topics=list(topics), forms=["course"], timing="autumn", comment=f"uwaga {teryt}"
            ),
        )


def test_the_metropolis_sends_the_survey(staff_client):
    b.metropolis()
    client, _user = staff_client(Role.METROPOLIS_STAFF)
    today = timezone.localdate().isoformat()
    response = client.post(
        "/edukacja/diagnoza/", {"school_year": 2026, "opens_on": today, "closes_on": today, "threshold": 4}
    )
    assessment = NeedsAssessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/edukacja/diagnoza/{assessment.pk}/"
    assert assessment.survey.threshold == 4
    assert assessment.survey.questions.count() == 4


def test_a_director_answers_once_for_their_gmina(client_for):
    assessment = b.assessment(b.metropolis())
    director = b.director(b.WIELICZKA)
    client = client_for(director)
    page = client.get("/edukacja/diagnoza/ankieta/")
    assert "Wieliczka" in text(page)
    response = client.post(
        "/edukacja/diagnoza/ankieta/",
        {
            "topics": ["digital", "wellbeing"],
            "learning_forms": ["workshop"],
            "timing": "spring",
            "comment": "",
        },
    )
    assert response.status_code == 302
    [answer] = Response.objects.filter(survey=assessment.survey)
    assert (answer.group, answer.segment, answer.respondent) == (b.WIELICZKA, "director", None)
    assert Participation.objects.filter(user=director).exists()
    again = client.get("/edukacja/diagnoza/ankieta/")
    assert '<form method="post" novalidate>' not in text(again)


def test_more_than_three_topics_are_refused_on_the_form(client):
    b.assessment(b.metropolis())
    client.force_login(b.teacher(b.KRAKOW))
    response = client.post(
        "/edukacja/diagnoza/ankieta/",
        {"topics": ["digital", "wellbeing", "stem", "law"], "learning_forms": ["course"], "timing": "spring"},
    )
    assert response.status_code == 200
    assert not Response.objects.exists()


def test_a_teacher_without_a_school_of_the_metropolis_is_told_so(client):
    b.assessment(b.metropolis())
    client.force_login(UserFactory(role=Role.TEACHER))
    page = client.get("/edukacja/diagnoza/ankieta/")
    assert page.status_code == 200
    assert '<form method="post" novalidate>' not in text(page)
    response = client.post(
        "/edukacja/diagnoza/ankieta/",
        {"topics": ["digital"], "learning_forms": ["course"], "timing": "spring"},
    )
    assert response.status_code == 200
    assert not Response.objects.exists()


def test_results_and_exports_hide_a_gmina_under_the_threshold(staff_client):
    assessment = b.assessment(b.metropolis(), threshold=3)
    fill(assessment, b.KRAKOW, 3)
    fill(assessment, b.WIELICZKA, 2)
    client, _user = staff_client(Role.GMINA_STAFF)
    page = text(client.get(f"/edukacja/diagnoza/{assessment.pk}/"))
    assert "uwaga 1261011" in page
    csv_text = client.get(f"/edukacja/diagnoza/{assessment.pk}/wyniki.csv").content.decode()
    rows = [line.split(";") for line in csv_text.splitlines()]
    assert ["Kraków", "3"] in [row[:2] for row in rows]
    # the small gmina's row says only that it is too small; its texts are never attributed to it
    assert [row[:3] for row in rows if row[0] == "Wieliczka"] == [["Wieliczka", "", ""]]
    xlsx = client.get(f"/edukacja/diagnoza/{assessment.pk}/wyniki.xlsx")
    cells = [
        c for row in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True) for c in row
    ]
    assert "Wieliczka" in cells
    assert "Kraków" in cells
    assert client.get(f"/edukacja/diagnoza/{assessment.pk}/wyniki.pdf").status_code == 404


def test_the_centre_reads_the_gap_map_and_keeps_the_plan(staff_client):
    assessment = b.assessment(b.metropolis(), threshold=2)
    fill(assessment, b.KRAKOW, 3, topics=("stem",))
    client, _user = staff_client(Role.TRAINING_CENTRE_STAFF)
    page = client.get(f"/edukacja/diagnoza/{assessment.pk}/luki/?temat=stem&obszar=gmina")
    assert page.status_code == 200
    assert "<svg" in text(page)
    assert "<circle" in text(page)
    assert client.get(f"/edukacja/diagnoza/{assessment.pk}/luki/?obszar=powiat").status_code == 200
    krakow = Gmina.objects.get(teryt=b.KRAKOW)
    response = client.post(
        f"/edukacja/diagnoza/{assessment.pk}/plan/",
        {"topic": "stem", "gmina": krakow.pk, "planned_courses": 1, "planned_places": 20},
    )
    assert response.status_code == 302
    line = CoursePlan.objects.get()
    response = client.post(
        f"/edukacja/diagnoza/{assessment.pk}/plan/{line.pk}/",
        {"delivered_courses": 1, "delivered_places": 17},
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.delivered_courses, line.delivered_places) == (1, 17)
    other = b.assessment(assessment.metropolis, year=2025)
    assert client.get(f"/edukacja/diagnoza/{other.pk}/plan/{line.pk}/").status_code == 404
    assert "100%" in text(client.get(f"/edukacja/diagnoza/{assessment.pk}/plan/"))


def test_the_metropolis_reads_the_plan_but_does_not_change_it(staff_client):
    assessment = b.assessment(b.metropolis())
    client, _user = staff_client(Role.METROPOLIS_STAFF)
    krakow = Gmina.objects.get(teryt=b.KRAKOW)
    response = client.post(
        f"/edukacja/diagnoza/{assessment.pk}/plan/",
        {"topic": "stem", "gmina": krakow.pk, "planned_courses": 1, "planned_places": 20},
    )
    assert response.status_code == 200
    assert not CoursePlan.objects.exists()


@pytest.mark.parametrize(
    ("role", "path"),
    [
        (Role.TEACHER, "/edukacja/diagnoza/"),
        (Role.SCHOOL_DIRECTOR, "/edukacja/diagnoza/{pk}/luki/"),
        (Role.GMINA_STAFF, "/edukacja/diagnoza/{pk}/plan/"),
        (Role.PARTICIPANT, "/edukacja/diagnoza/ankieta/"),
        (Role.METROPOLIS_STAFF, "/edukacja/diagnoza/ankieta/"),
    ],
)
def test_other_roles_are_refused(client_as, role, path):
    assessment = b.assessment(b.metropolis())
    client = client_as(role) if role != Role.TEACHER else None
    if client is None:
        from tests.conftest import BrowserLikeClient

        client = BrowserLikeClient()
        client.force_login(UserFactory(role=Role.TEACHER))
    assert client.get(path.format(pk=assessment.pk)).status_code == 403
