"""The office's register of certifying institutions (officers): the institutions, their
authorisations to certify qualifications and the functions of their staff. The writes are the
register's services (:mod:`kierunek.qualifications.institutions`)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.collation import polish_sorted
from kierunek.core.pages import act, confirm_first, form_saved, submit
from kierunek.core.permissions import role_required
from kierunek.qualifications import institutions as registry
from kierunek.qualifications import selectors as register
from kierunek.qualifications.models import CertificationStaff, CertifyingInstitution

from ..forms import AuthorisationForm, InstitutionForm, StaffForm
from ..models import Validation

OFFICER = Role.OFFICER


@never_cache
@role_required(OFFICER)
def institutions(request: HttpRequest) -> HttpResponse:
    form = InstitutionForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: registry.institution_register(actor=actor_from_request(request), data=data),
        success=_("The institution was registered."),
        done=lambda i: reverse("validation:office_institution", args=[i.pk]),
    )
    found = polish_sorted(CertifyingInstitution.objects.select_related("gmina"), key=lambda i: i.name)
    return done or render(
        request, "validation/office_institutions.html", {"institutions": found, "form": form}
    )


def _institution(institution_id: int) -> CertifyingInstitution:
    try:
        return CertifyingInstitution.objects.get(pk=institution_id)
    except CertifyingInstitution.DoesNotExist:
        raise Http404 from None


def _page(request: HttpRequest, institution: CertifyingInstitution, **forms: object) -> HttpResponse:
    context = {
        "institution": institution,
        "authorisations": polish_sorted(
            institution.authorisations.select_related("qualification"), key=lambda a: a.qualification.name
        ),
        "staff": list(institution.staff.select_related("user").order_by("-active", "function", "pk")),
        "validations": Validation.objects.filter(institution=institution).count(),
        "authorisation_form": forms.get("authorisation_form")
        or AuthorisationForm(choices=register.choices()),
        "staff_form": forms.get("staff_form") or StaffForm(),
    }
    return render(request, "validation/office_institution.html", context, status=400 if forms else 200)


@never_cache
@role_required(OFFICER)
def institution(request: HttpRequest, institution_id: int) -> HttpResponse:
    return _page(request, _institution(institution_id))


@role_required(OFFICER)
@require_POST
def authorise(request: HttpRequest, institution_id: int) -> HttpResponse:
    found = _institution(institution_id)
    form = AuthorisationForm(request.POST, choices=register.choices())
    saved, _result = form_saved(
        request,
        form,
        lambda data: registry.authorisation_grant(
            actor=actor_from_request(request),
            institution_id=found.pk,
            qualification_code=data["qualification"],
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
        ),
        success=_("The institution is authorised for the qualification."),
    )
    if saved:
        return redirect("validation:office_institution", found.pk)
    return _page(request, found, authorisation_form=form)


@role_required(OFFICER)
@require_POST
def staff_add(request: HttpRequest, institution_id: int) -> HttpResponse:
    found = _institution(institution_id)
    form = StaffForm(request.POST)
    saved, _result = form_saved(
        request,
        form,
        lambda data: registry.staff_function_add(
            actor=actor_from_request(request),
            institution_id=found.pk,
            email=data["email"],
            function=data["function"],
        ),
        success=_("The function was given."),
    )
    if saved:
        return redirect("validation:office_institution", found.pk)
    return _page(request, found, staff_form=form)


@role_required(OFFICER)
@require_POST
def staff_end(request: HttpRequest, staff_id: int) -> HttpResponse:
    link = CertificationStaff.objects.filter(pk=staff_id).select_related("user").first()
    if link is None:
        raise Http404
    here = reverse("validation:office_institution", args=[link.institution_id])
    asked = confirm_first(
        request,
        question=_("End the function of %(name)s: %(function)s?")
        % {"name": link.user.get_full_name(), "function": link.get_function_display()},
        confirm_label=_("End the function"),
        back=here,
    )
    return asked or act(
        request,
        lambda: registry.staff_function_end(actor=actor_from_request(request), staff_id=link.pk),
        success=_("The function was ended."),
        done=here,
    )
