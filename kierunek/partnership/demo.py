"""Demo partnership: about sixty partner institutions across the powiats (marked as demo data), the
MPKU and the investors' partnership with their memberships (most admitted, a few waiting for the
office, a few left), about a hundred directory entries and some twenty good practices in every
state. The demo partner-staff account works for the Wadowice labour office, with real work: a good
practice returned for changes and an entry whose details are over a year old. Everything goes
through the services; a second run adds nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from kierunek.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD, demo_email
from kierunek.accounts.models import Role, User
from kierunek.core.actor import Actor
from kierunek.geo.models import Gmina

from . import demo_bodies, demo_indicators, services
from .demo_data import DESCRIPTIONS, ENTRIES, INSTITUTIONS, PRACTICES
from .models import DirectoryEntry, Institution, Partnership

DEMO_PARTNER_INSTITUTION = 17  # Powiatowy Urząd Pracy w Wadowicach
INVESTOR_KINDS = {"labour_market", "employers", "business_support", "local_government", "higher_education"}
UNITS = len(INSTITUTIONS) + len(PRACTICES) + 1


def planned(size: str) -> int:
    return UNITS + demo_bodies.planned(size) + demo_indicators.planned(size)


def _gmina(powiat: str, town: str) -> Gmina:
    gminas = Gmina.objects.filter(powiat__teryt=powiat).order_by("teryt")
    return gminas.filter(name=town).first() or gminas.first()  # type: ignore[return-value]


def _email(index: int) -> str:
    return f"instytucja{index:02d}@{DEMO_DOMAIN}"


def _institution(officer: Actor, index: int) -> Institution:
    name, kind, powiat, town, postal_code = INSTITUTIONS[index]
    return services.institution_create(
        actor=officer,
        is_demo=True,
        data={
            "name": name,
            "kind": kind,
            "description": DESCRIPTIONS[kind] + " (Dane demonstracyjne.)",
            "gmina": _gmina(powiat, town),
            "street_address": f"ul. Partnerska {index + 1}",
            "postal_code": postal_code,
            "city": town,
            "email": _email(index),
            "phone": f"12 600 {index:02d} 00",
            "website": f"https://instytucja{index:02d}.{DEMO_DOMAIN}",
            "contact_name": "",
            "contact_title": "",
        },
    )


def _memberships(
    officer: Actor, institution: Institution, index: int, partnerships: dict[str, Partnership]
) -> None:
    today = timezone.localdate()
    signed = date(2008 + index % 16, 1 + index % 12, 1 + index % 27)
    mpku = services.membership_apply(
        actor=officer,
        institution_id=institution.pk,
        partnership_id=partnerships["mpku"].pk,
        joined_by="agreement" if index % 3 else "declaration",
        applied_on=signed,
        document_reference=f"MPKU/{signed.year}/{index + 1}",
    )
    if index % 19 == 5:  # waits for the office
        return
    services.membership_admit(
        actor=officer, membership_id=mpku.pk, joined_on=min(signed + timedelta(days=30), today)
    )
    if index % 23 == 11:  # left
        services.membership_end(
            actor=officer,
            membership_id=mpku.pk,
            left_on=min(signed + timedelta(days=800), today),
            reason="Instytucja zakończyła działalność w obszarze kształcenia dorosłych.",
        )
    if institution.kind in INVESTOR_KINDS and index % 2 == 0:
        investors = services.membership_apply(
            actor=officer,
            institution_id=institution.pk,
            partnership_id=partnerships["inwestorzy"].pk,
            joined_by="agreement",
            applied_on=date(2019, 5, 1 + index % 27),
        )
        if index % 7 != 3:
            services.membership_admit(actor=officer, membership_id=investors.pk, joined_on=date(2019, 6, 1))


def _entries(officer: Actor, institution: Institution, index: int) -> None:
    offers = ENTRIES[institution.kind]
    if institution.kind == "labour_market":  # two or three of the four a labour office may list
        offers = offers[: 3 if index % 3 == 0 else 2]
    else:
        offers = offers[: max(1, len(offers) - index % 2)]
    for kind, title, description, audiences, free, cost, conditions in offers:
        services.entry_create(
            actor=officer,
            institution_id=institution.pk,
            data={
                "kind": kind,
                "title": title,
                "description": description,
                "for_residents": "residents" in audiences,
                "for_employers": "employers" in audiences,
                "for_partners": "partners" in audiences,
                "conditions": conditions,
                "is_free": free,
                "cost": cost,
                "how_to_apply": "Zadzwoń lub napisz; umówimy termin.",
                "gmina": institution.gmina,
                "contact_email": institution.email,
                "contact_phone": institution.phone,
                "is_active": True,
            },
        )


def _staff(institution: Institution, index: int, officer: Actor, password_hash: str) -> User:
    email = (
        demo_email(Role.PARTNER_STAFF)
        if index == DEMO_PARTNER_INSTITUTION
        else f"partner{index:02d}@{DEMO_DOMAIN}"
    )
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(
            email=email,
            password=password_hash,
            first_name="Ewa",
            last_name=f"Partnerska {index}",
            role=Role.PARTNER_STAFF,
        )
    services.institution_staff_link(actor=officer, institution_id=institution.pk, email=email)
    return user


def seed(*, size: str) -> Iterator[str]:
    yield from _seed_institutions()
    yield from demo_bodies.seed(size=size)  # bodies and groups (decision 0020)
    yield from demo_indicators.seed(size=size)  # after the institutions, their staff and bodies


def _seed_institutions() -> Iterator[str]:
    officer_user = User.objects.filter(email=demo_email(Role.OFFICER), role=Role.OFFICER).first()
    partnerships = {p.code: p for p in Partnership.objects.all()}
    if (
        officer_user is None
        or {"mpku", "inwestorzy"} - set(partnerships)
        or Institution.objects.filter(is_demo=True).exists()
    ):
        yield from ("skipped",) * UNITS
        return
    officer = Actor.of(officer_user)
    institutions: list[Institution] = []
    for index in range(len(INSTITUTIONS)):
        institution = _institution(officer, index)
        _memberships(officer, institution, index, partnerships)
        _entries(officer, institution, index)
        institutions.append(institution)
        yield "institution"
    password_hash = make_password(DEMO_PASSWORD)
    for number, (index, title, summary, description, tags) in enumerate(PRACTICES):
        author = _staff(institutions[index], index, officer, password_hash)
        practice = services.practice_save(
            actor=Actor.of(author),
            institution_id=institutions[index].pk,
            title=title,
            summary=summary,
            description=description,
            tags=tags,
        )
        if number % 7 != 6:  # a draft now and then
            services.practice_submit(actor=Actor.of(author), practice_id=practice.pk)
            if number % 5 != 4:  # some wait for the office's review
                services.practice_review(actor=officer, practice_id=practice.pk, publish=True)
        yield "practice"
    yield _demo_partner_work(institutions[DEMO_PARTNER_INSTITUTION], officer, password_hash)


def _demo_partner_work(institution: Institution, officer: Actor, password_hash: str) -> str:
    """The demo partner's work: a practice returned for changes, an entry to check."""
    author = _staff(institution, DEMO_PARTNER_INSTITUTION, officer, password_hash)
    practice = services.practice_save(
        actor=Actor.of(author),
        institution_id=institution.pk,
        title="Doradca w sołectwie",
        summary="Dyżury doradcy zawodowego w świetlicach wiejskich.",
        description="Raz w miesiącu doradca urzędu dyżuruje w świetlicy wiejskiej.",
        tags=["doradztwo", "obszary wiejskie"],
    )
    services.practice_submit(actor=Actor.of(author), practice_id=practice.pk)
    services.practice_review(
        actor=officer,
        practice_id=practice.pk,
        publish=False,
        comment="Proszę dodać, ile osób skorzystało z dyżurów i co z tego wynikło.",
    )
    stale = institution.entries.order_by("pk").first()
    if stale is not None:  # its details were last checked over a year ago: the partner's task
        DirectoryEntry.objects.filter(pk=stale.pk).update(
            checked_on=timezone.localdate() - timedelta(days=430)
        )
    return "partner work"
