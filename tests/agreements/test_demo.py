"""The demo gives every role work in agreements: the templates are published, every provider the
vouchers demo books has an agreement in force (the demo's bookings are all made), one provider's
is terminated and one waits for its owner, the demo participant's agreement is accepted with an
annex waiting, the vouchers issued are all under accepted agreements, and a second run adds
nothing."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import Role, User
from kierunek.agreements import domain, selectors
from kierunek.agreements.models import Agreement, TemplateVersion
from kierunek.vouchers.models import Booking, VoucherAccount

pytestmark = pytest.mark.django_db


def run_seed() -> None:
    call_command("seed_demo", size="small", no_progress=True, stdout=io.StringIO(), stderr=io.StringIO())


def test_the_demo_gives_each_role_an_agreement_to_handle():
    run_seed()
    counts = (TemplateVersion.objects.count(), Agreement.objects.count())
    run_seed()
    assert (TemplateVersion.objects.count(), Agreement.objects.count()) == counts
    assert TemplateVersion.objects.count() == 3

    providers = Agreement.objects.filter(kind=domain.PROVIDER)
    assert providers.filter(status=domain.TERMINATED).count() == 1
    assert providers.filter(status=domain.AWAITING).count() == 1
    assert providers.filter(status=domain.COUNTERSIGNED).count() >= 3
    today = timezone.localdate()
    assert Booking.objects.exists()
    for booking in Booking.objects.select_related("provider", "voucher_account__programme"):
        assert selectors.provider_agreement_in_force(
            provider=booking.provider, programme=booking.voucher_account.programme, day=booking.booked_on
        ), booking.provider
    for account in VoucherAccount.objects.select_related("package"):
        selectors.participation_agreement_check(
            participant_id=account.participant_id, package=account.package
        )

    participant = User.objects.get(email=demo_email(Role.PARTICIPANT))
    agreement = Agreement.objects.get(participant=participant, kind=domain.PARTICIPATION)
    assert agreement.status == domain.COUNTERSIGNED
    annex = agreement.annexes.get()
    assert annex.status == domain.AWAITING
    assert "consumption" in annex.rules
    assert today >= annex.generated_on
