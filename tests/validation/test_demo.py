"""The validation demo: at the first demo institution, validations in every stage the staff and
the demo participant work on; a second run adds nothing."""

import pytest

from kierunek.accounts import demo as accounts_demo
from kierunek.qualifications import demo as qualifications_demo
from kierunek.validation import demo
from kierunek.validation.models import Validation

pytestmark = pytest.mark.django_db


def test_the_demo_gives_staff_and_the_participant_work(monkeypatch):
    monkeypatch.setitem(accounts_demo.GENERATED_PARTICIPANTS, "small", 5)
    list(accounts_demo.seed(size="small"))
    list(qualifications_demo.seed(size="small"))
    assert len(list(demo.seed(size="small"))) == demo.planned("small")
    assert list(demo.seed(size="small")) == []
    assert set(Validation.objects.values_list("status", flat=True)) == {
        "documentation",
        "applied",
        "verification",
        "passed",
        "appealed",
    }
    assert Validation.objects.count() == demo.planned("small")
