"""The demo's words: pages and news of each section, written for the demo (made up, marked as
such in the text where a reader could take them for real)."""

# ruff: noqa: E501  (the demo's sentences stay whole, one per line)
from __future__ import annotations

CATEGORIES = [
    ("nabory", "Nabory"),
    ("posiedzenia", "Posiedzenia i spotkania"),
    ("raporty", "Raporty i analizy"),
    ("wydarzenia", "Wydarzenia"),
    ("porady", "Porady"),
]

# slug of the section: [(slug, kind, title, summary, paragraphs)]
PAGES = {
    "program": [
        (
            "jak-korzystac-z-bonow",
            "guide",
            "Jak korzystać z bonów szkoleniowych",
            "Krok po kroku: od wniosku do zaświadczenia o ukończeniu szkolenia.",
            [
                "Bon szkoleniowy to elektroniczna jednostka, którą płacisz za usługę rozwojową z katalogu. "
                "Wartość bonu i wielkość pakietów wynikają z zasad programu obowiązujących w dniu wydania bonów.",
                "Najpierw składasz wniosek i spotykasz się z doradcą. Razem przygotowujecie bilans kompetencji "
                "i plan rozwoju. Po jego podpisaniu otrzymujesz pakiet bonów.",
            ],
        ),
        (
            "kto-moze-skorzystac",
            "guide",
            "Kto może skorzystać z programu",
            "Warunki udziału: miejsce zamieszkania, pracy lub nauki w Małopolsce i status na rynku pracy.",
            [
                "Z programu mogą skorzystać osoby dorosłe, które mieszkają, pracują lub uczą się w Małopolsce. "
                "Każdy nabór może wprowadzać dodatkowe warunki, a wniosek od razu mówi, które z nich dotyczą Ciebie.",
            ],
        ),
        (
            "pytania-i-odpowiedzi",
            "faq",
            "Najczęstsze pytania",
            "Odpowiedzi na pytania, które mieszkańcy zadają najczęściej.",
            [],
        ),
        (
            "nabor-2027",
            "call",
            "Nabór wniosków w 2027 roku",
            "Terminy naboru i składania zamówień na bony — zawsze aktualne, pobierane z zasad programu.",
            ["Poniższe terminy pochodzą wprost z systemu, więc zmiana zasad od razu zmienia tę stronę."],
        ),
    ],
    "mpku": [
        (
            "historia-partnerstwa",
            "page",
            "Historia partnerstwa",
            "Jak powstało Małopolskie Partnerstwo na rzecz Kształcenia Ustawicznego (opis przykładowy).",
            [
                "Partnerstwo zawiązały w 2009 roku instytucje rynku pracy, szkoły, uczelnie i organizacje "
                "pozarządowe regionu, aby wspólnie rozwijać uczenie się dorosłych (tekst demonstracyjny).",
            ],
        ),
    ],
    "inwestorzy": [
        (
            "oferta-dla-inwestorow",
            "guide",
            "Oferta kadrowa dla inwestorów",
            "Co partnerstwo przygotowuje dla firm, które inwestują w regionie.",
            [
                "Pomagamy znaleźć szkolenia dla przyszłych pracowników i wspieramy zwalnianych pracowników w przekwalifikowaniu."
            ],
        ),
    ],
    "forum-edukacji": [
        (
            "plan-edukacyjny-metropolii",
            "page",
            "Plan edukacyjny Metropolii",
            "Założenia planu edukacyjnego gmin Metropolii Krakowskiej (opis przykładowy).",
            [
                "Gminy Metropolii wspólnie planują doradztwo zawodowe, doskonalenie nauczycieli i współpracę z pracodawcami."
            ],
        ),
    ],
}

FAQ = [
    (
        "Ile kosztuje udział w programie?",
        "Większość kosztu pokrywa program; część usług wymaga wkładu własnego.",
    ),
    ("Czy mogę wybrać szkolenie online?", "Tak, katalog zawiera usługi stacjonarne, zdalne i mieszane."),
    (
        "Co, jeśli nie ukończę szkolenia?",
        "Niewykorzystane bony wracają na Twoje konto, jeśli szkolenie się nie odbyło.",
    ),
]

# slug of the section: [(days ago, title, author, summary, category slugs, tags, with gallery, file title)]
NEWS = {
    "program": [
        (
            40,
            "Ruszył nabór wniosków o bony szkoleniowe",
            "Biuro programu",
            "Od dziś mieszkańcy Małopolski mogą składać wnioski o bony.",
            ["nabory"],
            ["bony", "nabór"],
            False,
            "Regulamin naboru",
        ),
        (
            12,
            "Nowe usługi w katalogu: kursy zawodowe",
            "Biuro programu",
            "Do katalogu dołączyły kursy przygotowujące do egzaminów zawodowych.",
            ["porady"],
            ["katalog"],
            False,
            "",
        ),
    ],
    "mpku": [
        (
            30,
            "Posiedzenie Rady Partnerstwa — podsumowanie",
            "Sekretariat MPKU",
            "Rada omówiła wyniki ewaluacji i plan pracy na kolejny rok. Materiały do pobrania.",
            ["posiedzenia"],
            ["rada", "ewaluacja"],
            True,
            "Materiały z posiedzenia Rady",
        ),
        (
            8,
            "Raport o uczeniu się dorosłych w regionie",
            "Zespół analiz MPKU",
            "Publikujemy raport o udziale dorosłych w kształceniu ustawicznym (dane demonstracyjne).",
            ["raporty"],
            ["raport"],
            False,
            "Raport (wersja demonstracyjna)",
        ),
    ],
    "inwestorzy": [
        (
            20,
            "Spotkanie rady partnerstwa inwestorów w Niepołomicach",
            "Sekretariat partnerstwa",
            "Członkowie rady odwiedzili strefę inwestycyjną i omówili potrzeby kadrowe firm.",
            ["posiedzenia"],
            ["inwestorzy", "outplacement"],
            True,
            "Prezentacja ze spotkania",
        ),
    ],
    "forum-edukacji": [
        (
            15,
            "Porozumienie Metropolii z ośrodkiem doskonalenia nauczycieli",
            "Biuro Metropolii",
            "Metropolia i ośrodek doskonalenia nauczycieli podpisały porozumienie o współpracy.",
            ["wydarzenia"],
            ["nauczyciele", "porozumienie"],
            True,
            "Tekst porozumienia (przykład)",
        ),
    ],
}
