"""Builders for the portal's tests: news items and pages made and published as Wagtail does."""

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from kierunek.cms.models import NewsPage

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def document(title="Materiały z posiedzenia"):
    doc = Document(title=title)
    doc.file.save("materialy.pdf", ContentFile(PDF), save=False)
    doc.save()
    return doc


def news(section, *, title="Posiedzenie Rady Partnerstwa", user=None, publish=True, **fields):
    page = NewsPage(
        title=title,
        author=fields.pop("author", "Sekretariat"),
        summary=fields.pop("summary", "Rada omówiła plan pracy."),
        body=fields.pop("body", [("text", "<p>Rada omówiła plan pracy na kolejny rok.</p>")]),
        live=False,
        **fields,
    )
    section.add_child(instance=page)
    revision = page.save_revision(user=user)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    return page
