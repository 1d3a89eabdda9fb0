"""Builders for agreements, through the real services: the programme's templates (the texts the
office drafted), a participant's agreement accepted with the e-mailed code, and a provider's
agreement in force. The vouchers' builders use them, so that every order and booking of the
tests is made under an agreement, as the gates require."""

from __future__ import annotations

import re
from datetime import date

from django.core import mail

from kierunek.accounts.models import Role, User
from kierunek.agreements import domain, services
from kierunek.agreements.demo import templates_publish
from kierunek.agreements.models import Agreement, AgreementTemplate
from kierunek.core.actor import Actor
from kierunek.providers.models import ProviderStatus
from tests.accounts.factories import StaffUserFactory
from tests.programmes.helpers import demo_programme

SINCE = date(2025, 1, 1)  # the demo programme's start: agreements in force for back-dated bookings


OFFICE_EMAIL = "umowy.urzad@kierunek.test"


def officer():
    """The officer who publishes the templates and countersigns in the builders: one account, not
    active, so that it never joins the officers a test counts or e-mails."""
    return User.objects.filter(email=OFFICE_EMAIL).first() or StaffUserFactory(
        role=Role.OFFICER, email=OFFICE_EMAIL, is_active=False
    )


def templates(programme=None):
    programme = programme or demo_programme()
    if not AgreementTemplate.objects.filter(programme=programme).exists():
        templates_publish(programme=programme, officer=officer())
    return programme


def emailed_code(user) -> str:
    """The code in the last e-mail to ``user`` that carries one."""
    for message in reversed(mail.outbox):
        if user.email in message.to:
            found = re.search(r"\b(\d{6})\b", message.body)
            if found:
                return found.group(1)
    raise AssertionError(f"no code was e-mailed to {user.email}")


def accept_with_email(agreement: Agreement, user, ip: str = "10.0.0.7") -> Agreement:
    """Accept with a code as the e-mail carries it (issued directly: mail leaves after commit)."""
    actor = Actor(user=user, ip_address=ip)
    return services.agreement_accept(
        agreement_id=agreement.pk,
        actor=actor,
        factor=domain.FACTOR_EMAIL,
        code=services.signing_code_issue(agreement=agreement, user=user),
        pdf_sha256=agreement.pdf_sha256,
    )


def participation(participant, programme=None) -> Agreement:
    """The participant's agreement (their plan signed), waiting for them."""
    programme = templates(programme)
    agreement = services.participation_agreement_prepare(
        actor=Actor.of(participant), programme_id=programme.pk
    )
    assert agreement is not None
    return agreement


def participation_accepted(participant, programme=None) -> Agreement:
    agreement = participation(participant, programme)
    if agreement.status == domain.AWAITING:
        agreement = accept_with_email(agreement, participant)
    return agreement


def provider_agreement(provider, programme=None, on: date = SINCE) -> Agreement:
    """The provider's agreement (asked for by its owner), waiting for the owner."""
    programme = templates(programme)
    owner = provider.members.get(is_owner=True).user
    return services.provider_agreement_prepare(actor=Actor.of(owner), programme_id=programme.pk, on=on)


def provider_in_force(provider, programme=None, on: date = SINCE) -> Agreement | None:
    """Accepted by the owner and countersigned; nothing for a provider that is not approved (the
    service refuses it: such a provider is refused bookings by the quality check already)."""
    provider.refresh_from_db()
    if provider.status != ProviderStatus.APPROVED:
        return None
    agreement = provider_agreement(provider, programme, on)
    if agreement.status == domain.AWAITING:
        agreement = accept_with_email(agreement, provider.members.get(is_owner=True).user)
    if agreement.status == domain.ACCEPTED:
        agreement = services.agreement_countersign(agreement_id=agreement.pk, actor=Actor.of(officer()))
    return agreement
