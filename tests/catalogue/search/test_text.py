"""The Polish analyser (kierunek.catalogue.search.text): table-driven. A query matches a document when
every group of the query has an alternative among the document's tokens (what both engines do)."""

import pytest

from kierunek.catalogue.search.text import (
    Alternative,
    analyse_query,
    core_alternatives,
    document_tokens,
    fold,
    restored_lemmas,
    word_lemmas,
)


def matches(query: str, document: str) -> bool:
    tokens = set(document_tokens(document))
    groups = analyse_query(query)
    assert groups, f"nothing left of {query!r}"
    return all(
        any(
            any(token.startswith(alt.token) for token in tokens) if alt.prefix else alt.token in tokens
            for alt in group
        )
        for group in groups
    )


def shown(query: str) -> list[list[str]]:
    return [[str(alternative) for alternative in group] for group in analyse_query(query)]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Księgowość", "ksiegowosc"),
        ("ŁÓDŹ", "lodz"),
        ("zażółć gęślą jaźń", "zazolc gesla jazn"),
        ("Nowy Sącz", "nowy sacz"),
        ("ĄĆĘŁŃÓŚŹŻ", "acelnoszz"),
    ],
)
def test_diacritics_are_folded_and_case_lowered(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("programowania", "programowac"),
        ("kategorii", "kategoria"),
        ("jazdy", "jazda"),
        ("prawa", "prawo"),  # "prawo:S" without its qualifier
        ("Księgowości", "ksiegowosc"),
        ("szkolenia", "szkolenie"),
        ("angielskiego", "angielski"),
        ("opiekunów", "opiekun"),
        ("starszych", "stary"),
        ("wózków", "wozek"),
    ],
)
def test_lemmas_of_inflected_words(word, lemma):
    assert lemma in word_lemmas(word)


def test_unknown_words_have_no_lemma():
    assert word_lemmas("ksiegowosc") == ()
    assert word_lemmas("Pythonie") == ()


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("ksiegowosc", "ksiegowosc"), ("wozkow", "wozek"), ("jezyka", "jezyk"), ("zrodla", "zrodlo")],
)
def test_lemmas_of_words_typed_without_diacritics(word, lemma):
    assert lemma in restored_lemmas(word)


def test_too_many_spellings_are_not_tried():
    assert restored_lemmas("zazolcgeslajazn") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # surface form first, then its lemmas, folded
        ("Księgowość", ["ksiegowosc"]),
        ("Kursu programowania", ["kursu", "kurs", "programowania", "programowac"]),
        # letters stay letters (Morfeusz would make "C" a cent and "B" a byte)
        ("kategorii C", ["kategorii", "kategoria", "c"]),
        ("kat. B", ["kat", "kategoria", "b"]),
        # symbols of names become letters, so that both engines keep them whole
        ("C+E", ["cpluse"]),
        ("C++ i C#", ["cplusplus", "i", "csharp"]),
        ("Excel 365", ["excel", "excela", "365"]),
    ],
)
def test_document_tokens(text, expected):
    tokens = document_tokens(text)
    assert tokens[: len(expected)] == expected or tokens == expected
    assert all(token.isascii() and token.isalnum() and token == token.lower() for token in tokens)


@pytest.mark.parametrize(
    ("query", "groups"),
    [
        # stop words go
        (
            "księgowość dla początkujących",
            [
                ["ksiegowa", "ksiegowac", "ksiegowosc", "ksiegowy"],
                ["poczatkowac", "poczatkujaca", "poczatkujacy", "poczatkujacych"],
            ],
        ),
        # generic words of the domain go, in queries (and a word brings its family)
        (
            "szkolenia z programowania",
            [["programista", "programistka", "programistyczny", "programowac", "programowania"]],
        ),
        ("kurs excel", [["excel", "excela"]]),
        (
            "warsztaty z negocjacji",
            [
                [
                    "negocjacja",
                    "negocjacje",
                    "negocjacji",
                    "negocjacyjny",
                    "negocjator",
                    "negocjatorka",
                    "negocjowac",
                ]
            ],
        ),
        # ...unless nothing else is left
        ("kurs", [["kurs"]]),
        # abbreviations are expanded; letters are kept
        ("prawo jazdy kat. C", [["prawo"], ["jazda", "jazdy"], ["kategoria"], ["c"]]),
        ("kat C", [["kategoria"], ["c"]]),
        ("j. niem.", [["jezyk"], ["niemiecki"]]),  # an abbreviation brings no family
        ("j. angielski", [["jezyk"], ["angielski", "angielszczyzna", "anglista", "anglistka", "anglistyka"]]),
        # a stop-word letter is a category after "kategoria"
        ("prawo jazdy kategorii A", [["prawo"], ["jazda", "jazdy"], ["kategoria", "kategorii"], ["a"]]),
        ("C+E", [["cpluse"]]),
        # words typed without diacritics: the lemmas of the words they stand for
        (
            "ksiegowosci",
            [
                [
                    "ksiegowa",
                    "ksiegowac",
                    "ksiegowosc",
                    "ksiegowosci",
                    "ksiegowy",
                ]
            ],
        ),
        ("wozki widlowe", [["wozek", "wozki"], ["widlowe", "widlowy"]]),
        # other unknown words are prefixes; from five letters on without their ending
        ("python", [["pyth*"]]),
        ("sql", [["sql*"]]),
        ("zarzadzania", [["zarzadzan*"]]),
        # a word once
        ("excel excel", [["excel", "excela"]]),
        # nothing to look for
        ("", []),
        ("i w z", []),
        ("!!! ...", []),
    ],
)
def test_query_groups(query, groups):
    assert shown(query) == groups


def test_alternatives_are_typed():
    assert analyse_query("python") == ((Alternative("pyth", prefix=True),),)


@pytest.mark.parametrize(
    ("query", "document", "found"),
    [
        # diacritics missing in the query
        ("ksiegowosc", "Księgowość dla początkujących", True),
        ("ksiegowosci", "Księgowość dla początkujących", True),
        ("jezyk angielski", "Język angielski - poziom B2", True),
        # inflection on either side
        ("szkolenia z programowania", "Kurs programowania w Pythonie", True),
        ("programowanie", "Kurs programowania w Pythonie", True),
        ("python", "Kurs programowania w Pythonie", True),
        ("opiekun osób starszych", "Opieka nad osobami starszymi: kurs dla opiekunów", True),
        ("wózki widłowe", "Operator wózków widłowych", True),
        ("wozki widlowe", "Operator wózków widłowych", True),
        # compound queries: every word must be found
        ("prawo jazdy kat. C", "Kurs prawa jazdy kategorii C", True),
        ("prawo jazdy kat. C", "Kurs prawa jazdy kategorii B", False),
        ("prawo jazdy kat. C", "Kurs prawa jazdy kategorii C+E", False),
        ("prawo jazdy kat. C+E", "Kurs prawa jazdy kategorii C+E", True),
        ("prawo jazdy kategoria B", "Prawo jazdy kat. B - kurs przyspieszony", True),
        ("angielski niemiecki", "Język angielski - poziom B2", False),
        ("księgowość", "Kurs programowania w Pythonie", False),
    ],
)
def test_query_matches_document(query, document, found):
    assert matches(query, document) is found


# --- word families (kierunek.catalogue.search.families) ---------------------------------------


@pytest.mark.parametrize(
    ("query", "document"),
    [
        # feminine ↔ masculine job titles (Morfeusz gives the feminine its own lemma)
        ("masażystki", "Masażysta sportowy"),
        ("kierowczyni", "Kurs dla kierowców zawodowych"),
        ("ciężarówki", "Prowadzić samochód ciężarowy powyżej 3,5 t"),
        ("nauczycielka", "Warsztaty dla nauczycieli"),
        ("fryzjerki", "Fryzjer męski: strzyżenie brody"),
        ("opiekunka", "Kurs dla opiekunów osób starszych"),
        ("sprzedawczyni", "Sprzedawca z obsługą kasy fiskalnej"),
        ("pielęgniarka", "Pielęgniarz anestezjologiczny"),
        ("kucharki", "Pomocnik kucharza"),
        ("fryzjer", "Fryzjerka: kurs kwalifikacyjny"),
        ("kierowca", "Kierowczyni autobusu"),
        # occupation ↔ activity ↔ field
        ("fryzjerka", "Fryzjerstwo damskie"),
        ("księgowej", "Księgowość dla początkujących"),
        ("księgowa", "Księgowość małej firmy"),
        ("tłumaczka", "Tłumaczenie tekstów specjalistycznych"),
        ("tłumaczeniem", "Tłumaczka przysięgła"),
        ("kadrowa", "Kadry i płace"),
        ("kadry", "Specjalista ds. kadrowych"),
        ("spawacz", "Spawanie metodą TIG"),
        ("spawanie", "Kurs dla spawaczy"),
        ("programista", "Kurs programowania w Pythonie"),
        ("programowanie", "Programistka front-end"),
        ("opiekunka", "Opieka nad osobami starszymi"),
        ("graficzka", "Grafika komputerowa"),
        ("grafik", "Projektowanie graficzne"),
        ("kosmetyczka", "Kosmetologia estetyczna"),
        ("kucharz", "Gotowanie dla początkujących"),
        ("magazynier", "Gospodarka magazynowa"),
        ("anglistka", "Język angielski w biznesie"),
        # occupation ↔ adjective
        ("elektryk", "Instalacje elektryczne do 1 kV"),
        ("elektryczne", "Elektryk: uprawnienia SEP"),
        ("fryzjerka", "Technik usług fryzjerskich"),
        ("kosmetyczka", "Zabiegi kosmetyczne twarzy"),
        ("logistyk", "Procesy logistyczne w firmie"),
        # typed without diacritics
        ("ksiegowa", "Księgowość w praktyce"),
        ("ksiegowej", "Księgowość w małej firmie"),
        ("tlumaczenie", "Tłumaczka przysięgła"),
        ("pielegniarka", "Pielęgniarstwo: kurs specjalistyczny"),
        ("sprzataczka", "Sprzątanie biur i obiektów"),
        ("kucharka", "Gotowanie"),
    ],
)
def test_a_word_finds_its_family(query, document):
    assert matches(query, document)


@pytest.mark.parametrize(
    ("query", "document"),
    [
        # families of different trades stay apart
        ("fryzjerka", "Kosmetyka pielęgnacyjna"),
        ("księgowa", "Kurs programowania w Pythonie"),
        ("kierowczyni", "Kierownik zespołu"),
        ("ciężarówka", "Ciężar właściwy i gęstość"),
        # words left out of a family on purpose, for their other meanings
        ("technik", "Rysunek techniczny"),
        ("ochroniarz", "Ochrona danych osobowych"),
        ("sadownik", "Sąd pracy: prawa pracownika"),
        ("pielęgniarka", "Pielęgnacja terenów zielonych"),
        ("polonistka", "Polski Związek Wędkarski"),
        ("budowlaniec", "Budowa stron internetowych"),
        ("księgowa", "Rachunkowość budżetowa"),  # a synonym, not a derivation
    ],
)
def test_a_family_does_not_reach_other_meanings(query, document):
    assert not matches(query, document)


@pytest.mark.parametrize(
    ("query", "groups"),
    [
        # the family joins the word's own alternatives, in one group
        ("fryzjerki", [["fryzjer", "fryzjerka", "fryzjerki", "fryzjerski", "fryzjerstwo"]]),
        ("kierowczyni", [["kierowca", "kierowczyni"]]),
        # stop words and generic words still go; other words keep their groups
        (
            "kurs dla fryzjerki z Krakowa",
            [["fryzjer", "fryzjerka", "fryzjerki", "fryzjerski", "fryzjerstwo"], ["krakow", "krakowa"]],
        ),
        # an unknown word stays a prefix, with no family
        ("fryzjerstwa24", [["fryzjerstwa24"]]),
        ("barberka", [["barber*"]]),
    ],
)
def test_family_groups(query, groups):
    assert shown(query) == groups


@pytest.mark.parametrize(
    ("query", "typed"),
    [
        # the word's surface form and its lemmas are typed, and a feminine job title's masculine
        # (course titles use it for everybody); the rest of the family is not
        ("fryzjerki", {"fryzjerka", "fryzjerki", "fryzjer"}),
        ("fryzjer", {"fryzjer"}),
        ("fryzjerstwo", {"fryzjerstwo"}),
        # typed without diacritics: the surface form and the restored lemmas
        ("ksiegowosc", {"ksiegowosc"}),
        ("kurs dla fryzjerki z Krakowa", {"fryzjerka", "fryzjerki", "fryzjer", "krakow", "krakowa"}),
    ],
)
def test_the_typed_alternatives_and_the_familys(query, typed):
    groups = analyse_query(query)
    assert {alternative.token for alternative in core_alternatives(groups)} == typed
    family = {alternative.token for group in groups for alternative in group if alternative.family}
    assert family
    assert not family & typed
    assert not any(alternative.family for alternative in core_alternatives(groups))


@pytest.mark.parametrize("query", ["kaligrafia", "python", "kat. C", "fryzjerstwa24"])
def test_no_typed_alternatives_without_a_family(query):
    """No family alternative: nothing to rank apart (one ranking)."""
    groups = analyse_query(query)
    assert not any(alternative.family for group in groups for alternative in group)
    assert core_alternatives(groups) == ()
