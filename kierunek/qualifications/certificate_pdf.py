"""The certificate of a qualification as a PDF (:mod:`kierunek.core.pdf`, with its embedded fonts
for Polish letters), made again from its facts whenever it is downloaded: number, holder, the
qualification and its PRK level, the sets of learning outcomes certified, dates, the institution
and its signer, and the verification code with a QR code of the public verification page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kierunek.core.notify import site_link
from kierunek.core.pdf import render_pdf

from .models import Certificate


def certificate_pdf(certificate: Certificate) -> bytes:
    qualification = certificate.qualification
    verify = site_link(reverse("qualifications:certificate_verify", args=[certificate.code]))
    meta = {
        _("Number"): certificate.number,
        _("Holder"): certificate.holder_name,
        _("Qualification"): f"{qualification.name} ({qualification.code})",
        _("PRK level"): str(qualification.prk_level),
        _("Issued on"): date_format(certificate.issued_on, "j E Y"),
        _("Valid until"): date_format(certificate.valid_until, "j E Y")
        if certificate.valid_until
        else _("no time limit"),
        _("Certifying institution"): f"{certificate.institution.name}, {certificate.institution.address}",
        _("Signed by"): certificate.signer.get_full_name() or certificate.signer.email,
        _("Verification code"): certificate.code_display,
    }
    if certificate.renewal_of_id is not None and certificate.renewal_of is not None:
        meta[_("Renews certificate")] = certificate.renewal_of.number
    return render_pdf(
        title=_("Certificate of a qualification"),
        meta=meta,
        sections=[
            (
                _("Sets of learning outcomes certified"),
                [f"{outcome_set['code']} {outcome_set['name']}" for outcome_set in certificate.outcome_sets],
            ),
            (
                _("Verification"),
                [
                    _(
                        "The certificate was issued after a positive validation of the learning outcomes, "
                        "under the Act of 22 December 2015 on the Integrated Qualifications System."
                    ),
                    _("Check this certificate at %(url)s or scan the code below.") % {"url": verify},
                ],
            ),
        ],
        qr=verify,
    )
