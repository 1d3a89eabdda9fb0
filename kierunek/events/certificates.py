"""The attendance certificate as a PDF (:mod:`kierunek.core.pdf`), made again from its facts
whenever it is downloaded, with the public verification code and the page's address."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kierunek.core.notify import site_link
from kierunek.core.pdf import render_pdf

from .ics import event_location
from .models import Certificate


def certificate_pdf(certificate: Certificate) -> bytes:
    registration = certificate.registration
    event = registration.event
    person = registration.person
    verify = site_link(reverse("events:verify", args=[certificate.code]))
    organiser = event.organiser_label or _("Regional Labour Office in Kraków")
    return render_pdf(
        title=_("Attendance certificate"),
        meta={
            _("Name"): person.get_full_name() or person.email,
            _("Event"): event.title,
            _("Date"): date_format(timezone.localtime(event.starts_at), "j E Y"),
            _("Place"): event_location(event) or _("online"),
            _("Organised by"): organiser,
            _("Verification code"): certificate.code_display,
        },
        sections=[
            (
                _("Confirmation"),
                [
                    _("This is to confirm that the person named above attended the event."),
                    _("Check this certificate at %(url)s") % {"url": verify},
                ],
            )
        ],
    )
