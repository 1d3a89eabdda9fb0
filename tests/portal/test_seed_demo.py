import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from kierunek.accounts.demo import GENERATED_PARTICIPANTS
from kierunek.accounts.models import STAFF_ROLES, ParticipantProfile, Role, User
from kierunek.brokerage.models import AssistedRegistration

pytestmark = pytest.mark.django_db


def run_seed(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", no_progress=True, stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def test_small_demo_has_every_role_and_prints_their_logins():
    output = run_seed(size="small")

    for role in Role:
        assert User.objects.filter(role=role).exists(), role
    # and the people the demo broker registered (no PESEL given yet)
    assisted = AssistedRegistration.objects.count()
    assert (
        User.objects.filter(role=Role.PARTICIPANT).count() == 1 + GENERATED_PARTICIPANTS["small"] + assisted
    )
    assert ParticipantProfile.objects.count() == 1 + GENERATED_PARTICIPANTS["small"]
    assert "administrator@kierunek.example" in output
    assert "Kierunek-demo-2026" in output
    assert TOTPDevice.objects.filter(name="demo", confirmed=True).count() == len(STAFF_ROLES)


def test_seeding_twice_adds_nothing():
    run_seed(size="small")
    counts = (User.objects.count(), ParticipantProfile.objects.count(), TOTPDevice.objects.count())
    run_seed(size="small")
    assert (User.objects.count(), ParticipantProfile.objects.count(), TOTPDevice.objects.count()) == counts


def test_demo_data_is_refused_where_demo_devices_are(settings):
    settings.KIERUNEK_ALLOW_DEMO_OTP_DEVICES = False
    with pytest.raises(CommandError):
        run_seed(size="small")
    assert not User.objects.exists()


def test_demo_totp_prints_current_codes():
    run_seed(size="small")
    out = io.StringIO()
    call_command("demo_totp", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(STAFF_ROLES)
    assert all(line.split()[-1].isdigit() and len(line.split()[-1]) == 6 for line in lines)


def test_demo_providers_in_the_states_of_a_real_register():
    from collections import Counter

    from kierunek.providers.models import Provider, ProviderMember
    from kierunek.quality.models import QualityMarkCase

    run_seed(size="small")
    run_seed(size="small")

    assert Provider.objects.count() == 40
    states = Counter(QualityMarkCase.objects.values_list("state", flat=True))
    assert states["granted"] >= 20
    assert states["expired"] >= 1
    assert states["suspended"] == 1
    assert Provider.objects.filter(status="pending").exists()
    demo_staff = User.objects.get(email="dostawca@kierunek.example")
    provider = ProviderMember.objects.get(user=demo_staff).provider
    assert provider.quality_cases.get().state == "granted"
    for case in QualityMarkCase.objects.exclude(state="application"):
        assert case.events.last().to_state == case.state  # every demo case has its history


def test_demo_catalogue_has_about_two_thousand_published_searchable_cards():
    from kierunek.catalogue.models import SearchDocument, ServiceCard

    run_seed(size="small")
    run_seed(size="small")

    published = ServiceCard.objects.filter(status="published")
    assert published.count() == 2000
    assert SearchDocument.objects.count() == 2000
    assert published.values("category").distinct().count() >= 30
    assert published.filter(gmina__isnull=True).exists()  # some remote
    assert published.values("gmina").distinct().count() > 20
