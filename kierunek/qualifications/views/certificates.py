"""Certificates of qualifications, by audience: anyone verifies a code (/certyfikaty/sprawdz/) and
reads the site's public key (/.well-known/did.json); the holder sees their certificates, downloads
the PDF and the signed credential and chooses how their name is shown; the institution's staff
see its certificates, and its signer issues, renews and revokes them."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kierunek.accounts.models import Role, User
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import act, confirm_first, post_or_back, submit
from kierunek.core.permissions import role_required

from .. import certification, credentials, domain, selectors
from ..certificate_pdf import certificate_pdf
from ..forms import (
    CertificateConsentForm,
    CertificateIssueForm,
    CertificateQualificationForm,
    CertificateRevokeForm,
    CertificateVerifyForm,
)
from ..models import Certificate, OutcomeSet, Qualification

STANDING_STATUS = {domain.STANDING_UNKNOWN: 404}


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# --- anyone ---------------------------------------------------------------------------------------


@require_GET
def verify_form(request: HttpRequest) -> HttpResponse:
    """The form; a code sent with it goes to its own address, which can be shared."""
    form = CertificateVerifyForm(request.GET or None)
    if form.is_bound and form.is_valid():
        code = "".join(ch for ch in form.cleaned_data["code"] if ch.isalnum())
        if code:
            return redirect("qualifications:certificate_verify", code=code.upper())
    return render(request, "qualifications/certificates/verify.html", {"form": form, "facts": None})


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """What the certificate with ``code`` is today: valid, expired, revoked or unknown (404); an
    address that has looked up too many unknown codes is answered 429."""
    try:
        certificate = certification.certificate_lookup(actor=actor_from_request(request), code=code)
    except certification.LookupLimited:
        return render(request, "qualifications/certificates/limited.html", status=429)
    facts = (
        selectors.certificate_facts(certificate, today=timezone.localdate())
        if certificate is not None
        else None
    )
    return render(
        request,
        "qualifications/certificates/verify.html",
        {
            "form": CertificateVerifyForm(initial={"code": code}),
            "facts": facts,
            "looked_up": True,
            "code": code,
        },
        status=200 if facts is not None else 404,
    )


@require_GET
def did_document(request: HttpRequest) -> HttpResponse:
    """The site's DID document: the public key that checks every credential it signed."""
    try:
        document = credentials.did_document()
    except ImproperlyConfigured:
        raise Http404 from None
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = "application/did+json"
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- the holder -----------------------------------------------------------------------------------


@never_cache
@role_required(Role.PARTICIPANT)
def my_certificates(request: HttpRequest) -> HttpResponse:
    certificates = selectors.certificates_of_holder(user=_user(request))
    today = timezone.localdate()
    rows = [
        {
            "certificate": certificate,
            "facts": selectors.certificate_facts(certificate, today=today),
            "form": CertificateConsentForm(
                initial={"name_consent": certificate.name_consent}, prefix=f"c{certificate.pk}"
            ),
        }
        for certificate in certificates
    ]
    return render(request, "qualifications/certificates/mine.html", {"rows": rows})


@role_required(Role.PARTICIPANT)
@require_POST
def my_certificate_consent(request: HttpRequest, certificate_id: int) -> HttpResponse:
    form = CertificateConsentForm(request.POST, prefix=f"c{certificate_id}")
    consent = form.cleaned_data["name_consent"] if form.is_valid() else ""
    return act(
        request,
        lambda: certification.certificate_consent_set(
            actor=actor_from_request(request), certificate_id=certificate_id, consent=consent
        ),
        success=_("Your choice is saved: the verification page shows your name accordingly."),
        done="qualifications:my_certificates",
    )


def _pdf_response(certificate: Certificate) -> HttpResponse:
    response = HttpResponse(certificate_pdf(certificate), content_type="application/pdf")
    name = certificate.number.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="certyfikat-{name}.pdf"'
    return response


@never_cache
@role_required(Role.PARTICIPANT)
def my_certificate_pdf(request: HttpRequest, certificate_id: int) -> HttpResponse:
    try:
        certificate = selectors.certificate_of_holder(user=_user(request), certificate_id=certificate_id)
    except Certificate.DoesNotExist:
        raise Http404 from None
    return _pdf_response(certificate)


@never_cache
@role_required(Role.PARTICIPANT)
def my_certificate_credential(request: HttpRequest, certificate_id: int) -> HttpResponse:
    """The signed credential (JSON), for a certificate that is not revoked."""
    try:
        certificate = selectors.certificate_of_holder(user=_user(request), certificate_id=certificate_id)
    except Certificate.DoesNotExist:
        raise Http404 from None
    if certificate.status == domain.CERTIFICATE_REVOKED:
        raise Http404
    body = json.dumps(credentials.certificate_credential(certificate), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type=f"{credentials.MEDIA_TYPE}; charset=utf-8")
    name = certificate.number.replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="certyfikat-{name}.json"'
    return response


# --- the institution ------------------------------------------------------------------------------


@never_cache
@role_required(Role.CERTIFICATION_STAFF)
def institution_certificates(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    certificates = selectors.certificates_of_staff(user=user)
    today = timezone.localdate()
    return render(
        request,
        "qualifications/certificates/institution_list.html",
        {
            "rows": [(c, selectors.certificate_facts(c, today=today)) for c in certificates],
            "signs": bool(selectors.institutions_signed_by(user=user)),
        },
    )


@never_cache
@role_required(Role.CERTIFICATION_STAFF)
def institution_certificate(request: HttpRequest, certificate_id: int) -> HttpResponse:
    user = _user(request)
    try:
        certificate = selectors.certificate_of_staff(user=user, certificate_id=certificate_id)
    except Certificate.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "qualifications/certificates/institution_detail.html",
        {
            "certificate": certificate,
            "facts": selectors.certificate_facts(certificate, today=timezone.localdate()),
            "signer": certification.is_signer(user=user, institution_id=certificate.institution_id),
            "revoke_form": CertificateRevokeForm(),
        },
    )


@never_cache
@role_required(Role.CERTIFICATION_STAFF)
def institution_certificate_pdf(request: HttpRequest, certificate_id: int) -> HttpResponse:
    try:
        certificate = selectors.certificate_of_staff(user=_user(request), certificate_id=certificate_id)
    except Certificate.DoesNotExist:
        raise Http404 from None
    return _pdf_response(certificate)


def _detail(certificate_id: int) -> str:
    return reverse("qualifications:certificate_detail", args=[certificate_id])


@role_required(Role.CERTIFICATION_STAFF)
@post_or_back(lambda request, certificate_id: _detail(certificate_id))
def institution_certificate_revoke(request: HttpRequest, certificate_id: int) -> HttpResponse:
    form = CertificateRevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for revoking the certificate."))
        return redirect(_detail(certificate_id))
    asked = confirm_first(
        request,
        question=_("Revoke this certificate?"),
        consequences=[
            _("The public verification will answer that it is revoked, with the reason."),
            _("The holder is told by e-mail. A revocation cannot be undone."),
        ],
        confirm_label=_("Revoke the certificate"),
        back=_detail(certificate_id),
        shown={"reason": str(form.fields["reason"].label)},
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: certification.certificate_revoke(
            actor=actor_from_request(request),
            certificate_id=certificate_id,
            reason=form.cleaned_data["reason"],
        ),
        success=_("The certificate is revoked."),
        done=_detail(certificate_id),
    )


@role_required(Role.CERTIFICATION_STAFF)
@post_or_back(lambda request, certificate_id: _detail(certificate_id))
def institution_certificate_renew(request: HttpRequest, certificate_id: int) -> HttpResponse:
    asked = confirm_first(
        request,
        question=_("Renew this certificate?"),
        consequences=[
            _(
                "A new certificate with a new number and code, valid from today, takes its place; "
                "confirm that the qualification's renewal conditions are met."
            ),
        ],
        confirm_label=_("Renew the certificate"),
        back=_detail(certificate_id),
    )
    if asked is not None:
        return asked
    return act(
        request,
        lambda: certification.certificate_renew(
            actor=actor_from_request(request), certificate_id=certificate_id
        ),
        success=lambda renewed: (
            _("Certificate %(number)s issued as the renewal.") % {"number": renewed.number}
        ),
        done=lambda renewed: _detail(renewed.pk),
        refused=_detail(certificate_id),
    )


@never_cache
@role_required(Role.CERTIFICATION_STAFF)
def institution_certificate_issue(request: HttpRequest) -> HttpResponse:
    """Issue a certificate: first the qualification (GET ``kwalifikacja``), then the holder, the
    sets of learning outcomes and the date. ``zrodlo`` prefills the validation's reference, so a
    validation's page can link here."""
    user = _user(request)
    institutions = selectors.institutions_signed_by(user=user)
    qualifications = selectors.qualifications_certified_by(institutions=institutions)
    if not institutions:
        return render(request, "qualifications/certificates/issue.html", {"not_signer": True})
    chooser = CertificateQualificationForm(request.GET or None, qualifications=qualifications)
    if not chooser.is_bound or not chooser.is_valid():
        return render(request, "qualifications/certificates/issue.html", {"chooser": chooser})
    qualification = Qualification.objects.get(code=chooser.cleaned_data["kwalifikacja"])
    initial: dict[str, Any] = {
        "institution": institutions[0].pk,
        "issued_on": timezone.localdate(),
        "outcome_sets": list(qualification.outcome_sets.values_list("pk", flat=True)),
        "source_reference": request.GET.get("zrodlo", "")[:200],
        "holder_email": request.GET.get("email", "")[:254],
    }
    form = CertificateIssueForm(
        request.POST or None, initial=initial, institutions=institutions, qualification=qualification
    )

    def issue(data: dict[str, Any]) -> Certificate:
        holder = User.objects.filter(email__iexact=data["holder_email"], role=Role.PARTICIPANT).first()
        if holder is None:
            raise ValidationError({"holder_email": [_("No participant's account has this e-mail address.")]})
        chosen = next(i for i in institutions if i.pk == data["institution"])
        issued_on: date = data["issued_on"]
        return certification.certificate_issue(
            actor=actor_from_request(request),
            institution=chosen,
            holder=holder,
            qualification=qualification,
            outcome_sets=list(
                OutcomeSet.objects.filter(pk__in=data["outcome_sets"], qualification=qualification)
            ),
            holder_name=data["holder_name"],
            issued_on=issued_on,
            source_reference=data["source_reference"],
        )

    done = submit(
        request,
        form,
        issue,
        success=lambda c: _("Certificate %(number)s is issued.") % {"number": c.number},
        done=lambda c: _detail(c.pk),
    )
    if done is not None:
        return done
    back = reverse("qualifications:certificate_issue") + "?" + urlencode({"kwalifikacja": qualification.code})
    return render(
        request,
        "qualifications/certificates/issue.html",
        {"form": form, "qualification": qualification, "action": back},
    )
