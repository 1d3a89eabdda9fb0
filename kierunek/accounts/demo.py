"""Demo accounts: one per role with a printed password, and generated participants. Staff get
a TOTP device with a published secret (name "demo"), which production settings refuse."""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from stdnum.pl import pesel as stdnum_pesel

from kierunek.core import pii
from kierunek.geo.models import Gmina

from .domain import DEMO_OTP_DEVICE_NAME, ROLE_SLUGS, TERMS_VERSION, demo_totp_key, hex_key_to_base32
from .models import STAFF_ROLES, Consent, GminaStaff, ParticipantProfile, Role, User

DEMO_PASSWORD = "Kierunek-demo-2026"  # noqa: S105 - printed by `make run` on purpose
DEMO_DOMAIN = "kierunek.example"
GENERATED_PARTICIPANTS = {"small": 20, "large": 2000}
# A second financial operator: a payment batch is approved by a person other than its builder
# (four eyes). The demo batch is built by this account so that the demo operator can approve it.
# It gets no demo TOTP device: it enrols its own second factor on its first login.
SECOND_OPERATOR_EMAIL = f"operator2@{DEMO_DOMAIN}"

FIRST_NAMES_F = [
    "Anna",
    "Maria",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Barbara",
    "Ewa",
    "Zofia",
    "Joanna",
    "Łucja",
]
FIRST_NAMES_M = [
    "Jan",
    "Piotr",
    "Krzysztof",
    "Andrzej",
    "Tomasz",
    "Paweł",
    "Michał",
    "Łukasz",
    "Józef",
    "Wojciech",
]
LAST_NAMES = [
    "Nowak",
    "Kowalczyk",
    "Wiśniewsk",
    "Wójcik",
    "Kamińsk",
    "Lewandowsk",
    "Zielińsk",
    "Szymańsk",
    "Woźniak",
    "Dąbrowsk",
]

ROLE_PEOPLE: dict[str, tuple[str, str]] = {
    Role.PARTICIPANT: ("Anna", "Nowak"),
    Role.ADVISOR: ("Barbara", "Doradczyk"),
    Role.PROVIDER_STAFF: ("Piotr", "Szkoleniowy"),
    Role.OFFICER: ("Katarzyna", "Urzędnik"),
    Role.FINANCIAL_OPERATOR: ("Tomasz", "Rozliczeniowy"),
    Role.AUDITOR: ("Ewa", "Audytorska"),
    Role.PARTNER_STAFF: ("Michał", "Partnerski"),
    Role.CERTIFICATION_STAFF: ("Dorota", "Certyfikująca"),
    Role.GMINA_STAFF: ("Grzegorz", "Gminny"),
    Role.BROKER: ("Beata", "Brokerska"),
    Role.METROPOLIS_STAFF: ("Monika", "Metropolitalna"),
    Role.TRAINING_CENTRE_STAFF: ("Marta", "Doskonaląca"),
    Role.SCHOOL_DIRECTOR: ("Dariusz", "Dyrektorski"),
    Role.TEACHER: ("Natalia", "Nauczycielska"),
    Role.CANDIDATE: ("Kacper", "Kandydacki"),
    Role.ADMINISTRATOR: ("Adam", "Administrator"),
}


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    totp_secret: str | None  # base32, for an authenticator app; None for participants


def demo_email(role: str) -> str:
    return f"{ROLE_SLUGS[role]}@{DEMO_DOMAIN}"


def demo_logins() -> list[DemoLogin]:
    return [
        DemoLogin(
            role=role,
            email=demo_email(role),
            password=DEMO_PASSWORD,
            totp_secret=None
            if role not in STAFF_ROLES
            else hex_key_to_base32(demo_totp_key(demo_email(role))),
        )
        for role in Role
    ] + [
        # Enrols an authenticator app on its first login.
        DemoLogin(
            role=Role.FINANCIAL_OPERATOR,
            email=SECOND_OPERATOR_EMAIL,
            password=DEMO_PASSWORD,
            totp_secret=None,
        )
    ]


def make_pesel(rng: random.Random, *, born: date, female: bool) -> str:
    """A PESEL with a valid birth date, sex digit and check digit (for demo people only)."""
    month = born.month + {18: 80, 19: 0, 20: 20, 21: 40, 22: 60}[born.year // 100]
    serial = f"{rng.randrange(0, 1000):03d}"
    sex_digit = rng.choice("02468" if female else "13579")
    body = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial}{sex_digit}"
    return body + stdnum_pesel.calc_check_digit(body)


def planned(size: str) -> int:
    return len(Role) + 1 + GENERATED_PARTICIPANTS[size]


def seed(*, size: str) -> Iterator[str]:
    """Create what is missing; yields once per person so the caller can show progress.
    Running it again creates nothing new."""
    rng = random.Random(2026)  # noqa: S311 - fixed seed: the same people every run, so re-runs find them
    password_hash = make_password(DEMO_PASSWORD)
    for role in Role:
        first, last = ROLE_PEOPLE[role]
        pesel = make_pesel(rng, born=date(1988, 3, 14), female=True) if role == Role.PARTICIPANT else None
        _ensure_user(
            email=demo_email(role),
            role=role,
            first=first,
            last=last,
            password_hash=password_hash,
            pesel=pesel,
        )
        yield role
    _ensure_user(
        email=SECOND_OPERATOR_EMAIL,
        role=Role.FINANCIAL_OPERATOR,
        first="Joanna",
        last="Księgowa",
        password_hash=password_hash,
        pesel=None,
        totp_device=False,
    )
    yield "second operator"
    _ensure_gmina_staff()
    for number in range(1, GENERATED_PARTICIPANTS[size] + 1):
        female = rng.random() < 0.55
        first = rng.choice(FIRST_NAMES_F if female else FIRST_NAMES_M)
        last = rng.choice(LAST_NAMES)
        if last.endswith("sk"):
            last += "a" if female else "i"
        born = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 365 * 46))
        pesel = make_pesel(rng, born=born, female=female)
        _ensure_user(
            email=f"uczestnik{number:04d}@{DEMO_DOMAIN}",
            role=Role.PARTICIPANT,
            first=first,
            last=last,
            password_hash=password_hash,
            pesel=pesel,
        )
        yield "participant"


# The demo gmina's staff member works for Wieliczka: a member of the Metropolis, with schools,
# local partners and residents in the demo data.
DEMO_GMINA_TERYT = "1219053"


def _ensure_gmina_staff() -> None:
    user = User.objects.filter(email=demo_email(Role.GMINA_STAFF)).first()
    gmina = Gmina.objects.filter(teryt=DEMO_GMINA_TERYT).first()
    if user is None or gmina is None or GminaStaff.objects.filter(user=user).exists():
        return
    GminaStaff.objects.create(
        user=user, gmina=gmina, position="Koordynator współpracy lokalnej i edukacji", since=date(2025, 1, 2)
    )


def _ensure_user(
    *,
    email: str,
    role: str,
    first: str,
    last: str,
    password_hash: str,
    pesel: str | None,
    totp_device: bool = True,
) -> None:
    if User.objects.filter(email=email).exists():
        return
    with transaction.atomic():
        user = User.objects.create(
            email=email,
            password=password_hash,
            first_name=first,
            last_name=last,
            role=role,
            is_staff=role == Role.ADMINISTRATOR,
            is_superuser=role == Role.ADMINISTRATOR,
        )
        if pesel is not None:
            lookup = pii.pesel_lookup_hash(pesel)
            if not ParticipantProfile.objects.filter(pesel_hash=lookup).exists():
                ParticipantProfile.objects.create(
                    user=user,
                    pesel=pesel,
                    pesel_hash=lookup,
                    birth_date=stdnum_pesel.get_birth_date(pesel),
                    sex="F" if stdnum_pesel.get_gender(pesel) == "F" else "M",
                )
            Consent.objects.create(user=user, kind=Consent.Kind.TERMS, text_version=TERMS_VERSION)
        if role in STAFF_ROLES and totp_device:
            TOTPDevice.objects.create(
                user=user, name=DEMO_OTP_DEVICE_NAME, key=demo_totp_key(email), confirmed=True
            )
