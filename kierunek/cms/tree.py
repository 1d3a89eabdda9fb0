"""The page tree of the public portal: the portal's root (the Wagtail site's root page, served
at ``/strony/``), its four sections, the accessibility statement, and the editors' groups and
moderation workflow (:mod:`.editors`). :func:`portal_tree_ensure` makes whatever is missing; the
demo and the tests start from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from .editors import SECTIONS, editors_setup
from .models import AccessibilityStatementPage, Compliance, PortalRootPage, SectionPage

STATEMENT_SLUG = "deklaracja-dostepnosci"


@dataclass(frozen=True)
class PortalTree:
    root: PortalRootPage
    sections: dict[str, SectionPage]
    statement: AccessibilityStatementPage


def _publish(page: Page) -> None:
    page.save_revision().publish()


def _statement(root: PortalRootPage) -> AccessibilityStatementPage:
    found = AccessibilityStatementPage.objects.child_of(root).first()
    if found is not None:
        return found
    statement = AccessibilityStatementPage(
        title="Deklaracja dostępności",
        slug=STATEMENT_SLUG,
        entity_name="Urząd Marszałkowski Województwa Małopolskiego — biuro programu Kierunek",
        website_published_on=date(2026, 1, 15),
        website_updated_on=date(2026, 11, 30),
        compliance=Compliance.PARTIAL,
        inaccessible_content=(
            "<ul><li>część plików PDF z materiałami partnerów opublikowanych przed 2026 r. "
            "nie ma struktury nagłówków;</li>"
            "<li>zdjęcia w galeriach z posiedzeń rad mają krótkie opisy alternatywne.</li></ul>"
        ),
        exemptions=(
            "<p>Nagrania posiedzeń sprzed 23 września 2020 r. nie mają napisów (wyłączenie z ustawy).</p>"
        ),
        prepared_on=date(2026, 1, 15),
        reviewed_on=date(2026, 11, 30),
        keyboard_shortcuts=(
            "<p>Na każdej stronie pierwszy klawisz Tab pokazuje łącze „Przejdź do treści”.</p>"
        ),
        contact_person="Anna Koordynatorka",
        contact_email="dostepnosc@kierunek.example",
        contact_phone="12 000 00 01",
        architectural=(
            "<p>Biuro programu mieści się przy ul. Basztowej 22 w Krakowie. Do budynku prowadzi wejście "
            "bez progów od strony ulicy; winda obsługuje wszystkie piętra; w holu jest pętla indukcyjna. "
            "Do budynku można wejść z psem asystującym. Na miejscu można skorzystać z tłumacza języka "
            "migowego po wcześniejszym zgłoszeniu.</p>"
        ),
        mobile_apps="<p>Program nie ma aplikacji mobilnej.</p>",
    )
    root.add_child(instance=statement)
    _publish(statement)
    return statement


@transaction.atomic
def portal_tree_ensure() -> PortalTree:
    # Wagtail's migrations create the content language and the root nodes; a database emptied by a
    # test (or restored without them) may lack them, so they are made again here.
    Locale.objects.get_or_create(language_code=settings.WAGTAIL_CONTENT_LANGUAGES[0][0])
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = PortalRootPage.objects.first()
    if root is None:
        wagtail_root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        root = PortalRootPage(
            title="Kierunek — portal programu",
            slug="portal",
            intro=(
                "<p>Uczenie się przez całe życie w Małopolsce: poradniki, nabory, aktualności programu "
                "i partnerstw, które go tworzą.</p>"
            ),
        )
        wagtail_root.add_child(instance=root)
        _publish(root)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", root_page=root, is_default_site=True, site_name="Kierunek"
            )
        else:
            welcome = site.root_page
            site.root_page = root
            site.site_name = "Kierunek"
            site.save()
            if welcome.pk != root.pk and welcome.depth == 2 and not welcome.get_children().exists():
                welcome.delete()
    sections: dict[str, SectionPage] = {}
    for section in SECTIONS:
        page = SectionPage.objects.child_of(root).filter(slug=section.slug).first()
        if page is None:
            page = SectionPage(title=section.title, slug=section.slug)
            root.add_child(instance=page)
            _publish(page)
        sections[section.slug] = page
    statement = _statement(root)
    editors_setup(root=root, sections=sections)
    return PortalTree(root=PortalRootPage.objects.get(pk=root.pk), sections=sections, statement=statement)
