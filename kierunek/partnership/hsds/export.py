"""The directory in the shape of the Open Referral Human Services Data Specification (HSDS) 3.0,
so that other directories can take it in: each partner institution an HSDS *organization* (with
its seat as a *location*, its contact person and phone), each directory entry an HSDS *service*
(with where it is given as a *service_at_location*, its gmina as a *service_area*, its contact and
phone, and who it is for and what it is as *attributes* of two small taxonomies of ours).

Identifiers are UUIDs: an institution's and an entry's are stored; those of the objects made from
them (a location, an address, a contact...) are derived with UUID 5 from the stored one, so they
stay the same from one export to the next. Empty optional fields are left out (HSDS types them as
strings, not null). The schema the export is checked against in the tests is
``hsds-3.0-export.schema.json`` beside this module (decision 0016)."""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kierunek.core.notify import site_link

from .. import domain, selectors
from ..models import DirectoryEntry, EntryKind, Institution

HSDS_VERSION = "3.0"
REGION = "małopolskie"
COUNTRY = "PL"
# The namespace of the identifiers derived here (a fixed UUID of this project's).
NAMESPACE = uuid.UUID("5b1c3f7e-3d0a-4a53-9a57-6d1f0c2e8b41")
AUDIENCE_TAXONOMY = "kierunek:audience"
KIND_TAXONOMY = "kierunek:offer-kind"
AUDIENCE_NAMES = {
    domain.RESIDENTS: "mieszkańcy",
    domain.EMPLOYERS: "pracodawcy",
    domain.PARTNERS: "instytucje partnerskie",
}


def _id(parent: uuid.UUID | str, part: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{parent}:{part}"))


def _set(**fields: Any) -> dict[str, Any]:
    """The fields that have a value (HSDS leaves an unknown optional field out)."""
    return {key: value for key, value in fields.items() if value not in ("", None, [])}


def _phone(owner: str, number: str, **link: str) -> list[dict[str, Any]]:
    return [{"id": _id(owner, "phone"), "number": number, "type": "voice", **link}] if number else []


def _address(location_id: str, *, street: str, postal_code: str, city: str) -> dict[str, Any]:
    return {
        "id": _id(location_id, "address"),
        "location_id": location_id,
        "address_1": street,
        "city": city,
        "region": REGION,
        "state_province": REGION,
        "postal_code": postal_code,
        "country": COUNTRY,
        "address_type": "physical",
    }


def _term(taxonomy: str, code: str, name: str) -> dict[str, Any]:
    term_id = _id(taxonomy, code)
    return {
        "id": term_id,
        "code": code,
        "name": name,
        "description": name,
        "taxonomy": taxonomy,
        "language": "pol",
    }


def _attribute(link_id: str, link_type: str, term: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": _id(link_id, f"{term['taxonomy']}:{term['code']}"),
        "link_id": link_id,
        "link_type": link_type,
        "link_entity": "service",
        "taxonomy_term_id": term["id"],
        "label": term["name"],
        "taxonomy_term": term,
    }


def organization(institution: Institution) -> dict[str, Any]:
    org_id = str(institution.hsds_id)
    location_id = _id(org_id, "seat")
    contacts = []
    if institution.contact_name:
        contacts.append(
            _set(
                id=_id(org_id, "contact"),
                organization_id=org_id,
                name=institution.contact_name,
                title=institution.contact_title,
                email=institution.email,
            )
        )
    return _set(
        id=org_id,
        name=institution.name,
        description=institution.description,
        email=institution.email,
        website=institution.website,
        legal_status=institution.get_kind_display(),
        uri=site_link(f"/instytucje/{institution.slug}/"),
        contacts=contacts,
        phones=_phone(org_id, institution.phone, organization_id=org_id),
        locations=[
            _set(
                id=location_id,
                location_type="physical",
                organization_id=org_id,
                name=institution.name,
                latitude=institution.gmina.lat,
                longitude=institution.gmina.lon,
                external_identifier=institution.gmina.teryt,
                external_identifier_type="TERYT",
                addresses=[
                    _address(
                        location_id,
                        street=institution.street_address,
                        postal_code=institution.postal_code,
                        city=institution.city,
                    )
                ],
            )
        ],
    )


def _eligibility(entry: DirectoryEntry) -> str:
    audiences = ", ".join(AUDIENCE_NAMES[a] for a in entry.audiences)
    return f"Dla: {audiences}." + (f" {entry.conditions}" if entry.conditions else "")


def service(entry: DirectoryEntry) -> dict[str, Any]:
    service_id = str(entry.hsds_id)
    org_id = str(entry.institution.hsds_id)
    location_id = _id(service_id, "where")
    at_location_id = _id(service_id, "at")
    with override("pl"):
        kind_name = str(EntryKind(entry.kind).label)
        fees = _("free of charge") if entry.is_free else entry.cost
    location = _set(
        id=location_id,
        location_type="physical",
        organization_id=org_id,
        name=entry.gmina.name,
        latitude=entry.gmina.lat,
        longitude=entry.gmina.lon,
        external_identifier=entry.gmina.teryt,
        external_identifier_type="TERYT",
        addresses=[
            _address(
                location_id,
                street=entry.address,
                postal_code=entry.institution.postal_code,
                city=entry.gmina.name,
            )
        ]
        if entry.address
        else [],
    )
    contacts = []
    if entry.contact_name or entry.contact_email:
        contacts.append(
            _set(
                id=_id(service_id, "contact"),
                service_id=service_id,
                name=entry.contact_name,
                email=entry.contact_email,
            )
        )
    attributes = [
        _attribute(service_id, "audience", _term(AUDIENCE_TAXONOMY, audience, AUDIENCE_NAMES[audience]))
        for audience in entry.audiences
    ]
    attributes.append(_attribute(service_id, "service_type", _term(KIND_TAXONOMY, entry.kind, kind_name)))
    return _set(
        id=service_id,
        organization_id=org_id,
        name=entry.title,
        description=entry.description,
        url=entry.url or site_link(f"/znajdz-instytucje/{entry.pk}/"),
        email=entry.contact_email,
        status="active",
        application_process=entry.how_to_apply,
        fees_description=fees,
        eligibility_description=_eligibility(entry),
        assured_date=entry.checked_on.isoformat(),
        phones=_phone(service_id, entry.contact_phone, service_id=service_id),
        contacts=contacts,
        service_areas=[
            {
                "id": _id(service_id, "area"),
                "service_id": service_id,
                "name": entry.gmina.name,
                "extent_type": "text",
            }
        ],
        service_at_locations=[
            {"id": at_location_id, "service_id": service_id, "location_id": location_id, "location": location}
        ],
        attributes=attributes,
    )


def hsds_export() -> dict[str, Any]:
    """Every public entry as an HSDS service, and every institution offering one as an HSDS
    organization."""
    entries = selectors.hsds_entries()
    institutions: dict[int, Institution] = {}
    for entry in entries:
        institutions.setdefault(entry.institution_id, entry.institution)
    return {
        "hsds_version": HSDS_VERSION,
        "generated_at": timezone.now().isoformat(),
        "publisher": "Kierunek — Wojewódzki Urząd Pracy w Krakowie",
        "organizations": [organization(institution) for institution in institutions.values()],
        "services": [service(entry) for entry in entries],
    }
