"""The guidance pages as people use them: participants book, move and cancel, read and acknowledge
their plan; advisors publish slots and run the balance stage by stage. The vocabulary search is an
HTMX partial that is the same fragment the full page renders without JavaScript."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kierunek.catalogue.models import Category
from kierunek.core.actor import Actor
from kierunek.guidance.models import AdvisorSlot, Appointment, CareerCentre, CompetenceBalance
from kierunek.guidance.services import plan as plan_services
from tests.guidance.builders import (
    PDF,
    advisor,
    balance_ready_to_sign,
    competence,
    eligible_participant,
    past_meeting,
    signed_balance,
    slot,
    working_day_at,
)

pytestmark = pytest.mark.django_db


def services_reopen(balance):
    balance.plan.refresh_from_db()
    if balance.plan.status != "draft":
        plan_services.plan_reopen(balance_id=balance.pk, actor=Actor.of(balance.advisor))


def stage_url(balance, slug):
    return reverse("guidance:balance_stage", kwargs={"balance_id": balance.pk, "stage_slug": slug})


class TestParticipantPages:
    def test_book_move_and_cancel(self, english):
        adv, participant = advisor(first_name="Barbara", last_name="Doradczyk"), eligible_participant()
        first, second = slot(adv), slot(adv, starts_in=timedelta(days=5), online=True)
        english.force_login(participant)

        listing = english.get(reverse("guidance:slots"))
        assert listing.status_code == 200
        assert b"Barbara Doradczyk" in listing.content
        booked = english.post(reverse("guidance:book", args=[first.pk]), follow=True)
        assert b"Your meeting is booked" in booked.content
        appointment = Appointment.objects.get(participant=participant, status="booked")

        listing = english.get(reverse("guidance:slots"))
        assert b"Move here" in listing.content
        assert f'action="/doradztwo/terminy/{first.pk}/rezerwuj/"'.encode() not in listing.content
        moved = english.post(
            reverse("guidance:move", args=[appointment.pk]), {"slot": second.pk}, follow=True
        )
        assert b"has been moved" in moved.content
        assert b"online (video call)" in moved.content

        new = Appointment.objects.get(participant=participant, status="booked")
        cancelled = english.post(reverse("guidance:cancel", args=[new.pk]), {"confirmed": "yes"}, follow=True)
        assert b"Your meeting is cancelled" in cancelled.content
        assert not Appointment.objects.filter(participant=participant, status="booked").exists()

    def test_a_past_meeting_is_not_shown_as_still_booked(self, english):
        adv, participant = advisor(), eligible_participant()
        past_meeting(adv, participant)
        slot(adv)  # a future one stays "booked" once booked
        english.force_login(participant)
        english.post(reverse("guidance:book", args=[AdvisorSlot.objects.latest("starts_at").pk]))

        page = english.get(reverse("guidance:participant_home")).content.decode()

        assert page.count("past: the advisor records how it went") == 1
        assert ">booked</td>" in page

    def test_a_refusal_is_shown_not_a_crash(self, english):
        participant = eligible_participant()
        soon = slot(advisor(), starts_in=timedelta(hours=5))
        english.force_login(participant)
        response = english.post(reverse("guidance:book", args=[soon.pk]), follow=True)
        assert b"24 hours ahead" in response.content
        assert not Appointment.objects.exists()

    def test_booking_a_missing_slot_is_404(self, english):
        english.force_login(eligible_participant())
        assert english.post(reverse("guidance:book", args=[999_999])).status_code == 404

    def test_an_ineligible_participant_is_sent_to_the_application(self, english):
        from tests.accounts.factories import ParticipantFactory

        english.force_login(ParticipantFactory())
        response = english.get(reverse("guidance:participant_home"))
        assert b"Apply to the programme first" in response.content
        assert reverse("programmes:application").encode() in response.content

    def test_plan_acknowledge_feedback_and_pdf(self, english):
        balance = signed_balance()
        english.force_login(balance.participant)

        page = english.get(reverse("guidance:my_plan"))
        assert "Język angielski w pracy".encode() in page.content
        assert b"I have read and acknowledge my plan" in page.content
        english.post(reverse("guidance:plan_acknowledge"))
        empty = english.post(reverse("guidance:plan_feedback"), {"feedback": ""})
        sent = english.post(reverse("guidance:plan_feedback"), {"feedback": "Dziękuję!"}, follow=True)
        pdf = english.get(reverse("guidance:my_plan_pdf"))

        assert empty.status_code == 400
        assert b"Your feedback has been sent" in sent.content
        assert b"You acknowledged the plan on" in sent.content
        assert pdf["Content-Type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF-")
        assert "attachment" in pdf["Content-Disposition"]

    def test_the_plan_page_before_sign_off_says_it_is_not_ready(self, english):
        balance = balance_ready_to_sign()
        english.force_login(balance.participant)
        page = english.get(reverse("guidance:my_plan"))
        assert b"when your advisor has signed it" in page.content
        assert "Język angielski w pracy".encode() not in page.content
        assert english.get(reverse("guidance:recommendations")).status_code == 200

    def test_the_dashboard_links_to_guidance(self, english):
        balance = signed_balance()
        english.force_login(balance.participant)
        page = english.get("/panel/uczestnik/")
        assert reverse("guidance:my_plan").encode() in page.content
        assert b"signed by the advisor" in page.content


class TestAdvisorPages:
    def test_publish_slots_from_the_calendar(self, advisor_client):
        client, me = advisor_client()
        day = working_day_at(9, days_ahead=3).date()
        centre_id = CareerCentre.objects.get(name="Centrum Kariery Tarnów").pk

        response = client.post(
            reverse("guidance:calendar"),
            {
                "day": day.isoformat(),
                "start": "09:00",
                "minutes": "45",
                "count": "3",
                "mode": "in_person",
                "centre": centre_id,
            },
            follow=True,
        )

        assert b"Published 3 slot(s)" in response.content
        assert AdvisorSlot.objects.filter(advisor=me).count() == 3
        assert b"Centrum Kariery Tarn" in response.content
        assert b"09:45" in response.content

    def test_a_bad_publication_shows_the_form_with_its_error(self, advisor_client):
        client, _me = advisor_client()
        response = client.post(
            reverse("guidance:calendar"),
            {"day": "2020-01-01", "start": "09:00", "minutes": "60", "count": "1", "mode": "online"},
        )
        assert response.status_code == 400
        assert b"must start in the future" in response.content
        assert not AdvisorSlot.objects.exists()

    def test_the_calendar_shows_bookings_and_the_participant_list_few_queries(self, advisor_client):
        client, me = advisor_client()
        booked = [slot(me, starts_in=timedelta(days=2)) for _ in range(5)]
        for booked_slot in booked:
            Appointment.objects.create(slot=booked_slot, participant=eligible_participant())
        week = timezone.localtime(booked[0].starts_at).date().isoformat()

        calendar = client.get(reverse("guidance:calendar") + f"?tydzien={week}")
        with CaptureQueriesContext(connection) as queries:
            listing = client.get(reverse("guidance:participants"))

        participant_link = re.compile(rb"/doradca/uczestnicy/\d+/")
        assert len(participant_link.findall(calendar.content)) == 5
        assert len(participant_link.findall(listing.content)) == 5
        assert len(queries) <= 12  # session, user, device, and three reads whatever the count

    def test_run_the_balance_stage_by_stage(self, advisor_client):
        client, me = advisor_client()
        participant = eligible_participant()
        past_meeting(me, participant)

        file_page = client.get(reverse("guidance:participant_file", args=[participant.pk]))
        assert b"Start the competence balance" in file_page.content
        started = client.post(reverse("guidance:balance_start", args=[participant.pk]))
        balance = CompetenceBalance.objects.get(participant=participant)
        assert started.url == stage_url(balance, "wywiad-biograficzny")

        client.post(
            stage_url(balance, "wywiad-biograficzny"),
            {
                "op": "save",
                "kind": "work",
                "title": "Magazynier",
                "started_on": "2018-03-01",
                "activities": "Wózek widłowy",
            },
        )
        client.post(stage_url(balance, "wywiad-biograficzny"), {"op": "complete"})
        teamwork = competence("pracować w zespole")
        missing_action = client.post(
            stage_url(balance, "wywiad-behawioralny"),
            {"op": "save", "situation": "S", "task": "T", "result": "R", "competences": [teamwork.pk]},
        )
        assert missing_action.status_code == 400
        assert not balance.star_evidence.exists()
        client.post(
            stage_url(balance, "wywiad-behawioralny"),
            {
                "op": "save",
                "situation": "S",
                "task": "T",
                "action": "Grafik",
                "result": "R",
                "competences": [teamwork.pk],
            },
        )
        star = balance.star_evidence.get()
        assert (star.action, list(star.competences.all())) == ("Grafik", [teamwork])

        client.post(
            stage_url(balance, "profil-kompetencji"),
            {
                "op": "save",
                "competence": teamwork.pk,
                "dimension": "social",
                "level": "3",
                "evidence": "Referencje",
            },
        )
        assert balance.profile.get().competence == teamwork
        client.post(
            stage_url(balance, "portfolio"),
            {"op": "save_file", "title": "Świadectwo", "file": SimpleUploadedFile("s.pdf", PDF)},
        )
        assert balance.portfolio.get().file_kind == "pdf"
        client.post(
            stage_url(balance, "plan-rozwoju"),
            {
                "op": "save_area",
                "area-title": "Uprawnienia UDT",
                "area-goals": "Egzamin UDT",
                "area-package_kind": "vocational",
                "area-categories": [Category.objects.get(code="technical_forklift").pk],
                "area-priority": "1",
            },
        )
        assert balance.plan.areas.get().title == "Uprawnienia UDT"
        refused = client.post(stage_url(balance, "plan-rozwoju"), {"op": "sign"}, follow=True)
        assert b"complete first" in refused.content
        balance.plan.refresh_from_db()
        assert balance.plan.status == "draft"

    def test_no_button_shares_its_name_with_a_field(self, advisor_client):
        """A button named like a field (the STAR form's "action") would overwrite what was typed."""
        client, me = advisor_client()
        balance = balance_ready_to_sign(me)
        services_reopen(balance)
        for slug in [
            "wywiad-biograficzny",
            "wywiad-behawioralny",
            "profil-kompetencji",
            "portfolio",
            "plan-rozwoju",
        ]:
            page = client.get(stage_url(balance, slug)).content
            buttons = set(re.findall(rb'<button type="submit" name="([a-z_]+)"', page))
            fields = set(re.findall(rb'<(?:textarea|input|select)[^>]* name="([a-z_-]+)"', page))
            assert buttons - {b"language"} == {b"op"}, slug  # "language": the switch in the header
            assert b"op" not in fields, slug

    def test_a_signed_balance_is_read_only(self, advisor_client):
        client, me = advisor_client()
        balance = signed_balance(me)
        page = client.get(stage_url(balance, "wywiad-biograficzny"))
        assert b"can be read but not changed" in page.content
        assert b"Save the experience" not in page.content
        posted = client.post(
            stage_url(balance, "wywiad-biograficzny"),
            {"op": "save", "kind": "work", "title": "X", "started_on": "2020-01-01"},
        )
        assert posted.status_code == 403
        assert not balance.experiences.filter(title="X").exists()

    def test_the_advisor_dashboard_shows_the_week(self, advisor_client):
        client, me = advisor_client()
        participant = eligible_participant()
        Appointment.objects.create(slot=slot(me, starts_in=timedelta(days=2)), participant=participant)
        page = client.get("/panel/doradca/")
        assert f"/doradca/uczestnicy/{participant.pk}/".encode() in page.content
        assert reverse("guidance:calendar").encode() in page.content


class TestVocabularySearch:
    def test_the_partial_is_the_fragment_of_the_full_page(self, advisor_client):
        client, me = advisor_client()
        balance = balance_ready_to_sign(me)

        full = client.get(stage_url(balance, "profil-kompetencji") + "?q=zespol").content.decode()
        partial = client.get(
            reverse("guidance:vocabulary_search", args=["competences"]) + "?q=zespol&pole=competence",
            HTTP_HX_REQUEST="true",
        ).content.decode()

        fragment = re.search(
            r'<div id="vocab-results-competence" aria-live="polite">(.*?)</div>', full, re.S
        ).group(1)
        assert partial.strip() == fragment.strip()
        assert "pracować w zespole" in partial
        assert 'type="radio" name="competence"' in partial

    def test_search_ignores_diacritics_and_case_and_keeps_chosen_entries(self, advisor_client):
        client, _me = advisor_client()
        teamwork = competence("pracować w zespole")
        url = reverse("guidance:vocabulary_search", args=["competences"])

        found = client.get(url, {"q": "PRACOWAC W ZESPOLE", "pole": "competences"}).content.decode()
        kept = client.get(
            url, {"q": "angielski", "pole": "competences", "competences": [teamwork.pk]}
        ).content.decode()
        nothing = client.get(url, {"q": "qqqxxx", "pole": "competences"}).content.decode()

        assert found.index("pracować w zespole") < found.index("</li>")  # the exact match first
        assert f'value="{teamwork.pk}" checked' in kept
        assert "angielsk" in kept
        assert "Nothing found" in nothing

    def test_collections_narrow_the_search(self, advisor_client):
        client, _me = advisor_client()
        url = reverse("guidance:vocabulary_search", args=["competences"])
        digital = client.get(url, {"q": "dane", "zbior": "digital", "pole": "competences"}).content.decode()
        language = client.get(url, {"q": "dane", "zbior": "language", "pole": "competences"}).content.decode()
        assert "<li>" in digital
        assert "<li>" not in language

    def test_occupations_for_the_target(self, advisor_client):
        client, me = advisor_client()
        balance = balance_ready_to_sign(me)
        page = client.get(stage_url(balance, "plan-rozwoju") + "?q=analityk biznesowy").content.decode()
        assert "analityk biznesowy" in page
        assert 'name="target_occupation"' in page

    def test_unknown_vocabulary_or_field_is_404(self, advisor_client):
        client, _me = advisor_client()
        assert client.get(reverse("guidance:vocabulary_search", args=["cars"])).status_code == 404
        assert (
            client.get(
                reverse("guidance:vocabulary_search", args=["competences"]) + "?pole=email"
            ).status_code
            == 404
        )
