from io import BytesIO

from pypdf import PdfReader

from kierunek.core.pdf import render_pdf

PANGRAM = "Zażółć gęślą jaźń"


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def test_polish_characters_survive_the_round_trip():
    pdf = render_pdf(
        title=f"Plan rozwoju — {PANGRAM}",
        meta={"Uczestnik": "Łucja Źdźbło", "Doradca": "Ścibor Żółtek"},
        sections=[("Obszar 1: język angielski", [PANGRAM, "ZAŻÓŁĆ GĘŚLĄ JAŹŃ"])],
    )

    assert pdf.startswith(b"%PDF-")
    text = _text(pdf)
    assert PANGRAM in text
    assert "ZAŻÓŁĆ GĘŚLĄ JAŹŃ" in text
    assert "Łucja Źdźbło" in text
    assert "Obszar 1: język angielski" in text


def test_markup_in_user_text_is_literal_and_output_is_reproducible():
    sections = [("Uwagi", ["<b>nie pogrubiaj</b> & <script>", "linia 1\nlinia 2"])]

    first = render_pdf(title="Dokument", sections=sections)
    second = render_pdf(title="Dokument", sections=sections)

    assert first == second
    text = _text(first)
    assert "<b>nie pogrubiaj</b> & <script>" in text
    assert "linia 2" in text


def test_long_documents_flow_onto_more_pages():
    pdf = render_pdf(title="Długi", sections=[(f"Sekcja {i}", [PANGRAM * 5] * 5) for i in range(30)])

    assert len(PdfReader(BytesIO(pdf)).pages) > 1
