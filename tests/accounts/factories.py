import time

import factory
from django.contrib.auth.hashers import make_password
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.pl import pesel as stdnum_pesel

from kierunek.accounts.models import ParticipantProfile, Role, User
from kierunek.core import pii

DEFAULT_PASSWORD = "Bezpieczne-Haslo-2026"
_password_hash: list[str] = []


def _hashed_default_password() -> str:
    # Argon2 is slow on purpose; hash the shared test password once per test process.
    if not _password_hash:
        _password_hash.append(make_password(DEFAULT_PASSWORD))
    return _password_hash[0]


# Valid PESEL numbers (checksum, date and sex digit), one per generated participant.
PESELS = iter(
    f"{body}{stdnum_pesel.calc_check_digit(body)}" for body in (f"850315{n:04d}" for n in range(10_000))
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"osoba{n}@test.example")
    first_name = "Jan"
    last_name = "Testowy"
    role = Role.PARTICIPANT
    password = factory.LazyFunction(_hashed_default_password)


class StaffUserFactory(UserFactory):
    role = Role.OFFICER
    is_staff = factory.LazyAttribute(lambda o: o.role == Role.ADMINISTRATOR)
    is_superuser = factory.LazyAttribute(lambda o: o.role == Role.ADMINISTRATOR)


class ParticipantFactory(UserFactory):
    role = Role.PARTICIPANT

    @factory.post_generation
    def profile(self, create, extracted, **kwargs):
        if not create:
            return
        pesel = extracted or next(PESELS)
        ParticipantProfile.objects.create(
            user=self,
            pesel=pesel,
            pesel_hash=pii.pesel_lookup_hash(pesel),
            birth_date=stdnum_pesel.get_birth_date(pesel),
            sex=stdnum_pesel.get_gender(pesel),
        )


def confirmed_totp_device(user) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="default", confirmed=True)


def current_code(device: TOTPDevice) -> int:
    """The code the person's app would show now, or the next one when this one was already used
    (django-otp refuses a code twice, and accepts one step ahead)."""
    device.refresh_from_db()
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = time.time()
    if generator.t() <= device.last_t:
        generator.time += device.step * (device.last_t - generator.t() + 1)
    return generator.token()
