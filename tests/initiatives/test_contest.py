"""The contest through its services: a gmina applies with its planned actions; stage I counts the
check-ins of its staff at the edition's workshops (events); stage II's report needs evidence; the
jury declares conflicts of interest first and scores by the weighted criteria; the results and
awards are published. Each refusal as the services give it."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.initiatives import selectors, services
from kierunek.initiatives.models import ApplicationChange, ContestApplication, Criterion
from tests.accounts.factories import StaffUserFactory

from .builders import (
    NIEPOLOMICE,
    WIELICZKA,
    apply,
    attend_workshops,
    edition,
    gmina_staff,
    move,
    officer,
    pdf,
    reported,
)

pytestmark = pytest.mark.django_db


def test_a_gmina_applies_once_while_the_edition_is_open():
    office = officer()
    made = edition(by=office)
    who = gmina_staff()
    application = apply(made, who)
    assert (application.status, application.gmina.teryt) == ("submitted", WIELICZKA)
    assert list(
        ApplicationChange.objects.filter(application=application).values_list("status_to", flat=True)
    ) == ["submitted"]
    assert AuditEvent.objects.filter(action="initiatives.application_submitted").count() == 1
    colleague = gmina_staff(WIELICZKA)
    with pytest.raises(ValidationError, match="already applied"):
        apply(made, colleague)
    closed = edition(by=office, year=2027, opened=False)
    with pytest.raises(ValidationError, match="does not take applications"):
        apply(closed, gmina_staff(NIEPOLOMICE))


def test_only_a_gminas_staff_with_a_gmina_apply():
    made = edition()
    for who in (officer(), StaffUserFactory(role="partner_staff"), StaffUserFactory(role="gmina_staff")):
        with pytest.raises(PermissionDenied):
            apply(made, who)


def test_an_edition_opens_only_with_criteria():
    made = edition(opened=False)
    Criterion.objects.filter(edition=made).delete()
    with pytest.raises(ValidationError, match="criteria"):
        services.edition_move(actor=Actor.of(officer()), edition_id=made.pk, name="open")


def test_stage_one_counts_the_gminas_check_ins_at_the_editions_workshops():
    office = officer()
    made = edition(by=office, required=2, workshops=2)
    who = gmina_staff()
    application = apply(made, who)
    move(application, "admit", office)
    with pytest.raises(ValidationError, match="attended 0 of the 2"):
        move(application, "complete_stage_one", office)
    # Another gmina's staff at the workshops do not count for this one.
    attend_workshops(apply(made, gmina_staff(NIEPOLOMICE)), gmina_staff(NIEPOLOMICE))
    assert selectors.workshops_attended(application) == 0
    attend_workshops(application, gmina_staff(WIELICZKA))  # a colleague from the same gmina
    assert selectors.workshops_attended(application) == 2
    move(application, "complete_stage_one", office)
    application.refresh_from_db()
    assert application.status == "stage_two"


def test_the_report_needs_evidence_and_only_the_own_gmina_adds_it():
    office = officer()
    made = edition(by=office)
    who = gmina_staff()
    application = apply(made, who)
    with pytest.raises(ValidationError, match="stage II"):
        services.evidence_upload(
            actor=Actor.of(who), application_id=application.pk, title="Zdjęcia", upload=pdf()
        )
    move(application, "admit", office)
    attend_workshops(application, who)
    move(application, "complete_stage_one", office)
    with pytest.raises(ValidationError, match="evidence"):
        services.report_submit(actor=Actor.of(who), application_id=application.pk, report="Zrobione.")
    with pytest.raises(ContestApplication.DoesNotExist):
        services.evidence_upload(
            actor=Actor.of(gmina_staff(NIEPOLOMICE)), application_id=application.pk, title="x", upload=pdf()
        )
    with pytest.raises(ValidationError):
        services.evidence_upload(
            actor=Actor.of(who),
            application_id=application.pk,
            title="Nie PDF",
            upload=pdf("skan.exe"),
        )
    services.evidence_upload(
        actor=Actor.of(who), application_id=application.pk, title="Zdjęcia", upload=pdf()
    )
    services.report_submit(
        actor=Actor.of(who), application_id=application.pk, report="Pięć spotkań w sołectwach."
    )
    application.refresh_from_db()
    assert (application.status, application.report) == ("reported", "Pięć spotkań w sołectwach.")


def test_the_office_rejects_with_a_reason_and_the_gmina_withdraws_its_own():
    office = officer()
    made = edition(by=office)
    first = apply(made, gmina_staff())
    with pytest.raises(ValidationError):
        move(first, "reject", office)
    move(first, "reject", office, note="Wniosek niekompletny.")
    first.refresh_from_db()
    assert first.status == "rejected"
    assert first.changes.last().note == "Wniosek niekompletny."
    who = gmina_staff(NIEPOLOMICE)
    second = apply(made, who)
    with pytest.raises(ContestApplication.DoesNotExist):
        move(second, "withdraw", gmina_staff(WIELICZKA))
    move(second, "withdraw", who)
    second.refresh_from_db()
    assert second.status == "withdrawn"


def _judging(office, made):
    services.edition_move(actor=Actor.of(office), edition_id=made.pk, name="close_applications")
    services.edition_move(actor=Actor.of(office), edition_id=made.pk, name="start_judging")


def test_the_jury_declares_first_a_conflict_keeps_a_juror_out_and_the_results_are_weighted():
    office = officer()
    made = edition(by=office)
    wieliczka = reported(made, gmina_staff(), office)
    niepolomice = reported(made, gmina_staff(NIEPOLOMICE), office)
    partner = StaffUserFactory(role="partner_staff")
    colleague = officer()
    for juror in (partner, colleague):
        services.juror_appoint(actor=Actor.of(office), edition_id=made.pk, email=juror.email)
    with pytest.raises(ValidationError):
        services.juror_appoint(actor=Actor.of(office), edition_id=made.pk, email=gmina_staff().email)
    spathe, reach = list(made.criteria.order_by("position"))

    with pytest.raises(ValidationError, match="with the jury"):
        services.conflict_declare(actor=Actor.of(partner), application_id=wieliczka.pk, has_conflict=False)
    _judging(office, made)
    with pytest.raises(ValidationError, match="Declare first"):
        services.scores_save(
            actor=Actor.of(partner), application_id=wieliczka.pk, points={spathe.pk: 8, reach.pk: 15}
        )
    with pytest.raises(ContestApplication.DoesNotExist):
        services.conflict_declare(actor=Actor.of(officer()), application_id=wieliczka.pk, has_conflict=False)
    with pytest.raises(ValidationError):
        services.conflict_declare(actor=Actor.of(partner), application_id=wieliczka.pk, has_conflict=True)

    services.conflict_declare(actor=Actor.of(partner), application_id=wieliczka.pk, has_conflict=False)
    with pytest.raises(ValidationError, match="already declared"):
        services.conflict_declare(actor=Actor.of(partner), application_id=wieliczka.pk, has_conflict=False)
    with pytest.raises(ValidationError, match="from 0 to 10"):
        services.scores_save(
            actor=Actor.of(partner), application_id=wieliczka.pk, points={spathe.pk: 11, reach.pk: 15}
        )
    with pytest.raises(ValidationError, match="every criterion"):
        services.scores_save(actor=Actor.of(partner), application_id=wieliczka.pk, points={spathe.pk: 8})
    services.scores_save(
        actor=Actor.of(partner), application_id=wieliczka.pk, points={spathe.pk: 8, reach.pk: 15}
    )

    services.conflict_declare(
        actor=Actor.of(colleague),
        application_id=wieliczka.pk,
        has_conflict=True,
        statement="Mieszkam w gminie.",
    )
    with pytest.raises(PermissionDenied):
        services.scores_save(
            actor=Actor.of(colleague), application_id=wieliczka.pk, points={spathe.pk: 0, reach.pk: 0}
        )

    with pytest.raises(ValidationError, match="Niepołomice"):
        services.edition_move(actor=Actor.of(office), edition_id=made.pk, name="publish")
    for juror, points in (
        (partner, {spathe.pk: 10, reach.pk: 20}),
        (colleague, {spathe.pk: 6, reach.pk: 10}),
    ):
        services.conflict_declare(actor=Actor.of(juror), application_id=niepolomice.pk, has_conflict=False)
        services.scores_save(actor=Actor.of(juror), application_id=niepolomice.pk, points=points)
    services.award_grant(
        actor=Actor.of(office), application_id=niepolomice.pk, title="Laur Edukacyjnej Gminy"
    )

    results = selectors.edition_results(made)
    # Niepołomice: means 8 and 15 -> 78.33; Wieliczka: the partner's 8 and 15 only -> 78.33: a tie.
    assert [(r.place, r.application.gmina.name, r.result, r.awards) for r in results] == [
        (1, "Niepołomice", Decimal("78.33"), ["Laur Edukacyjnej Gminy"]),
        (1, "Wieliczka", Decimal("78.33"), []),
    ]
    services.scores_save(
        actor=Actor.of(partner), application_id=wieliczka.pk, points={spathe.pk: 10, reach.pk: 20}
    )
    assert [(r.place, r.application.gmina.name) for r in selectors.edition_results(made)] == [
        (1, "Wieliczka"),
        (2, "Niepołomice"),
    ]
    services.edition_move(actor=Actor.of(office), edition_id=made.pk, name="publish")
    with pytest.raises(ValidationError, match="with the jury"):
        services.scores_save(
            actor=Actor.of(partner), application_id=wieliczka.pk, points={spathe.pk: 0, reach.pk: 0}
        )
    assert AuditEvent.objects.filter(action="initiatives.conflict_declared").count() == 4
    assert AuditEvent.objects.filter(action="initiatives.edition_published").count() == 1
