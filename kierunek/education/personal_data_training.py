"""The teacher-training offer in a person's data export: enrolments (course, school, invoice
details; the registration itself is in the events part), consultation bookings, networks joined
and materials shared. Left out: courses, slots and networks name the centre's staff at work."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.core import personal_data
from kierunek.core.personal_data import field_values

from .models_training import ConsultationBooking, Enrolment, NetworkMaterial, NetworkMember


def training_of(*, user: User) -> dict[str, Any]:
    enrolments = (
        Enrolment.objects.filter(teacher=user).select_related("course__event", "school").order_by("pk")
    )
    bookings = ConsultationBooking.objects.filter(teacher=user).select_related("slot").order_by("pk")
    memberships = NetworkMember.objects.filter(user=user).select_related("network").order_by("pk")
    materials = NetworkMaterial.objects.filter(added_by=user).select_related("network").order_by("pk")
    return {
        "enrolments": [
            {
                "course": e.course.event.title,
                "school": e.school.name,
                **field_values(
                    e, "created_at", "price_grosze", "invoice_name", "invoice_nip", "invoice_address"
                ),
            }
            for e in enrolments
        ],
        "consultations": [
            {
                "topic": b.slot.topic,
                "starts_at": b.slot.starts_at.isoformat(),
                **field_values(b, "question", "booked_at", "cancelled_at"),
            }
            for b in bookings
        ],
        "networks": [{"network": m.network.name, **field_values(m, "joined_at")} for m in memberships],
        "network_materials": [
            {"network": m.network.name, **field_values(m, "title", "url", "added_at")} for m in materials
        ],
    }


def training_rows(*, user: User) -> list[Model]:
    return [
        *Enrolment.objects.filter(teacher=user),
        *ConsultationBooking.objects.filter(teacher=user),
        *NetworkMember.objects.filter(user=user),
        *NetworkMaterial.objects.filter(added_by=user),
    ]


def training_personal_data_register() -> None:
    """Called from ``EducationConfig.ready()``."""
    personal_data.register(
        "education_training",
        title=_("Teacher training"),
        collect=training_of,
        models=[
            "education.Enrolment",
            "education.ConsultationBooking",
            "education.NetworkMember",
            "education.NetworkMaterial",
        ],
        labels={
            "enrolments": _("Enrolments in training courses"),
            "consultations": _("Consultations"),
            "networks": _("Networks of teachers"),
            "network_materials": _("Materials shared in networks"),
            "course": _("Course"),
            "school": _("School"),
            "topic": _("Topic"),
            "network": _("Network"),
        },
        order=91,
    )
    personal_data.register_owned_rows(training_rows)
    for model in ("education.TrainingCourse", "education.ConsultationSlot", "education.Network"):
        personal_data.exclude(model, reason="names the training centre's staff at work, not a person served")
