"""A gmina's teacher-development budget: the plan is refused below 0.8 % of the planned salaries,
the spending is recorded by form, and the gmina sees planned against spent by form."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kierunek.core.actor import Actor
from kierunek.education import services
from kierunek.education.models import DevelopmentBudget
from kierunek.education.selectors_funding import budget_of
from tests.education import builders_edua as b

pytestmark = pytest.mark.django_db

SALARIES = 50_000_000_00  # 50 mln zł
MINIMUM = 400_000_00  # 0.8 %: 400 000 zł


def test_a_plan_below_the_legal_minimum_is_refused_and_nothing_is_saved():
    staff = b.gmina_staff()
    with pytest.raises(ValidationError, match=r"0[.,]8%"):
        services.budget_save(
            actor=Actor.of(staff), year=2026, planned_salaries=SALARIES, planned_amount=MINIMUM - 1, lines={}
        )
    assert not DevelopmentBudget.objects.exists()


def test_the_gmina_sees_planned_against_spent_by_form():
    staff = b.gmina_staff()
    actor = Actor.of(staff)
    services.budget_save(
        actor=actor,
        year=2026,
        planned_salaries=SALARIES,
        planned_amount=MINIMUM,
        lines={"courses": 250_000_00, "postgraduate": 150_000_00},
    )
    services.budget_spending_record(
        actor=actor,
        year=2026,
        form="courses",
        amount=40_000_00,
        spent_on=date(2026, 3, 1),
        description="Kursy TIK",
    )
    services.budget_spending_record(
        actor=actor,
        year=2026,
        form="courses",
        amount=10_000_00,
        spent_on=date(2026, 4, 1),
        description="Kurs RODO",
    )
    services.budget_spending_record(
        actor=actor,
        year=2026,
        form="networks",
        amount=5_000_00,
        spent_on=date(2026, 4, 2),
        description="Sieć",
    )

    view = budget_of(gmina=b.gmina(), year=2026)

    assert view is not None
    assert view.budget.meets_minimum
    rows = {r.form: (r.planned, r.spent, r.left) for r in view.rows}
    assert rows == {
        "courses": (250_000_00, 50_000_00, 200_000_00),
        "postgraduate": (150_000_00, 0, 150_000_00),
        "networks": (0, 5_000_00, -5_000_00),
    }
    assert view.spent == 55_000_00
    assert view.share_per_mille == pytest.approx(8.0)


def test_forms_cannot_add_up_to_more_than_the_plan():
    staff = b.gmina_staff()
    with pytest.raises(ValidationError):
        services.budget_save(
            actor=Actor.of(staff),
            year=2026,
            planned_salaries=SALARIES,
            planned_amount=MINIMUM,
            lines={"courses": MINIMUM, "advisory": 1},
        )


def test_spending_needs_a_plan_and_a_date_in_its_year():
    actor = Actor.of(b.gmina_staff())
    with pytest.raises(ValidationError):
        services.budget_spending_record(
            actor=actor, year=2026, form="courses", amount=1, spent_on=date(2026, 1, 2), description="x"
        )
    services.budget_save(actor=actor, year=2026, planned_salaries=SALARIES, planned_amount=MINIMUM, lines={})
    with pytest.raises(ValidationError):
        services.budget_spending_record(
            actor=actor, year=2026, form="courses", amount=1, spent_on=date(2025, 12, 31), description="x"
        )


def test_only_gmina_staff_linked_to_a_gmina_keep_a_budget():
    with pytest.raises(PermissionDenied):
        services.budget_save(
            actor=Actor.of(b.metropolis_staff()), year=2026, planned_salaries=0, planned_amount=0, lines={}
        )
    with pytest.raises(PermissionDenied):
        services.budget_save(
            actor=Actor.of(b.user("gmina_staff")), year=2026, planned_salaries=0, planned_amount=0, lines={}
        )


def test_the_budget_page_shows_the_minimum_and_records_spending(client_for, english):
    staff = b.gmina_staff()
    client = client_for(staff)
    client.cookies["django_language"] = "en"
    response = client.post(
        "/edukacja/gmina/budzet-doskonalenia/?rok=2026",
        {"part": "plan", "planned_salaries": "50 000 000,00", "planned_amount": "399 999,99"},
    )
    assert response.status_code == 200
    assert "400 000,00 zł" in response.content.decode()
    response = client.post(
        "/edukacja/gmina/budzet-doskonalenia/?rok=2026",
        {
            "part": "plan",
            "planned_salaries": "50 000 000,00",
            "planned_amount": "400 000",
            "line_courses": "300 000",
        },
    )
    assert response.status_code == 302
    response = client.post(
        "/edukacja/gmina/budzet-doskonalenia/?rok=2026",
        {
            "part": "spending",
            "form": "courses",
            "amount": "1 234,50",
            "spent_on": "2026-05-04",
            "description": "Kurs",
        },
    )
    assert response.status_code == 302
    page = client.get("/edukacja/gmina/budzet-doskonalenia/?rok=2026").content.decode()
    assert "1\xa0234,50\xa0zł" in page
    assert "298\xa0765,50\xa0zł" in page  # left of the courses
