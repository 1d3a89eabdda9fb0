"""Reads of the register: the public search (the catalogue's Polish analyser: inflection and
missing diacritics forgiven), a qualification with its outcome sets, the cards that lead to it,
the history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import and_, or_
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import User
from kierunek.catalogue.models import CardStatus, ServiceCard
from kierunek.catalogue.search.text import QueryGroup, analyse_query, document_tokens
from kierunek.core.collation import polish_key, polish_sorted

from . import domain
from .domain import PRK_MAX, PRK_MIN, code_normalise
from .models import (
    Authorisation,
    Certificate,
    CertificationStaff,
    CertifyingInstitution,
    LearningOutcome,
    OutcomeSet,
    Qualification,
    QualificationChange,
    QualificationKind,
    StaffFunction,
)

MAX_QUERY_LENGTH = 200


class SearchInvalid(ValueError):
    """Parameters a search cannot run with: ``errors`` maps each parameter to a message."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))


@dataclass(frozen=True)
class RegisterSearch:
    q: str = ""
    level: int | None = None
    kind: str = ""


def register_search_parse(data: Any) -> RegisterSearch:
    """The search's parameters from a query string (``q``, ``level``, ``kind``); SearchInvalid
    names every bad one."""
    errors: dict[str, str] = {}
    q = " ".join(str(data.get("q") or "").split())
    if len(q) > MAX_QUERY_LENGTH:
        errors["q"] = _("The text is too long (at most %(max)d characters).") % {"max": MAX_QUERY_LENGTH}
    level_text = str(data.get("level") or "").strip()
    level = int(level_text) if level_text.isdigit() else None
    if level_text and (level is None or not PRK_MIN <= level <= PRK_MAX):
        errors["level"] = _("The PRK level is a whole number from 1 to 8.")
    kind = str(data.get("kind") or "").strip()
    if kind and kind not in QualificationKind.values:
        errors["kind"] = _("Unknown kind; use one of: %(kinds)s.") % {
            "kinds": ", ".join(QualificationKind.values)
        }
    if errors:
        raise SearchInvalid(errors)
    return RegisterSearch(q=q, level=level, kind=kind)


def _group_condition(group: QueryGroup) -> Q:
    return reduce(
        or_,
        (
            Q(
                search_tokens__contains=f" {alternative.token}"
                if alternative.prefix
                else f" {alternative.token} "
            )
            for alternative in group
        ),
    )


def _in_name(group: QueryGroup, tokens: set[str]) -> bool:
    return any(
        any(token.startswith(alt.token) for token in tokens) if alt.prefix else alt.token in tokens
        for alt in group
    )


def register_search(search: RegisterSearch) -> list[Qualification]:
    """The qualifications having every word of ``q`` (in any of its forms, in the name, the
    description, who it is for, the rights, the outcome sets and outcomes), of the level and
    kind asked for: those with every word in the name first, then in Polish order of the name."""
    found = Qualification.objects.all()
    if search.level is not None:
        found = found.filter(prk_level=search.level)
    if search.kind:
        found = found.filter(kind=search.kind)
    groups = analyse_query(search.q) if search.q else ()
    if groups:
        found = found.filter(reduce(and_, (_group_condition(group) for group in groups)))
    qualifications = list(found.defer("search_tokens"))

    def order(qualification: Qualification) -> tuple[Any, ...]:
        name_tokens = set(document_tokens(qualification.name)) if groups else set()
        in_name = all(_in_name(group, name_tokens) for group in groups)
        return (not in_name, polish_key(qualification.name), qualification.code)

    return sorted(qualifications, key=order)


def qualification_get(code: str) -> Qualification:
    """The qualification with its sets and outcomes in order; DoesNotExist if the register has none."""
    return Qualification.objects.prefetch_related(
        Prefetch("outcome_sets", queryset=OutcomeSet.objects.order_by("position", "pk")),
        Prefetch("outcome_sets__outcomes", queryset=LearningOutcome.objects.order_by("position", "pk")),
    ).get(code=code_normalise(code))


def cards_leading_to(qualification: Qualification) -> QuerySet[ServiceCard]:
    """The published service cards that lead to the qualification, soonest first."""
    return (
        ServiceCard.objects.filter(
            qualification_code=qualification.code, status=CardStatus.PUBLISHED, staged_in__isnull=True
        )
        .select_related("provider", "gmina")
        .order_by("starts_on", "pk")
    )


def history_of(qualification: Qualification) -> QuerySet[QualificationChange]:
    return qualification.changes.select_related("changed_by").order_by("-changed_at", "-pk")


def codes_known(codes: list[str]) -> set[str]:
    """Which of ``codes`` the register has."""
    return set(Qualification.objects.filter(code__in=codes).values_list("code", flat=True))


def choices() -> list[tuple[str, str]]:
    """Every qualification as (code, "code — name"), in Polish order of the name."""
    rows = Qualification.objects.values_list("code", "name")
    return [(code, f"{name} ({code})") for code, name in sorted(rows, key=lambda row: polish_key(row[1]))]


@dataclass(frozen=True)
class StaffInstitution:
    """One institution a person works for, with their own functions there, its authorisations
    (in Polish order of the qualification's name) and its staff."""

    institution: CertifyingInstitution
    functions: list[str]
    authorisations: list[Authorisation]
    staff: list[CertificationStaff]


def institutions_of_staff(*, user: User) -> list[StaffInstitution]:
    """The certifying institutions where ``user`` holds an active function."""
    links = CertificationStaff.objects.filter(user=user, active=True).select_related("institution")
    functions: dict[int, list[str]] = {}
    for link in links:
        functions.setdefault(link.institution_id, []).append(str(StaffFunction(link.function).label))
    institutions = CertifyingInstitution.objects.filter(pk__in=functions).prefetch_related(
        Prefetch("authorisations", queryset=Authorisation.objects.select_related("qualification")),
        Prefetch(
            "staff",
            queryset=CertificationStaff.objects.filter(active=True)
            .select_related("user")
            .order_by("function", "pk"),
        ),
    )
    result = [
        StaffInstitution(
            institution,
            functions[institution.pk],
            polish_sorted(institution.authorisations.all(), key=lambda a: a.qualification.name),
            list(institution.staff.all()),
        )
        for institution in institutions
    ]
    return polish_sorted(result, key=lambda s: s.institution.name)


@dataclass(frozen=True)
class CertificateFacts:
    """What the public verification tells about a certificate (page and API alike): its standing
    that day and the holder's name only as the holder consented (initials by default)."""

    standing: str
    number: str
    qualification_code: str
    qualification_name: str
    institution: str
    issued_on: date
    valid_until: date | None
    holder: str
    revoked_on: date | None
    revocation_reason: str
    renewed_by: str


def certificate_facts(certificate: Certificate, *, today: date) -> CertificateFacts:
    revoked = certificate.status == domain.CERTIFICATE_REVOKED
    renewal = Certificate.objects.filter(renewal_of=certificate).values_list("number", flat=True).first()
    return CertificateFacts(
        standing=domain.certificate_standing(
            status=certificate.status, valid_until=certificate.valid_until, today=today
        ),
        number=certificate.number,
        qualification_code=certificate.qualification.code,
        qualification_name=certificate.qualification.name,
        institution=certificate.institution.name,
        issued_on=certificate.issued_on,
        valid_until=certificate.valid_until,
        holder=domain.holder_name_shown(certificate.holder_name, certificate.name_consent),
        revoked_on=timezone.localdate(certificate.revoked_at) if revoked and certificate.revoked_at else None,
        revocation_reason=certificate.revocation_reason if revoked else "",
        renewed_by=renewal or "",
    )


def _certificates() -> QuerySet[Certificate]:
    return Certificate.objects.select_related("institution", "qualification", "holder", "signer")


def certificates_of_holder(*, user: User) -> list[Certificate]:
    """The person's own certificates, newest first."""
    return list(_certificates().filter(holder=user))


def certificate_of_holder(*, user: User, certificate_id: int) -> Certificate:
    """DoesNotExist unless it is the person's own."""
    return _certificates().get(pk=certificate_id, holder=user)


def _staff_institution_ids(user: User) -> list[int]:
    return list(
        CertificationStaff.objects.filter(user=user, active=True).values_list("institution_id", flat=True)
    )


def certificates_of_staff(*, user: User) -> list[Certificate]:
    """The certificates of the institutions where ``user`` holds an active function."""
    return list(_certificates().filter(institution_id__in=_staff_institution_ids(user)))


def certificate_of_staff(*, user: User, certificate_id: int) -> Certificate:
    """DoesNotExist unless the certificate is of one of the person's institutions."""
    return _certificates().get(pk=certificate_id, institution_id__in=_staff_institution_ids(user))


def institutions_signed_by(*, user: User) -> list[CertifyingInstitution]:
    """The institutions for which ``user`` signs certificates, in Polish order."""
    return polish_sorted(
        CertifyingInstitution.objects.filter(
            staff__user=user, staff__function=StaffFunction.SIGNER, staff__active=True
        ).distinct(),
        key=lambda institution: institution.name,
    )


def qualifications_certified_by(*, institutions: list[CertifyingInstitution]) -> list[Qualification]:
    """The qualifications the institutions are authorised to certify, in Polish order."""
    return polish_sorted(
        Qualification.objects.filter(authorisations__institution__in=institutions).distinct(),
        key=lambda qualification: qualification.name,
    )
