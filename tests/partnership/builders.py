"""Builders for the partnership tests, through the real services: an institution (added by an
officer), its staff, its membership, entries and good practices along their lifecycle."""

from __future__ import annotations

from typing import Any

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.geo.models import Gmina
from kierunek.partnership import services
from kierunek.partnership.models import DirectoryEntry, GoodPractice, Institution, Membership, Partnership
from tests.accounts.factories import StaffUserFactory

WADOWICE = "1218"  # powiat wadowicki
NOWY_TARG = "1211"  # powiat nowotarski


def officer():
    return StaffUserFactory(role=Role.OFFICER)


def gmina_in(powiat: str) -> Gmina:
    return Gmina.objects.filter(powiat__teryt=powiat).order_by("teryt").first()


def institution(
    name: str = "Powiatowy Urząd Pracy w Wadowicach", *, powiat: str = WADOWICE, **data: Any
) -> Institution:
    fields = {
        "name": name,
        "kind": "labour_market",
        "description": "Pośrednictwo pracy, doradztwo zawodowe i szkolenia dla bezrobotnych.",
        "gmina": gmina_in(powiat),
        "street_address": "ul. Kościelna 3",
        "postal_code": "34-100",
        "city": "Wadowice",
        "email": "pup@example.org",
        "phone": "33 873 10 00",
        "website": "https://example.org",
        "contact_name": "Anna Kowalska",
        "contact_title": "kierowniczka CAZ",
        **data,
    }
    return services.institution_create(actor=Actor.of(officer()), data=fields)


def staff_of(institution: Institution):
    user = StaffUserFactory(role=Role.PARTNER_STAFF)
    services.institution_staff_link(
        actor=Actor.of(officer()), institution_id=institution.pk, email=user.email
    )
    return user


def mpku() -> Partnership:
    return Partnership.objects.get(code="mpku")


def member(institution: Institution, partnership: Partnership | None = None) -> Membership:
    membership = services.membership_apply(
        actor=Actor.of(officer()),
        institution_id=institution.pk,
        partnership_id=(partnership or mpku()).pk,
        joined_by="agreement",
    )
    return services.membership_admit(actor=Actor.of(officer()), membership_id=membership.pk)


def partner(name: str = "Powiatowy Urząd Pracy w Wadowicach", **data: Any) -> Institution:
    found = institution(name, **data)
    member(found)
    return found


def entry(institution: Institution, *, by=None, **data: Any) -> DirectoryEntry:
    fields = {
        "kind": "service",
        "title": "Doradztwo zawodowe dla osób dorosłych",
        "description": "Indywidualne rozmowy z doradcą zawodowym i testy predyspozycji.",
        "for_residents": True,
        "for_employers": False,
        "for_partners": False,
        "conditions": "",
        "is_free": True,
        "cost": "",
        "how_to_apply": "Zadzwoń i umów termin.",
        "gmina": institution.gmina,
        "is_active": True,
        **data,
    }
    actor = Actor.of(by or staff_of(institution))
    return services.entry_create(actor=actor, institution_id=institution.pk, data=fields)


def practice(institution: Institution, *, by=None, **data: Any) -> GoodPractice:
    fields = {
        "title": "Kluby pracy w bibliotekach gminnych",
        "summary": "Spotkania dla szukających pracy w bibliotekach małych gmin.",
        "description": "Doradcy PUP prowadzą co tydzień klub pracy w bibliotece gminnej.",
        "tags": ["biblioteki", "doradztwo"],
        **data,
    }
    author = by or staff_of(institution)
    return services.practice_save(actor=Actor.of(author), institution_id=institution.pk, **fields)


def submitted(practice: GoodPractice) -> GoodPractice:
    return services.practice_submit(actor=Actor.of(practice.author), practice_id=practice.pk)


def reviewed(practice: GoodPractice, *, publish: bool = True, comment: str = "") -> GoodPractice:
    return services.practice_review(
        actor=Actor.of(officer()), practice_id=practice.pk, publish=publish, comment=comment
    )
