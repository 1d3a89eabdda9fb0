"""The data of the word families (kierunek.catalogue.search.families): every word is a lemma the
analyser gives, the ESCO pairs are what their generator gives, and families stay small and apart."""

import pytest

from kierunek.catalogue.search import families as families_module
from kierunek.catalogue.search.families import (
    DATA_FILES,
    equivalents_parse,
    families,
    families_parse,
    family_expansion,
    word_family,
    word_generic,
)
from kierunek.catalogue.search.text import GENERIC_QUERY_WORDS, STOP_WORDS, fold, word_lemmas
from scripts.esco_word_families import TARGET, esco_families_text, is_feminine_pair

CURATED = families_module.DATA_DIR / "families_curated.txt"


def raw_words(path) -> list[str]:
    """The words of a data file as written (with diacritics), before any "#"."""
    return [
        word
        for line in path.read_text(encoding="utf-8").splitlines()
        for entry in line.split("#", 1)[0].split()
        for word in entry.split("/")
    ]


def test_the_data_files_are_the_curated_table_and_the_esco_pairs():
    assert tuple(path.name for path in (CURATED, TARGET)) == DATA_FILES
    assert TARGET.parent == families_module.DATA_DIR


def test_every_curated_word_is_a_lemma_of_itself():
    """A family word that is not a lemma would never meet a document's lemma ("programowanie" is
    only a form of "programować" for Morfeusz)."""
    not_lemmas = [word for word in raw_words(CURATED) if fold(word) not in word_lemmas(word)]
    assert not_lemmas == []


def test_the_curated_table_covers_the_trades_of_a_labour_market_catalogue():
    parsed = families_parse(CURATED.read_text(encoding="utf-8"))
    assert len(parsed) >= 150
    words = {word for family in parsed for word in family}
    for occupation in ["fryzjer", "ksiegowy", "spawacz", "kucharz", "elektryk", "programista", "opiekunka"]:
        assert occupation in words


def test_the_esco_pairs_are_what_their_generator_gives():
    assert TARGET.read_text(encoding="utf-8") == esco_families_text()


@pytest.mark.parametrize(
    ("masculine", "feminine", "paired"),
    [
        ("fryzjer", "fryzjerka", True),
        ("kierowca", "kierowczyni", True),
        ("księgowy", "księgowa", True),
        ("technik", "techniczka", True),
        ("pracownik", "pracownica", True),
        ("kosmetolog", "kosmetyczka", False),  # another title of the same occupation
        ("mechanik", "mechanika", False),  # the field, not a woman
        ("geolog", "geologia", False),
        ("fryzjer", "fryzjer", False),
        ("kat", "kata", False),
    ],
)
def test_an_esco_pair_shares_its_stem(masculine, feminine, paired):
    assert is_feminine_pair(masculine, feminine) is paired


def test_families_parse():
    text = "# a comment\nFryzjer fryzjerka  # the trade\n\nsłowo\nKsięgowy księgowy księgowa\n"
    assert families_parse(text) == [("fryzjer", "fryzjerka"), ("ksiegowy", "ksiegowa")]


def test_words_joined_by_a_slash_are_one_family_and_each_others_equivalents():
    text = "spawacz/spawaczka spawanie  # the trade\nkierowca/kierowczyni\n"
    assert families_parse(text) == [("spawacz", "spawaczka", "spawanie"), ("kierowca", "kierowczyni")]
    assert equivalents_parse(text) == [("spawacz", "spawaczka"), ("kierowca", "kierowczyni")]


@pytest.mark.parametrize(
    ("token", "generic"),
    [
        ("spawaczka", {"spawacz"}),
        ("ksiegowa", {"ksiegowy"}),
        ("kierowczyni", {"kierowca"}),
        ("fryzjerka", {"fryzjer"}),  # from the ESCO pairs as well
        ("spawacz", set()),  # the masculine is the generic title itself
        ("spawanie", set()),  # the activity: family, not a title
        ("posadzka", set()),  # the floor, not a woman laying it
    ],
)
def test_a_feminine_job_titles_generic_form_is_the_masculine(token, generic):
    assert word_generic(token) == generic


def test_families_sharing_a_word_are_joined():
    assert {"montaz", "montazysta", "monter", "monterka", "montazystka"} <= word_family("montaz")
    assert word_family("monter") == word_family("montazysta")


def test_families_stay_small_and_hold_no_word_a_query_drops():
    assert max(len(family) for family in families()) <= 8
    words = {word for family in families() for word in family}
    assert not words & STOP_WORDS
    assert not words & GENERIC_QUERY_WORDS


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("kierowca", "kierownik"),
        ("fryzjer", "kosmetyczka"),
        ("technik", "techniczny"),
        ("ochroniarz", "ochrona"),
        ("sadownik", "sad"),  # "sąd", folded
        ("polonistka", "polski"),
        ("pielegniarka", "pielegnacja"),
        ("ksiegowa", "kadry"),
        ("ksiegowa", "rachunkowosc"),
        ("programista", "program"),
        ("urzednik", "urzad"),
        ("przedsiebiorca", "przedsiebiorstwo"),
        ("higienistka", "higiena"),
        ("kowal", "kowalski"),
    ],
)
def test_unrelated_words_are_in_no_family_together(one, other):
    assert other not in word_family(one)


def test_family_expansion():
    assert word_family("fryzjerka") == {"fryzjer", "fryzjerka", "fryzjerski", "fryzjerstwo"}
    assert family_expansion(["fryzjerki", "fryzjerka"]) == {"fryzjer", "fryzjerski", "fryzjerstwo"}
    assert family_expansion(["ksiegowa", "ksiegowy"]) == {"ksiegowosc", "ksiegowac"}
    assert word_family("python") == frozenset()
    assert family_expansion(["python", "pythonie"]) == frozenset()
