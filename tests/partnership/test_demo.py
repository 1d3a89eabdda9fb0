"""The partnership demo: some sixty institutions across the powiats, both partnerships with
members, waiting accessions and leavers, a hundred-odd entries, some twenty practices in every
state, and the demo partner with work of their own (a practice returned, an entry to check); a
second run adds nothing."""

import pytest
from django.utils import timezone

from kierunek.accounts import demo as accounts_demo
from kierunek.accounts.models import User
from kierunek.partnership import demo, domain, selectors
from kierunek.partnership.models import DirectoryEntry, GoodPractice, Institution, Membership

pytestmark = pytest.mark.django_db


def test_the_demo_gives_the_partnership_real_work(monkeypatch):
    monkeypatch.setitem(accounts_demo.GENERATED_PARTICIPANTS, "small", 0)
    list(accounts_demo.seed(size="small"))
    assert len(list(demo.seed(size="small"))) == demo.planned("small")
    list(demo.seed(size="small"))

    institutions = Institution.objects.all()
    assert 55 <= institutions.count() <= 65
    assert all(i.is_demo for i in institutions)
    assert len({i.powiat_id for i in institutions}) == 22
    statuses = set(Membership.objects.values_list("partnership__code", "status"))
    assert {
        ("mpku", "member"),
        ("mpku", "applied"),
        ("mpku", "left"),
        ("inwestorzy", "member"),
        ("inwestorzy", "applied"),
    } <= statuses
    assert 90 <= DirectoryEntry.objects.count() <= 130
    assert {p.status for p in GoodPractice.objects.all()} == {
        domain.DRAFT,
        domain.SUBMITTED,
        domain.PUBLISHED,
        domain.RETURNED,
    }
    assert 15 <= GoodPractice.objects.count() <= 25

    partner = User.objects.get(email="partner@kierunek.example")
    institution = selectors.institution_of_staff(user=partner)
    assert institution.name == "Powiatowy Urząd Pracy w Wadowicach"
    assert selectors.practices_of(institution=institution).filter(status="returned").exists()
    assert selectors.entries_to_check(institution=institution)
    assert institution.entries.filter(checked_on__lt=timezone.localdate()).exists()
    assert selectors.directory_search(q="doradztwo zawodowe", audience="residents")
