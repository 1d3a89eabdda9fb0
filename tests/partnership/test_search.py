"""Find an institution: the search by need forgives inflection and missing diacritics (the
catalogue's Polish analyser), filters by audience and powiat, and shows only what partner
institutions offer now; the library of good practices searches the same way, and by tag."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kierunek.core.actor import Actor
from kierunek.partnership import domain, selectors, services

from . import builders as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    wadowice = b.partner()
    nowy_targ = b.partner("Centrum Kształcenia Zawodowego w Nowym Targu", powiat=b.NOWY_TARG, kind="training")
    entries = {
        "guidance": b.entry(wadowice),
        "accounting": b.entry(
            nowy_targ,
            title="Szkolenie z księgowości dla małych firm",
            description="Kurs podstaw rachunkowości.",
            for_residents=False,
            for_employers=True,
        ),
        "data": b.entry(
            wadowice,
            kind="data",
            title="Dane o bezrobociu w powiecie",
            description="Zestawienia bezrobotnych według zawodów.",
            for_residents=False,
            for_partners=True,
        ),
    }
    return entries


def titles(entries):
    return [entry.title for entry in entries]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("doradztwa zawodowego", "Doradztwo zawodowe dla osób dorosłych"),  # inflected
        ("doradca", "Doradztwo zawodowe dla osób dorosłych"),  # the description's word, another form
        ("ksiegowosc", "Szkolenie z księgowości dla małych firm"),  # no diacritics
        ("KSIĘGOWOŚĆ", "Szkolenie z księgowości dla małych firm"),
        ("bezrobotni", "Dane o bezrobociu w powiecie"),
    ],
)
def test_a_need_in_any_form_finds_the_entry(directory, query, expected):
    assert expected in titles(selectors.directory_search(q=query))


def test_every_word_must_match(directory):
    assert selectors.directory_search(q="księgowość doradztwo") == []


def test_audience_and_powiat_filter(directory):
    assert titles(selectors.directory_search(audience=domain.EMPLOYERS)) == [
        "Szkolenie z księgowości dla małych firm"
    ]
    assert set(titles(selectors.directory_search(powiat=b.WADOWICE))) == {
        "Doradztwo zawodowe dla osób dorosłych",
        "Dane o bezrobociu w powiecie",
    }
    assert selectors.directory_search(q="księgowość", powiat=b.WADOWICE) == []
    assert titles(selectors.directory_search(audience=domain.PARTNERS, powiat=b.WADOWICE)) == [
        "Dane o bezrobociu w powiecie"
    ]


def test_an_entry_named_for_the_need_ranks_first(directory):
    b.entry(
        directory["guidance"].institution,
        title="Klub pracy",
        description="Warsztaty i doradztwo w grupie.",
    )
    assert titles(selectors.directory_search(q="doradztwo"))[0] == "Doradztwo zawodowe dla osób dorosłych"


def test_hidden_entries_and_institutions_that_are_not_members_are_not_shown(directory):
    outsider = b.institution("Stowarzyszenie Spoza Partnerstwa")  # applied for nothing
    b.entry(outsider, title="Doradztwo zawodowe spoza partnerstwa")
    hidden = directory["data"]
    services.entry_update(
        actor=Actor.of(hidden.institution.staff.first().user),
        entry_id=hidden.pk,
        data={
            **{
                f: getattr(hidden, f)
                for f in (
                    "kind",
                    "title",
                    "description",
                    "for_residents",
                    "for_employers",
                    "for_partners",
                    "conditions",
                    "is_free",
                    "cost",
                    "how_to_apply",
                    "gmina",
                )
            },
            "is_active": False,
        },
    )
    found = titles(selectors.directory_search(q="doradztwo"))
    assert "Doradztwo zawodowe spoza partnerstwa" not in found
    assert "Dane o bezrobociu w powiecie" not in titles(selectors.directory_search(powiat=b.WADOWICE))


def test_stop_words_alone_find_nothing_rather_than_everything(directory):
    assert selectors.directory_search(q="i w z") == []


def test_the_library_finds_published_practices_by_word_and_tag():
    institution = b.partner()
    published = b.reviewed(b.submitted(b.practice(institution)))
    draft = b.practice(institution, title="Szkoła dla seniorów", tags=["seniorzy"])

    assert [p.pk for p in selectors.library_search(q="biblioteka")] == [published.pk]  # "bibliotekach"
    assert [p.pk for p in selectors.library_search(tag="doradztwo")] == [published.pk]
    assert selectors.library_search(q="seniorow") == []  # a draft is not public
    assert draft.pk not in [p.pk for p in selectors.library_search()]


@pytest.mark.parametrize(
    ("text", "groups", "matched"),
    [
        (" doradztwo zawodowy ", [[("doradztwo", False)]], True),
        (" doradztwo zawodowy ", [[("doradz", True)]], True),
        (" doradztwo ", [[("doradz", False)]], False),
        (" doradztwo ", [[("doradztwo", False)], [("ksiegowosc", False)]], False),
        (" doradztwo ", [[("ksiegowosc", False), ("doradztwo", False)]], True),
        ("", [[("a", True)]], False),
    ],
)
def test_matching_rule(text, groups, matched):
    assert domain.matches(text, groups) is matched


TOKENS = st.text(alphabet="abcdelnorsz", min_size=1, max_size=6)


@given(document=st.lists(TOKENS, max_size=8), query=st.lists(TOKENS, min_size=1, max_size=3))
def test_a_word_matches_only_a_whole_token_of_the_document(document, query):
    """The stored text's spaces make a word match a whole token, never a part of one."""
    text = domain.search_text(document)
    assert domain.matches(text, [[(word, False)] for word in query]) is set(query).issubset(document)


@given(document=st.lists(TOKENS, max_size=8), prefix=TOKENS)
def test_a_prefix_matches_the_start_of_a_token_only(document, prefix):
    text = domain.search_text(document)
    assert domain.matches(text, [[(prefix, True)]]) is any(token.startswith(prefix) for token in document)


@pytest.mark.parametrize(
    "query", ["doradztwo", "ksiegowosc firm", "dane", "bezrobotni", "doradz", "szkolenie"]
)
def test_the_database_filter_is_the_matching_rule(directory, query):
    from kierunek.partnership.models import DirectoryEntry
    from kierunek.partnership.search import query_groups

    groups = query_groups(query)
    expected = {e.pk for e in DirectoryEntry.objects.all() if domain.matches(e.search_text, groups)}
    assert {e.pk for e in selectors.directory_search(q=query)} == expected
