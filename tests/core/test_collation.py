"""Polish alphabetical order (kierunek.core.collation), and the lists that use it: the same order
whatever the database's collation."""

import pytest

from kierunek.core.collation import polish_key, polish_sorted


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Dąbrowa Tarnowska", "Drwinia"),  # ą is a letter after a, before b
        ("Lanckorona", "Łapanów"),  # Ł after L
        ("Łapanów", "Łącko"),  # a before ą
        ("Lubień", "Łabowa"),
        ("Zakopane", "Źródła"),  # ź after z
        ("Źródła", "Żabno"),  # ż after ź
        ("Szczawnica", "Śledź"),
        ("Osiek", "Ólski"),
        ("Nowy Sącz", "Nowy Targ"),  # ą before t; the space counts
        ("Nowy Targ", "Nowytarski"),  # a space before any letter
        ("Cieszyn", "Ćwiklice"),
        ("Ewa", "Ęwa"),
        ("nowak", "Nowak"),  # case breaks a tie only, lower case first
        ("Nowak", "nowaka"),
        ("Bochnia", "Bochnia 2"),
        ("Bochnia 2", "Bochnia A"),  # digits before letters
        ("Muller", "Müller"),  # other accents sort with their base letter, then break the tie
        ("Müller", "Mullera"),
    ],
)
def test_polish_order(before, after):
    assert polish_key(before) < polish_key(after)


def test_the_gminas_of_the_issue_in_polish_order():
    names = [
        "Łącko",
        "Drwinia",
        "Łapanów",
        "Dąbrowa Tarnowska",
        "Lanckorona",
        "Zakopane",
        "Żabno",
        "Alwernia",
    ]
    assert polish_sorted(names) == [
        "Alwernia",
        "Dąbrowa Tarnowska",
        "Drwinia",
        "Lanckorona",
        "Łapanów",
        "Łącko",
        "Zakopane",
        "Żabno",
    ]


def test_people_by_last_name_then_first_name():
    people = [("Łukasz", "Żak"), ("Anna", "Łęcka"), ("Ewa", "Lis"), ("Ćwirek", "Łęcka"), ("Adam", "Łęcka")]
    assert polish_sorted(people, key=lambda person: (person[1], person[0])) == [
        ("Ewa", "Lis"),
        ("Adam", "Łęcka"),
        ("Anna", "Łęcka"),
        ("Ćwirek", "Łęcka"),
        ("Łukasz", "Żak"),
    ]


def test_spaces_and_composed_letters_do_not_change_the_order():
    assert polish_key("  Nowy   Sącz ") == polish_key("Nowy Sącz")
    assert polish_key("Nowy Sa\u0328cz") == polish_key("Nowy Sącz")  # a + combining ogonek


def test_the_order_is_total():
    names = ["Nowak", "nowak", "NOWAK", "Nowák"]
    assert len({polish_key(name) for name in names}) == 4
    assert polish_sorted(names) == polish_sorted(reversed(names))
