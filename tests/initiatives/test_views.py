"""The pages by audience: the public edition (results only once published) and campaign (list,
map, suppressed counts); a gmina applies and reports on its own pages only; a juror declares and
scores on the page; the office moves applications along; an organiser registers an activity and
counts its participants. Another gmina's or juror's objects are not found."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.initiatives import services
from kierunek.initiatives.models import Activity, ContestApplication, ContestEdition, Score
from tests.accounts.factories import StaffUserFactory

from .builders import (
    NIEPOLOMICE,
    WIELICZKA,
    apply,
    campaign,
    edition,
    gmina_staff,
    officer,
    pdf,
    reported,
)

pytestmark = pytest.mark.django_db


def test_the_public_edition_shows_rules_and_criteria_and_results_only_when_published(client):
    office = officer()
    made = edition(by=office)
    page = client.get(f"/inicjatywy/egm/{made.year}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Spójność działań" in text
    assert "Zasięg" in text
    assert client.get("/inicjatywy/egm/1999/").status_code == 404
    draft = edition(by=office, year=2030, opened=False)
    assert client.get(f"/inicjatywy/egm/{draft.year}/").status_code == 404
    assert client.get("/inicjatywy/").status_code == 200


def test_a_gmina_applies_and_reports_on_its_pages(client_for):
    office = officer()
    made = edition(by=office)
    who = gmina_staff()
    client = client_for(who)
    page = client.get("/inicjatywy/gmina/konkurs/")
    assert page.status_code == 200
    assert made.title in page.content.decode()
    done = client.post(
        "/inicjatywy/gmina/konkurs/", {"planned_actions": "Kurs cyfrowy dla seniorów w bibliotece."}
    )
    application = ContestApplication.objects.get(gmina__teryt=WIELICZKA)
    assert done.status_code == 302
    assert done["Location"] == f"/inicjatywy/gmina/konkurs/{application.pk}/"
    assert client.get(done["Location"]).status_code == 200
    services.application_move(actor=Actor.of(office), application_id=application.pk, name="admit")
    from .builders import attend_workshops

    attend_workshops(application, who)
    services.application_move(
        actor=Actor.of(office), application_id=application.pk, name="complete_stage_one"
    )
    page = f"/inicjatywy/gmina/konkurs/{application.pk}/"
    assert client.post(page, {"evidence-title": "Zdjęcia", "evidence-file": pdf()}).status_code == 302
    assert client.post(page, {"report-report": "Pięć spotkań."}).status_code == 302
    application.refresh_from_db()
    assert application.status == "reported"
    evidence = application.evidence.get()
    assert client.get(f"{page}dowody/{evidence.pk}/").status_code == 200

    other = client_for(gmina_staff(NIEPOLOMICE))
    assert other.get(page).status_code == 404
    assert other.get(f"{page}dowody/{evidence.pk}/").status_code == 404


def test_a_juror_declares_then_scores_on_the_page_and_another_is_refused(client_for):
    office = officer()
    made = edition(by=office)
    application = reported(made, gmina_staff(), office)
    partner = StaffUserFactory(role="partner_staff")
    services.juror_appoint(actor=Actor.of(office), edition_id=made.pk, email=partner.email)
    for name in ("close_applications", "start_judging"):
        services.edition_move(actor=Actor.of(office), edition_id=made.pk, name=name)
    client = client_for(partner)
    page = f"/inicjatywy/jury/{application.pk}/"
    assert "Wieliczka" in client.get("/inicjatywy/jury/").content.decode()
    shown = client.get(page).content.decode()
    assert "conflict" in shown.lower() or "konflikt" in shown.lower()
    assert client.post(page, {"declaration-has_conflict": "no"}).status_code == 302
    criteria = list(made.criteria.order_by("position"))
    points = {f"score-criterion_{c.pk}": str(c.max_points - 1) for c in criteria}
    assert client.post(page, points).status_code == 302
    assert Score.objects.filter(application=application).count() == 2
    outsider = client_for(StaffUserFactory(role="partner_staff"))
    assert outsider.get(page).status_code == 404


def test_the_office_admits_and_publishes_from_the_edition_page(client_for):
    office = officer()
    made = edition(by=office)
    application = apply(made, gmina_staff())
    client = client_for(office)
    assert client.get(f"/inicjatywy/biuro/konkurs/{made.pk}/").status_code == 200
    done = client.post(f"/inicjatywy/biuro/zgloszenia/{application.pk}/etap/", {"transition": "admit"})
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.status == "stage_one"
    client.post(
        f"/inicjatywy/biuro/konkurs/{made.pk}/jury/",
        {"juror-email": StaffUserFactory(role="partner_staff").email},
    )
    assert made.jurors.count() == 1
    assert client.get("/inicjatywy/biuro/konkurs/").status_code == 200


def test_an_organiser_registers_an_activity_and_counts_it_and_the_public_sees_it(client_for, client):
    day = campaign()
    who = gmina_staff()
    organiser = client_for(who)
    form = organiser.get(f"/inicjatywy/dzialania/nowe/{day.pk}/")
    assert form.status_code == 200
    starts = timezone.make_aware(
        timezone.datetime.combine(day.starts_on, timezone.datetime.min.time())
    ) + timedelta(hours=10)
    done = organiser.post(
        f"/inicjatywy/dzialania/nowe/{day.pk}/",
        {
            "title": "Dzień otwarty w bibliotece gminnej",
            "organiser_label": "Gmina Wieliczka",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (starts + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "gmina": WIELICZKA,
            "address": "ul. Rynek Górny 1",
            "needs_registration": "on",
            "capacity": "40",
        },
    )
    assert done.status_code == 302, done.content.decode()[:2000]
    made = Activity.objects.get()
    public = client.get(f"/inicjatywy/dzien-uczenia-sie/{day.year}/")
    text = public.content.decode()
    assert public.status_code == 200
    assert "Dzień otwarty w bibliotece gminnej" in text
    assert "<circle" in text
    assert client.get(f"/inicjatywy/dzien-uczenia-sie/{day.year}/?gmina={WIELICZKA}").status_code == 200
    assert client.get(f"/inicjatywy/tydzien-kariery/{day.year}/").status_code == 404
    assert client.get(f"/inicjatywy/nic/{day.year}/").status_code == 404
    assert organiser.get("/inicjatywy/dzialania/").status_code == 200
    refused = organiser.post(
        f"/inicjatywy/dzialania/{made.pk}/uczestnicy/", {f"count-{made.pk}-participants": "25"}
    )
    assert refused.status_code == 302
    made.refresh_from_db()
    assert made.participants is None
    other = client_for(StaffUserFactory(role="partner_staff"))
    assert (
        other.post(
            f"/inicjatywy/dzialania/{made.pk}/uczestnicy/", {f"count-{made.pk}-participants": "25"}
        ).status_code
        == 404
    )


def test_the_office_creates_an_edition_with_its_rules_on_the_page(client_for):
    client = client_for(officer())
    done = client.post(
        "/inicjatywy/biuro/konkurs/",
        {
            "number": "18",
            "year": "2027",
            "title": "Edukacyjna Gmina Małopolski 2027",
            "rules": "Konkurs dla wszystkich gmin.",
            "rules_document": pdf("regulamin.pdf"),
            "applications_open_on": "2027-02-01",
            "applications_close_on": "2027-03-31",
            "stage_one_ends_on": "2027-06-30",
            "reports_due_on": "2027-11-30",
            "results_on": "2027-12-15",
            "workshops_required": "2",
        },
    )
    made = ContestEdition.objects.get(year=2027)
    assert done.status_code == 302
    assert done["Location"] == f"/inicjatywy/biuro/konkurs/{made.pk}/"
    assert (made.status, made.rules_document_kind, made.workshops_required) == ("draft", "pdf", 2)
    refused = client.post(
        "/inicjatywy/biuro/konkurs/",
        {
            "number": "19",
            "year": "2028",
            "title": "Edycja z datami nie po kolei",
            "rules": "x",
            "applications_open_on": "2028-03-01",
            "applications_close_on": "2028-02-01",
            "stage_one_ends_on": "2028-06-30",
            "reports_due_on": "2028-11-30",
            "results_on": "2028-12-15",
            "workshops_required": "1",
        },
    )
    assert refused.status_code == 200
    assert not ContestEdition.objects.filter(year=2028).exists()
