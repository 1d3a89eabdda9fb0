import factory

from kierunek.accounts.models import Role
from kierunek.quality.models import AuditFirm, Auditor
from tests.accounts.factories import StaffUserFactory
from tests.providers.factories import valid_nip


class AuditFirmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditFirm

    name = factory.Sequence(lambda n: f"Audyt Jakości {n}")
    nip = factory.LazyFunction(valid_nip)


class AuditorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Auditor

    user = factory.SubFactory(StaffUserFactory, role=Role.AUDITOR)
    firm = factory.SubFactory(AuditFirmFactory)
    licence_number = factory.Sequence(lambda n: f"A/{n:04d}")
