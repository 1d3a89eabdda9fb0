"""Demo portal: the page tree with its four sections, guides, a FAQ, a call page with live
blocks, news with categories, tags, photo galleries (small pictures drawn with Pillow, each with
its alternative text) and files (small PDFs drawn with reportlab), the editors of each section, a
partner's news item waiting for the office's approval, and two reports of inaccessible elements.
Texts are written for the demo. A second run adds nothing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from reportlab.pdfgen import canvas
from wagtail.documents.models import Document
from wagtail.models import Collection

from kierunek.accounts.demo import demo_email
from kierunek.accounts.models import Role, User
from kierunek.core.actor import SYSTEM
from kierunek.newsletter.models import Topic

from . import services
from .demo_content import CATEGORIES, FAQ, NEWS, PAGES
from .editors import SECTIONS, editor_join
from .models import AccessibilityReport, CmsImage, ContentPage, NewsCategory, NewsPage, SectionPage
from .tree import portal_tree_ensure

SECTION_TOPICS = {
    "program": "bony",
    "mpku": "partnerstwo",
    "inwestorzy": "partnerstwo",
    "forum-edukacji": "edukacja",
}
COLOURS = [(11, 79, 138), (179, 0, 27), (0, 122, 94), (120, 60, 150)]


def planned(size: str) -> int:
    return 6


def _user(role: str) -> User | None:
    return User.objects.filter(email=demo_email(role)).first()


def _picture(title: str, alt: str, colour: tuple[int, int, int], collection: Collection) -> CmsImage:
    found = CmsImage.objects.filter(title=title).first()
    if found is not None:
        return found
    picture = PILImage.new("RGB", (640, 400), colour)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((40, 260, 600, 360), fill=(255, 255, 255))
    draw.ellipse((240, 60, 400, 220), fill=(255, 220, 120))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    image = CmsImage(title=title, alt_text=alt, collection=collection)
    image.file.save(f"demo-{abs(hash(title)) % 10**8}.png", ContentFile(buffer.getvalue()), save=False)
    image.full_clean()
    image.save()
    return image


def _document(title: str, collection: Collection) -> Document:
    found = Document.objects.filter(title=title).first()
    if found is not None:
        return found
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setTitle(title)
    pdf.drawString(72, 770, title)
    pdf.drawString(72, 750, "Dokument demonstracyjny programu Kierunek.")
    pdf.save()
    document = Document(title=title, collection=collection)
    document.file.save(f"demo-{abs(hash(title)) % 10**8}.pdf", ContentFile(buffer.getvalue()), save=False)
    document.save()
    return document


def _collection(section_title: str) -> Collection:
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=section_title).first() or root


def _paragraphs(texts: list[str]) -> list[tuple[str, Any]]:
    return [("text", "".join(f"<p>{t}</p>" for t in texts))] if texts else []


def _publish(page: object, user: User | None) -> None:
    page.save_revision(user=user).publish(user=user)  # type: ignore[attr-defined]


@transaction.atomic
def _pages(section: SectionPage, slug: str, user: User | None) -> None:
    for page_slug, kind, title, summary, texts in PAGES[slug]:
        if ContentPage.objects.filter(slug=page_slug).exists():
            continue
        body = _paragraphs(texts)
        if kind == "faq":
            body += [("question", {"question": q, "answer": f"<p>{a}</p>"}) for q, a in FAQ]
        if kind == "call":
            body += [("current_call", None), ("voucher_rules", None), ("next_events", {"count": 3})]
        if page_slug == "jak-korzystac-z-bonow":
            body += [("voucher_rules", None), ("newest_services", {"count": 5})]
        page = ContentPage(
            title=title, slug=page_slug, kind=kind, summary=summary, author="Biuro programu", body=body
        )
        section.add_child(instance=page)
        _publish(page, user)


@transaction.atomic
def _news(section: SectionPage, slug: str, user: User | None, categories: dict[str, NewsCategory]) -> None:
    collection = _collection(section.title)
    for n, (days, title, author, summary, category_slugs, tags, gallery, file_title) in enumerate(NEWS[slug]):
        if NewsPage.objects.filter(title=title).exists():
            continue
        when = timezone.now() - timedelta(days=days)
        photos = []
        if gallery:
            for k in range(3):
                photos.append(
                    (
                        "image",
                        {
                            "image": _picture(
                                f"{title} — zdjęcie {k + 1}",
                                f"Uczestnicy spotkania „{title}”, ujęcie {k + 1} (ilustracja demonstracyjna)",
                                COLOURS[(n + k) % len(COLOURS)],
                                collection,
                            ),
                            "caption": f"Zdjęcie {k + 1}",
                        },
                    )
                )
        files = (
            [("document", {"document": _document(file_title, collection), "title": ""})] if file_title else []
        )
        page = NewsPage(
            title=title,
            author=author,
            summary=summary,
            body=_paragraphs([summary, "Tekst przygotowany na potrzeby demonstracji portalu."]),
            gallery=photos,
            files=files,
            first_published_at=when,
        )
        section.add_child(instance=page)
        page.categories.set([categories[c] for c in category_slugs])
        page.tags.add(*tags)
        page.save()
        _publish(page, user)


@transaction.atomic
def _waiting_for_approval(section: SectionPage, partner: User | None) -> None:
    """A partner's news item submitted to the moderation workflow: the office's work."""
    title = "Zaproszenie na warsztaty dla doradców zawodowych"
    if partner is None or NewsPage.objects.filter(title=title).exists():
        return
    page = NewsPage(
        title=title,
        author="Sekretariat MPKU",
        summary="Zapraszamy doradców zawodowych na warsztaty o bilansie kompetencji.",
        body=_paragraphs(["Warsztaty odbędą się w Krakowie; liczba miejsc jest ograniczona."]),
        live=False,
    )
    section.add_child(instance=page)
    page.save_revision(user=partner)
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, partner)


@transaction.atomic
def _reports() -> None:
    if AccessibilityReport.objects.exists():
        return
    today = timezone.localdate()
    services.report_submit(
        actor=SYSTEM,
        data=services.ReportData(
            name="Jan Przykładowy",
            email="jan.przykladowy@kierunek.example",
            address="/strony/mpku/",
            description="Plik z materiałami posiedzenia Rady nie jest czytany przez mój czytnik ekranu.",
            wanted="Proszę o wersję w formacie DOCX.",
        ),
        today=today - timedelta(days=2),
    )
    services.report_submit(
        actor=SYSTEM,
        data=services.ReportData(
            name="Maria Testowa",
            email="maria.testowa@kierunek.example",
            address="/strony/inwestorzy/",
            description="Zdjęcia w galerii nie mają opisów, które coś mówią.",
        ),
        today=today - timedelta(days=9),
    )


def seed(*, size: str) -> Iterator[int]:
    tree = portal_tree_ensure()
    officer, partner, metropolis = (
        _user(Role.OFFICER),
        _user(Role.PARTNER_STAFF),
        _user(Role.METROPOLIS_STAFF),
    )
    for section in SECTIONS:
        people: dict[str | None, User | None] = {
            None: officer,
            Role.PARTNER_STAFF: partner,
            Role.METROPOLIS_STAFF: metropolis,
        }
        person = people[section.editor_role]
        if person is not None:
            editor_join(user=person, section_slug=section.slug)
    yield 1
    categories = {
        slug: NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in CATEGORIES
    }
    root = tree.root
    if not root.body:
        root.body = [("voucher_rules", None), ("next_events", {"count": 3})]
        _publish(root, officer)
    yield 1
    for slug, section in tree.sections.items():
        _pages(section, slug, officer)
    yield 1
    for slug, section in tree.sections.items():
        _news(section, slug, officer, categories)
    yield 1
    _waiting_for_approval(tree.sections["mpku"], partner)
    for slug, section in tree.sections.items():
        topic = Topic.objects.filter(slug=SECTION_TOPICS[slug]).first()
        section = SectionPage.objects.get(pk=section.pk)
        if topic is not None and section.newsletter_topic_id is None:
            section.newsletter_topic = topic
            section.contact = (
                "Biuro programu Kierunek\nul. Basztowa 22, 31-156 Kraków\nkierunek@kierunek.example"
            )
            _publish(section, officer)
    yield 1
    _reports()
    yield 1
