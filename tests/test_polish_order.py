"""Lists of gminas, people, centres and providers are in Polish alphabetical order
(kierunek.core.collation) on every page and select, whatever the database's collation:
Dąbrowa Tarnowska before Drwinia, Ł after L (a code-point order puts Ł after Z)."""

import pytest
from django.urls import reverse

from kierunek.core.collation import polish_sorted
from kierunek.geo.models import Gmina
from kierunek.guidance import selectors as guidance_selectors
from kierunek.guidance.forms import SlotFilterForm
from kierunek.guidance.models import CareerCentre
from kierunek.programmes.forms import ApplicationForm
from kierunek.providers import selectors as provider_selectors
from kierunek.providers.forms import ProviderRegistrationForm
from kierunek.quality.forms import AssignAuditorForm, RegisterSearchForm
from kierunek.quality.models import Auditor
from tests.accounts.factories import ParticipantFactory
from tests.guidance.builders import advisor, past_meeting
from tests.providers.factories import ProviderFactory
from tests.quality.factories import AuditorFactory

pytestmark = pytest.mark.django_db

GMINAS_IN_ORDER = ["Dąbrowa Tarnowska", "Dobczyce", "Drwinia", "Lanckorona", "Łapanów", "Łącko", "Maków"]


def _in_order(labels: list[str], starts: list[str]) -> None:
    positions = [next(i for i, label in enumerate(labels) if label.startswith(start)) for start in starts]
    assert positions == sorted(positions), list(zip(starts, positions, strict=True))


def _labels(field) -> list[str]:
    return [str(label) for value, label in field.choices if value]


@pytest.mark.parametrize("form_class", [ProviderRegistrationForm, RegisterSearchForm])
def test_gmina_selects_are_in_polish_order(form_class):
    _in_order(_labels(form_class().fields["gmina"]), GMINAS_IN_ORDER)


def test_the_application_form_offers_gminas_in_polish_order():
    places = dict(ApplicationForm().fields["residence"].choices)
    labels = [
        label for _group, options in places.items() if isinstance(options, list) for _v, label in options
    ]
    _in_order([str(label) for label in labels], GMINAS_IN_ORDER)


def test_the_catalogue_search_offers_gminas_in_polish_order(client):
    page = client.get(reverse("catalogue:search")).content.decode()
    positions = [page.index(f">{name}") for name in ["Dąbrowa Tarnowska", "Drwinia", "Lanckorona", "Łapanów"]]
    assert positions == sorted(positions)


def test_the_card_form_offers_gminas_in_polish_order():
    from kierunek.catalogue.forms import ServiceCardForm

    _in_order(_labels(ServiceCardForm().fields["gmina"]), GMINAS_IN_ORDER)


def test_career_centres_are_in_polish_order():
    for name in ("Łódź testowa", "Lipnica testowa", "Żabno testowe", "Zator testowy"):
        CareerCentre.objects.create(name=name, gmina=Gmina.objects.get(teryt="1261011"), is_active=True)
    labels = _labels(SlotFilterForm().fields["centre"])
    assert labels == polish_sorted(labels)
    _in_order(labels, ["Lipnica testowa", "Łódź testowa", "Zator testowy", "Żabno testowe"])


def test_the_advisors_participants_are_in_polish_order_of_their_names():
    barbara = advisor()
    for first, last in [
        ("Zofia", "Żak"),
        ("Adam", "Łęcki"),
        ("Ewa", "Lis"),
        ("Anna", "Łęcki"),
        ("Jan", "Zając"),
    ]:
        past_meeting(barbara, ParticipantFactory(first_name=first, last_name=last))
    names = [
        row.participant.get_full_name() for row in guidance_selectors.advisor_participants(advisor=barbara)
    ]
    assert names == ["Ewa Lis", "Adam Łęcki", "Anna Łęcki", "Jan Zając", "Zofia Żak"]


def test_the_auditors_select_is_in_polish_order_of_their_names():
    from tests.quality.builders import case_in_state

    world = case_in_state("awaiting_audit")
    for first, last in [("Zofia", "Żak"), ("Ewa", "Lis"), ("Adam", "Łęcki"), ("Jan", "Zając")]:
        AuditorFactory(user__first_name=first, user__last_name=last)
    from kierunek.quality import selectors as quality_selectors

    form = AssignAuditorForm(auditors=quality_selectors.auditors_available(case=world.case))
    labels = _labels(form.fields["auditor"])
    ours = [
        label.split(" (")[0]
        for label in labels
        if label.split(" (")[0] in {"Zofia Żak", "Ewa Lis", "Adam Łęcki", "Jan Zając"}
    ]
    assert ours == ["Ewa Lis", "Adam Łęcki", "Jan Zając", "Zofia Żak"]
    assert Auditor.objects.count() >= 4


def test_the_officers_provider_list_is_in_polish_order():
    for name in ("Żak Szkolenia", "Łukasz Nauka", "Lingwista", "Zawód", "Ćwiczenia", "Centrum"):
        ProviderFactory(legal_name=name)
    names = [p.legal_name for p in provider_selectors.providers_for_officer()]
    ours = [
        n
        for n in names
        if n in {"Żak Szkolenia", "Łukasz Nauka", "Lingwista", "Zawód", "Ćwiczenia", "Centrum"}
    ]
    assert ours == ["Centrum", "Ćwiczenia", "Lingwista", "Łukasz Nauka", "Zawód", "Żak Szkolenia"]


def test_the_officers_freeze_search_ignores_diacritics_and_lists_in_polish_order():
    from kierunek.vouchers.selectors.office import providers_for_freezes

    names = {"Łódzka Akademia", "Lodowisko Szkoleń", "Żak Szkolenia", "Zawód"}
    for name in names:
        ProviderFactory(legal_name=name, status="approved")
    found = [row.provider.legal_name for row in providers_for_freezes(query="lodz")]
    assert found == ["Łódzka Akademia"]
    found = [row.provider.legal_name for row in providers_for_freezes(query="ŁÓDZKA")]
    assert found == ["Łódzka Akademia"]
    listed = [row.provider.legal_name for row in providers_for_freezes(query="")]
    ours = [
        name for name in listed if name in {"Łódzka Akademia", "Lodowisko Szkoleń", "Żak Szkolenia", "Zawód"}
    ]
    assert ours == ["Lodowisko Szkoleń", "Łódzka Akademia", "Zawód", "Żak Szkolenia"]
