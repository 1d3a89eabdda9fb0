"""Generating agreements from the template version in force: a participant's participation
agreement (when their plan is signed and they order, or when they ask for it), its annexes (when a
rule version changes what was agreed, or their plan allows a new package), and a provider's
agreement (its owner asks for it). Each is rendered once to a PDF that is stored with its hash."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kierunek.accounts.models import Role, User
from kierunek.core.actor import SYSTEM, Actor
from kierunek.core.audit import audit_record
from kierunek.core.notify import notify
from kierunek.core.permissions import require_role
from kierunek.programmes import selectors as programme_selectors
from kierunek.programmes.models import Package, Programme, RuleKey, RuleVersion
from kierunek.providers.models import Provider, ProviderStatus
from kierunek.providers.selectors import provider_for_member, provider_is_owner

from .. import domain, selectors
from ..audit_actions import AGREEMENT_GENERATED
from ..documents import DASH, agreement_render, day_text, packages_text, rules_text
from ..models import Agreement, TemplateVersion
from ..workflows import party_recipients

DOCUMENT_LANGUAGE = settings.LANGUAGE_CODE  # agreements are made in Polish, whoever asks


def _rules_json(versions: dict[str, RuleVersion]) -> dict[str, dict[str, Any]]:
    return {
        key: {"id": v.pk, "decision_ref": v.decision_ref, "valid_from": v.valid_from.isoformat()}
        for key, v in versions.items()
    }


def _common(
    programme: Programme, version: TemplateVersion, day: date, rules: dict[str, Any]
) -> dict[str, str]:
    labels = {key: str(label) for key, label in RuleKey.choices}
    return {
        "date": day_text(day),
        "programme": programme.name,
        "programme_period": f"{day_text(programme.starts_on)} {DASH} {day_text(programme.ends_on)}",
        "rules": rules_text(rules, labels),
        "legal_basis": version.legal_basis,
    }


def _packages(programme: Programme, kinds: set[str], day: date) -> str:
    try:
        values = programme_selectors.package_values_on(programme=programme, day=day)
    except programme_selectors.RuleNotInForce:
        values = [(p, 0) for p in Package.objects.filter(programme=programme)]
    return packages_text([(p.name, p.vouchers, value) for p, value in values if p.kind in kinds])


def _generate(
    *,
    kind: str,
    version: TemplateVersion,
    programme: Programme,
    day: date,
    values: dict[str, str],
    party: dict[str, str],
    actor: Actor,
    **fields: Any,
) -> Agreement:
    """Write the agreement, then its text and PDF (the number they carry is the row's)."""
    agreement = Agreement.objects.create(
        kind=kind, version=version, programme=programme, generated_on=day, text="", pdf=b"", **fields
    )
    with translation.override(DOCUMENT_LANGUAGE):
        rendered = agreement_render(version=version, number=agreement.number, party=party, values=values)
    agreement.text = rendered.text
    agreement.pdf = rendered.pdf
    agreement.pdf_sha256 = rendered.sha256
    agreement.save(update_fields=["text", "pdf", "pdf_sha256"])
    audit_record(
        action=AGREEMENT_GENERATED,
        actor=actor,
        obj=agreement,
        details={"kind": kind, "version": version.pk, "sha256": rendered.sha256},
    )
    notify(
        recipients=party_recipients(agreement),
        subject=gettext_noop("An agreement is ready for you to accept"),
        template="agreements/email/ready.txt",
        context={"agreement": agreement},
    )
    return agreement


def _party_participant(participant: User) -> dict[str, str]:
    return {_("Participant"): participant.get_full_name(), _("Office"): _("Regional Labour Office in Kraków")}


def participation_agreement_prepare(
    *, actor: Actor, programme_id: int, on: date | None = None, quiet: bool = False
) -> Agreement | None:
    """The participant's (``actor``'s) participation agreement with the programme: the one they
    have, or a new one from the version in force, covering the packages their signed plan allows.
    ``quiet`` (an order being placed): None instead of a refusal when none can be made yet."""
    participant = actor.user
    require_role(participant, Role.PARTICIPANT)
    day = on or timezone.localdate()
    with transaction.atomic():
        programme = Programme.objects.get(pk=programme_id)
        existing = selectors.participation_agreement_of(participant=participant, programme=programme)
        if existing is not None:
            return existing
        packages = selectors.plan_package_kinds(participant=participant)
        version = selectors.template_version_in_force(programme=programme, kind=domain.PARTICIPATION, day=day)
        refusal = None
        if not packages:
            refusal = _("Your development plan must be signed before the agreement is made.")
        elif version is None:
            refusal = _("The office has not published the participation agreement yet. Try again later.")
        if refusal is not None:
            if quiet:
                return None
            raise ValidationError(refusal)
        assert version is not None
        rules = _rules_json(selectors.agreed_rules_in_force(programme=programme, day=day))
        with translation.override(DOCUMENT_LANGUAGE):
            values = {
                **_common(programme, version, day, rules),
                "participant_name": participant.get_full_name(),
                "participant_email": participant.email,
                "packages": _packages(programme, packages, day),
            }
            party = _party_participant(participant)
        try:
            with transaction.atomic():
                return _generate(
                    kind=domain.PARTICIPATION,
                    version=version,
                    programme=programme,
                    day=day,
                    values=values,
                    party=party,
                    actor=actor,
                    participant=participant,
                    packages=sorted(packages),
                    rules=rules,
                )
        except IntegrityError:  # made at the same moment by another request
            return selectors.participation_agreement_of(participant=participant, programme=programme)


def participation_annex_prepare(
    *, agreement_id: int, actor: Actor = SYSTEM, on: date | None = None
) -> Agreement | None:
    """An annex to an agreed participation agreement when what was agreed changed: a newer version
    of an agreed rule is in force, or the participant's plan now allows a package not agreed. None
    when nothing changed, an annex is already waiting, or the office has no annex template."""
    if actor.user is not None and actor.role not in (Role.PARTICIPANT, Role.OFFICER):
        raise PermissionDenied(_("Your role cannot do this."))
    day = on or timezone.localdate()
    with transaction.atomic():
        agreement = (
            Agreement.objects.select_for_update(of=("self",))
            .select_related("programme", "participant")
            .get(pk=agreement_id, kind=domain.PARTICIPATION)
        )
        if actor.role == Role.PARTICIPANT and agreement.participant_id != actor.user.pk:
            raise PermissionDenied(_("This is not your agreement."))
        if agreement.status not in domain.AGREED or agreement.annexes.filter(status=domain.AWAITING).exists():
            return None
        programme = agreement.programme
        participant = agreement.participant
        assert participant is not None
        rules_generated, packages_generated = selectors.terms_of(agreement, agreed_only=False)
        in_force = selectors.agreed_rules_in_force(programme=programme, day=day)
        changed, added = domain.annex_changes(
            agreed_rules=rules_generated,
            rules_in_force={key: v.pk for key, v in in_force.items()},
            agreed_packages=packages_generated,
            plan_packages=selectors.plan_package_kinds(participant=participant),
        )
        version = selectors.template_version_in_force(programme=programme, kind=domain.ANNEX, day=day)
        if (not changed and not added) or version is None:
            return None
        rules = _rules_json({key: in_force[key] for key in changed})
        labels = {key: str(label) for key, label in RuleKey.choices}
        with translation.override(DOCUMENT_LANGUAGE):
            party = _party_participant(participant)
            changes = [
                _("%(rule)s: a new version in force from %(day)s (%(decision)s).")
                % {
                    "rule": labels[key],
                    "day": day_text(in_force[key].valid_from),
                    "decision": in_force[key].decision_ref,
                }
                for key in changed
            ]
            names = dict(Package.objects.filter(programme=programme).values_list("kind", "name"))
            changes += [
                _("A new package is added: %(package)s.") % {"package": names.get(k, k)} for k in added
            ]
            values = {
                **_common(programme, version, day, rules),
                "participant_name": participant.get_full_name(),
                "agreement_of": agreement.number,
                "changes": "\n".join(changes),
                "packages": _packages(programme, set(added), day) if added else "—",
            }
        return _generate(
            kind=domain.ANNEX,
            version=version,
            programme=programme,
            day=day,
            values=values,
            party=party,
            actor=actor,
            participant=participant,
            parent=agreement,
            packages=added,
            rules=rules,
        )


def participation_annexes_generate(*, on: date | None = None) -> int:
    """The scheduled check (``manage.py agreement_annexes``): an annex for every agreed
    participation agreement whose terms changed. Returns how many were generated."""
    made = 0
    ids = Agreement.objects.filter(kind=domain.PARTICIPATION, status__in=domain.AGREED).values_list(
        "pk", flat=True
    )
    for agreement_id in list(ids):
        if participation_annex_prepare(agreement_id=agreement_id, actor=SYSTEM, on=on) is not None:
            made += 1
    return made


def provider_agreement_prepare(*, actor: Actor, programme_id: int, on: date | None = None) -> Agreement:
    """The provider's agreement with the programme, asked for by its owner: the live one, or a new
    one from the version in force, valid from today to the end of the version's use or of the
    programme, whichever comes first. Only an approved provider signs."""
    user = actor.user
    require_role(user, Role.PROVIDER_STAFF)
    provider = provider_for_member(user=user)
    if provider is None or not provider_is_owner(user=user, provider=provider):
        raise PermissionDenied(_("Only the provider's owner can sign its agreements."))
    day = on or timezone.localdate()
    with transaction.atomic():
        provider = Provider.objects.select_for_update().get(pk=provider.pk)
        if provider.status != ProviderStatus.APPROVED:
            raise ValidationError(_("Only an approved provider can sign the programme's agreement."))
        programme = Programme.objects.get(pk=programme_id)
        existing = selectors.provider_agreement_live(provider=provider, programme=programme)
        if existing is not None:
            return existing
        version = selectors.template_version_in_force(programme=programme, kind=domain.PROVIDER, day=day)
        if version is None:
            raise ValidationError(
                _("The office has not published the provider agreement yet. Try again later.")
            )
        valid_until = min(version.valid_until or programme.ends_on, programme.ends_on)
        if valid_until < day:
            raise ValidationError(_("The programme has ended: there is nothing to sign."))
        rules = _rules_json(selectors.agreed_rules_in_force(programme=programme, day=day))
        address = f"{provider.street}, {provider.postal_code} {provider.city}"
        with translation.override(DOCUMENT_LANGUAGE):
            values, party = _provider_values(programme, version, day, rules, provider, address, valid_until)
        return _generate(
            kind=domain.PROVIDER,
            version=version,
            programme=programme,
            day=day,
            values=values,
            party=party,
            actor=actor,
            provider=provider,
            rules=rules,
            valid_from=day,
            valid_until=valid_until,
        )


def _provider_values(
    programme: Programme,
    version: TemplateVersion,
    day: date,
    rules: dict[str, Any],
    provider: Provider,
    address: str,
    valid_until: date,
) -> tuple[dict[str, str], dict[str, str]]:
    values = {
        **_common(programme, version, day, rules),
        "provider_name": provider.legal_name,
        "provider_nip": provider.nip,
        "provider_address": address,
        "valid_from": day_text(day),
        "valid_until": day_text(valid_until),
    }
    party = {
        _("Provider"): f"{provider.legal_name}, NIP {provider.nip}",
        _("Office"): _("Regional Labour Office in Kraków"),
        _("Valid"): f"{day_text(day)} {DASH} {day_text(valid_until)}",
    }
    return values, party
