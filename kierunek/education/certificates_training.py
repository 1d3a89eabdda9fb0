"""The certificate of completion of a course as a PDF (:mod:`kierunek.core.pdf`), made again
from its facts whenever it is downloaded, with the verification code and the public page's
address (and its QR code)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kierunek.core.notify import site_link
from kierunek.core.pdf import render_pdf

from .models_training import Enrolment


def completion_certificate_pdf(enrolment: Enrolment) -> bytes:
    registration = enrolment.registration
    assert registration is not None
    certificate = registration.certificate
    course = enrolment.course
    event = course.event
    person = enrolment.teacher
    verify = site_link(reverse("education:training_verify", args=[certificate.code]))
    start = date_format(timezone.localtime(event.starts_at), "j E Y")
    end = date_format(timezone.localtime(event.ends_at), "j E Y")
    meta = {
        _("Name"): person.get_full_name() or person.email,
        _("School"): enrolment.school.name,
        _("Course"): event.title,
        _("Form"): str(course.get_form_display()),
        _("Dates"): start if start == end else f"{start} \N{EN DASH} {end}",
        _("Organised by"): event.organiser_label or _("the teacher-training centre"),
        _("Verification code"): certificate.code_display,
    }
    if course.hours:
        meta[_("Hours")] = str(course.hours)
    return render_pdf(
        title=_("Certificate of completion"),
        meta=meta,
        sections=[
            (
                _("Confirmation"),
                [
                    _("This is to confirm that the person named above completed the course."),
                    _("Check this certificate at %(url)s") % {"url": verify},
                ],
            )
        ],
        qr=verify,
    )
