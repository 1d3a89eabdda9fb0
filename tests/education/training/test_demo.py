"""The demo gives the centre, the teacher and the director work in the training offer: a year of
courses (some paid, some full with a waiting list, past ones with certificates), the demo teacher
enrolled with a certificate, consultation slots, two networks; a second run adds nothing."""

import pytest
from django.utils import timezone

from kierunek.accounts import demo as accounts_demo
from kierunek.accounts.models import User
from kierunek.education import demo
from kierunek.education.models_training import (
    ConsultationBooking,
    ConsultationSlot,
    Enrolment,
    Network,
    NetworkMaterial,
    NetworkMeeting,
    TrainingCourse,
)

pytestmark = pytest.mark.django_db


def run_seed() -> None:
    for module in (accounts_demo, demo):
        steps = list(module.seed(size="small"))
        assert len(steps) == module.planned("small")


def test_the_demo_gives_the_centre_and_the_teachers_a_years_offer():
    run_seed()
    counts = [m.objects.count() for m in (TrainingCourse, Enrolment, ConsultationSlot, Network)]
    run_seed()
    assert [m.objects.count() for m in (TrainingCourse, Enrolment, ConsultationSlot, Network)] == counts

    staff = User.objects.get(email="osrodek-doskonalenia@kierunek.example")
    teacher = User.objects.get(email="nauczyciel@kierunek.example")
    courses = TrainingCourse.objects.all()
    assert courses.count() >= 30
    assert set(courses.values_list("form", flat=True)) == {
        "training",
        "seminar",
        "conference",
        "lecture",
        "workshop",
        "qualifying_course",
    }
    assert all(c.event.organiser_id == staff.pk for c in courses)
    assert courses.filter(price_grosze__gt=0).count() >= 5
    now = timezone.now()
    assert courses.filter(event__ends_at__lt=now).count() >= 8
    assert Enrolment.objects.filter(registration__status="waiting").exists()
    assert Enrolment.objects.filter(registration__status="offered").exists()
    assert Enrolment.objects.filter(registration__certificate__isnull=False).count() >= 10
    assert Enrolment.objects.filter(price_grosze__gt=0).exclude(invoice_nip="").exists()
    mine = Enrolment.objects.filter(teacher=teacher)
    assert mine.filter(registration__certificate__isnull=False).exists()
    assert mine.filter(course__event__starts_at__gt=now, registration__status="confirmed").exists()
    assert mine.filter(registration__status="waiting").exists()
    assert ConsultationBooking.objects.filter(teacher=teacher, cancelled_at__isnull=True).exists()
    assert Network.objects.count() == 2
    assert NetworkMeeting.objects.count() >= 4
    assert NetworkMaterial.objects.count() >= 2
    assert Network.objects.filter(members__user=teacher).exists()
