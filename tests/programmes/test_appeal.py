"""The appeal rule: a dated rule of the programme (the text, the deadline in days, whom to write
to), parsed and described like the others, and shown on every refusal with its last day."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from kierunek.core.actor import Actor
from kierunek.programmes import domain, explain, selectors
from kierunek.programmes.appeal_rules import appeal_rules_from
from kierunek.programmes.models import RuleKey, RuleVersion
from kierunek.programmes.services import application_review
from tests.pages import text
from tests.programmes.helpers import application_in_review, demo_programme, submitted_application

pytestmark = pytest.mark.django_db

VALUE = {
    "text": {"pl": "Złóż wniosek o ponowne rozpatrzenie.", "en": "Ask for a review."},
    "deadline_days": 7,
    "contact": {
        "office": "WUP Kraków",
        "email": "a@example.org",
        "phone": "",
        "address": "ul. Piastowska 32",
    },
}


class TestParser:
    def test_a_whole_value(self):
        rules = appeal_rules_from(VALUE)
        assert (rules.text_pl, rules.text_en, rules.deadline_days) == (
            "Złóż wniosek o ponowne rozpatrzenie.",
            "Ask for a review.",
            7,
        )
        assert (rules.office, rules.email, rules.address) == (
            "WUP Kraków",
            "a@example.org",
            "ul. Piastowska 32",
        )

    def test_english_is_optional(self):
        rules = appeal_rules_from({**VALUE, "text": {"pl": "Tekst."}})
        assert rules.text_en == ""

    @pytest.mark.parametrize(
        "value",
        [
            [],
            {**VALUE, "text": {"en": "only English"}},
            {**VALUE, "deadline_days": 0},
            {**VALUE, "deadline_days": "7"},
            {**VALUE, "contact": {"office": "WUP"}},
            {**VALUE, "contact": {"email": "a@example.org"}},
            {**VALUE, "contact": {**VALUE["contact"], "phone": 124240700}},
        ],
    )
    def test_a_bad_value_is_refused(self, value):
        with pytest.raises(domain.RuleValueError):
            domain.validate_rule_value(domain.RULE_APPEAL, value)


def test_kierunek_kariera_has_its_first_version_from_the_migration():
    version, rules = selectors.appeal_rules_on(programme=demo_programme(), day=date(2026, 3, 16))
    assert version.key == RuleKey.APPEAL
    assert "ponowne rozpatrzenie" in rules.text_pl
    assert rules.address == "ul. Piastowska 32, 30-070 Kraków"
    assert rules.office.startswith("Wojewódzki Urząd Pracy w Krakowie")
    assert rules.deadline_days == 7
    assert version.decision_ref.startswith("Uchwała")
    assert "Materiały źródłowe" in version.note  # says where the text comes from


def test_the_rule_is_described_in_the_persons_language():
    version = RuleVersion.objects.get(programme=demo_programme(), key="appeal")
    with translation.override("en"):
        lines = explain.describe_rule(version)
    assert any("30-070 Kraków" in line for line in lines)
    assert any("7 days" in line for line in lines)


def test_an_ineligible_participant_sees_how_to_appeal_with_the_last_day(participant_client):
    application = submitted_application(
        today=timezone.localdate(), employment_status="unemployed", employment_form=""
    )
    assert application.status == "ineligible"
    client, _ = participant_client(application.participant)

    page = text(client.get("/wniosek/decyzja/"))

    last_day = timezone.localdate(application.decided_at) + timedelta(days=7)
    assert "How to appeal" in page
    assert "If you disagree with the decision refusing your participation" in page  # the English text
    assert f"Send your appeal by {last_day.day} " in page
    assert "ul. Piastowska 32, 30-070 Kraków" in page
    assert 'href="mailto:wup@wup-krakow.pl"' in page


def test_a_refusal_by_an_officer_shows_it_too_and_in_polish(client, staff_client):
    application = application_in_review()
    _officer_client, officer = staff_client("officer")
    application_review(
        application_id=application.pk, actor=Actor.of(officer), accept=False, reason="Brak legitymacji."
    )
    client.logout()
    client.force_login(application.participant)

    page = text(client.get("/wniosek/decyzja/"))

    assert "Jak się odwołać" in page
    assert "Jeśli nie zgadzasz się z decyzją o odmowie udziału w projekcie" in page


def test_an_eligible_participant_is_not_told_to_appeal(participant_client):
    application = submitted_application(today=timezone.localdate())
    client, _ = participant_client(application.participant)
    assert "How to appeal" not in text(client.get("/wniosek/decyzja/"))
