"""Builders for the bodies' tests, through the real services: a council with a term, a group with
a leader who is partner staff, members from partner institutions, meetings, decisions, products."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.partnership import services
from kierunek.partnership.models import Body, BodyMeeting, BodyMember, Institution, Product

from . import builders as b

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "dokument.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def office() -> Actor:
    return Actor.of(b.officer())


def council(*, term_from: date | None = None) -> Body:
    body = services.body_create(
        actor=office(),
        partnership_id=b.mpku().pk,
        kind="council",
        name="Rada Programowa MPKU",
        topic="Kierunki działania partnerstwa.",
        meetings_per_year=2,
        established_on=date(2008, 6, 1),
    )
    services.term_add(actor=office(), body_id=body.pk, starts_on=term_from or date(2024, 3, 1))
    return body


def group(name: str = "Zespół zadaniowy ds. standardów jakości") -> Body:
    return services.body_create(
        actor=office(),
        partnership_id=b.mpku().pk,
        kind="task_group",
        name=name,
        topic="Standardy jakości usług edukacyjnych.",
        established_on=date(2020, 1, 1),
    )


def seat(
    body: Body,
    institution: Institution,
    *,
    function: str = "member",
    first_name: str = "Jan",
    last_name: str = "Nowak",
    email: str = "",
    by: Actor | None = None,
    joined_on: date | None = None,
) -> BodyMember:
    return services.member_add(
        actor=by or office(),
        body_id=body.pk,
        institution_id=institution.pk,
        first_name=first_name,
        last_name=last_name,
        email=email,
        function=function,
        joined_on=joined_on or timezone.localdate(),
    )


def led_group(institution: Institution | None = None):
    """A task group whose leader is partner staff of a partner institution: (group, leader)."""
    institution = institution or b.partner()
    leader = b.staff_of(institution)
    body = group()
    seat(body, institution, function="leader", first_name="Anna", last_name="Lis", email=leader.email)
    return body, leader


def meeting(body: Body, *, by: Actor | None = None, days: int = 10) -> BodyMeeting:
    start = timezone.now() + timedelta(days=days)
    return services.meeting_schedule(
        actor=by or office(),
        body_id=body.pk,
        data=services.MeetingData(
            title="Posiedzenie",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            online_url="https://example.org/m",
        ),
    )


def product(body: Body, by: Actor) -> Product:
    return services.product_create(
        actor=by, body_id=body.pk, title="Standardy jakości usług", summary="Opis standardów.", upload=pdf()
    )
