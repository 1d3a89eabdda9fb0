"""Builders for the complaints tests, through the real services: a complaint about a participant's
accepted booking, one from the public card page, and complaints taken along their lifecycle."""

from __future__ import annotations

from kierunek.complaints import services
from kierunek.complaints.models import Complaint
from kierunek.core.actor import Actor
from kierunek.vouchers.models import Booking
from tests.vouchers.builders import accepted, book, card, issued_account, officer, staff_of


def accepted_booking() -> Booking:
    return accepted(book(issued_account()))


def accepted_booking_of(provider) -> Booking:
    """An accepted booking of another participant, of a new service of ``provider``."""
    return accepted(book(issued_account(), card(provider)))


def about_booking(booking: Booking | None = None, **kwargs) -> Complaint:
    booking = booking or accepted_booking()
    return services.complaint_file_about_booking(
        actor=Actor.of(booking.participant),
        booking_id=booking.pk,
        about=kwargs.pop("about", "service"),
        subject=kwargs.pop("subject", "Zajęcia odwołane"),
        description=kwargs.pop("description", "Trener nie przyszedł na zajęcia."),
        **kwargs,
    )


def about_card(card, *, actor: Actor | None = None, **kwargs) -> services.ComplaintFiled:
    return services.complaint_file_about_card(
        actor=actor or Actor(ip_address=kwargs.pop("ip_address", "192.0.2.10")),
        card_id=card.pk,
        name=kwargs.pop("name", "Jan Kowalski"),
        email=kwargs.pop("email", "jan@example.com"),
        about=kwargs.pop("about", "service"),
        subject=kwargs.pop("subject", "Sala bez ogrzewania"),
        description=kwargs.pop("description", "Było zimno przez cały dzień."),
        **kwargs,
    )


def taken(complaint: Complaint, by=None) -> Complaint:
    return services.complaint_take(complaint_id=complaint.pk, actor=Actor.of(by or officer()))


def answered(complaint: Complaint) -> Complaint:
    complaint.refresh_from_db()
    if complaint.status == "received":
        taken(complaint)
    staff = staff_of(complaint.booking) if complaint.booking else complaint.provider.members.first().user
    return services.complaint_answer(complaint_id=complaint.pk, actor=Actor.of(staff), answer="Przepraszamy.")


def decided(complaint: Complaint, *, upheld: bool = True, by=None) -> Complaint:
    complaint.refresh_from_db()
    if complaint.status == "received":
        taken(complaint)
    return services.complaint_decide(
        complaint_id=complaint.pk, actor=Actor.of(by or officer()), upheld=upheld, reason="Zasadna."
    )
