import itertools

import factory
from stdnum.pl import nip as stdnum_nip
from stdnum.pl import regon as stdnum_regon

from kierunek.accounts.models import Role
from kierunek.geo.models import Gmina
from kierunek.providers.models import (
    Provider,
    ProviderMember,
    ProviderStatus,
)
from tests.accounts.factories import StaffUserFactory

_numbers = itertools.count(1)


def valid_nip() -> str:
    """The next valid NIP (some 9-digit bodies have no valid check digit; those are skipped)."""
    while True:
        body = f"{next(_numbers) + 526000000:09d}"
        for digit in "0123456789":
            if stdnum_nip.is_valid(body + digit):
                return body + digit


def valid_regon() -> str:
    body = f"{next(_numbers) + 12000000:08d}"
    return body + stdnum_regon.calc_check_digit(body)


class ProviderFactory(factory.django.DjangoModelFactory):
    """An approved provider in Kraków with an owner (``provider.members``)."""

    class Meta:
        model = Provider
        skip_postgeneration_save = True

    legal_name = factory.Sequence(lambda n: f"Centrum Szkoleniowe {n} sp. z o.o.")
    nip = factory.LazyFunction(valid_nip)
    regon = factory.LazyFunction(valid_regon)
    gmina = factory.LazyFunction(lambda: Gmina.objects.get(teryt="1261011"))
    street = "ul. Długa 1"
    postal_code = "31-147"
    city = "Kraków"
    email = factory.Sequence(lambda n: f"biuro{n}@szkolenia.example")
    phone = "+48 12 345 67 89"
    status = ProviderStatus.APPROVED
    created_by = factory.SubFactory(StaffUserFactory, role=Role.PROVIDER_STAFF)

    @factory.post_generation
    def owner(self, create, extracted, **kwargs):
        if create:
            ProviderMember.objects.create(provider=self, user=extracted or self.created_by, is_owner=True)


def provider_staff_of(provider: Provider):
    return provider.members.get(is_owner=True).user
