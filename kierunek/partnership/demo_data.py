"""The demo's partner institutions, their offer and their good practices: realistic Polish names
across Małopolska's powiats (every institution is marked as demo data on its page). Data only;
``demo.py`` puts it in through the services."""

from __future__ import annotations

# (name, kind, powiat TERYT, town (its gmina), postal code)
INSTITUTIONS: list[tuple[str, str, str, str, str]] = [
    ("Powiatowy Urząd Pracy w Bochni", "labour_market", "1201", "Bochnia", "32-700"),
    ("Powiatowy Urząd Pracy w Brzesku", "labour_market", "1202", "Brzesko", "32-800"),
    ("Powiatowy Urząd Pracy w Chrzanowie", "labour_market", "1203", "Chrzanów", "32-500"),
    ("Powiatowy Urząd Pracy w Dąbrowie Tarnowskiej", "labour_market", "1204", "Dąbrowa Tarnowska", "33-200"),
    ("Powiatowy Urząd Pracy w Gorlicach", "labour_market", "1205", "Gorlice", "38-300"),
    ("Powiatowy Urząd Pracy dla Powiatu Krakowskiego", "labour_market", "1206", "Skawina", "32-050"),
    ("Powiatowy Urząd Pracy w Limanowej", "labour_market", "1207", "Limanowa", "34-600"),
    ("Powiatowy Urząd Pracy w Miechowie", "labour_market", "1208", "Miechów", "32-200"),
    ("Powiatowy Urząd Pracy w Myślenicach", "labour_market", "1209", "Myślenice", "32-400"),
    ("Sądecki Urząd Pracy", "labour_market", "1210", "Stary Sącz", "33-340"),
    ("Powiatowy Urząd Pracy w Nowym Targu", "labour_market", "1211", "Nowy Targ", "34-400"),
    ("Powiatowy Urząd Pracy w Olkuszu", "labour_market", "1212", "Olkusz", "32-300"),
    ("Powiatowy Urząd Pracy w Oświęcimiu", "labour_market", "1213", "Oświęcim", "32-600"),
    ("Powiatowy Urząd Pracy w Proszowicach", "labour_market", "1214", "Proszowice", "32-100"),
    ("Powiatowy Urząd Pracy w Suchej Beskidzkiej", "labour_market", "1215", "Sucha Beskidzka", "34-200"),
    ("Filia Powiatowego Urzędu Pracy w Tuchowie", "labour_market", "1216", "Tuchów", "33-170"),
    ("Powiatowy Urząd Pracy w Zakopanem", "labour_market", "1217", "Zakopane", "34-500"),
    ("Powiatowy Urząd Pracy w Wadowicach", "labour_market", "1218", "Wadowice", "34-100"),
    ("Powiatowy Urząd Pracy w Wieliczce", "labour_market", "1219", "Wieliczka", "32-020"),
    ("Grodzki Urząd Pracy w Krakowie", "labour_market", "1261", "Kraków", "31-534"),
    ("Miejski Urząd Pracy w Nowym Sączu", "labour_market", "1262", "Nowy Sącz", "33-300"),
    ("Powiatowy Urząd Pracy w Tarnowie", "labour_market", "1263", "Tarnów", "33-100"),
    ("Wojewódzki Urząd Pracy w Krakowie", "labour_market", "1261", "Kraków", "30-070"),
    ("Małopolska Wojewódzka Komenda Ochotniczych Hufców Pracy", "labour_market", "1261", "Kraków", "31-154"),
    ("Centrum Kształcenia Zawodowego w Nowym Targu", "education", "1211", "Nowy Targ", "34-400"),
    ("Centrum Kształcenia Zawodowego i Ustawicznego w Wadowicach", "education", "1218", "Wadowice", "34-100"),
    ("Centrum Kształcenia Zawodowego w Gorlicach", "education", "1205", "Gorlice", "38-300"),
    ("Centrum Kształcenia Zawodowego w Oświęcimiu", "education", "1213", "Oświęcim", "32-600"),
    ("Centrum Kształcenia Ustawicznego w Brzesku", "education", "1202", "Brzesko", "32-800"),
    ("Centrum Kształcenia Zawodowego w Limanowej", "education", "1207", "Limanowa", "34-600"),
    ("Centrum Kształcenia Zawodowego w Myślenicach", "education", "1209", "Myślenice", "32-400"),
    ("Centrum Kształcenia Ustawicznego w Olkuszu", "education", "1212", "Olkusz", "32-300"),
    ("Centrum Informacji i Planowania Kariery Zawodowej w Krakowie", "guidance", "1261", "Kraków", "30-070"),
    ("Centrum Informacji i Planowania Kariery Zawodowej w Tarnowie", "guidance", "1263", "Tarnów", "33-100"),
    (
        "Centrum Informacji i Planowania Kariery Zawodowej w Nowym Sączu",
        "guidance",
        "1262",
        "Nowy Sącz",
        "33-300",
    ),
    (
        "Centrum Informacji i Planowania Kariery Zawodowej w Oświęcimiu",
        "guidance",
        "1213",
        "Oświęcim",
        "32-600",
    ),
    ("Uniwersytet Ekonomiczny w Krakowie", "higher_education", "1261", "Kraków", "31-510"),
    ("Akademia Nauk Stosowanych w Nowym Sączu", "higher_education", "1262", "Nowy Sącz", "33-300"),
    ("Akademia Tarnowska", "higher_education", "1263", "Tarnów", "33-100"),
    (
        "Podhalańska Państwowa Uczelnia Zawodowa w Nowym Targu",
        "higher_education",
        "1211",
        "Nowy Targ",
        "34-400",
    ),
    ("Stowarzyszenie Edukacji Dorosłych „Horyzont”", "ngo", "1261", "Kraków", "31-101"),
    ("Fundacja Aktywizacji Zawodowej „Krok Dalej”", "ngo", "1263", "Tarnów", "33-100"),
    ("Stowarzyszenie Uniwersytet Trzeciego Wieku w Bochni", "ngo", "1201", "Bochnia", "32-700"),
    ("Fundacja Rozwoju Ziemi Gorlickiej", "ngo", "1205", "Gorlice", "38-300"),
    ("Stowarzyszenie Rozwoju Podbabiogórza", "ngo", "1215", "Sucha Beskidzka", "34-200"),
    ("Fundacja Inicjatyw Lokalnych „Dunajec”", "ngo", "1262", "Nowy Sącz", "33-300"),
    ("Stowarzyszenie Kobiet Aktywnych Ziemi Miechowskiej", "ngo", "1208", "Miechów", "32-200"),
    ("Izba Przemysłowo-Handlowa w Krakowie", "employers", "1261", "Kraków", "31-031"),
    ("Sądecka Izba Gospodarcza", "employers", "1262", "Nowy Sącz", "33-300"),
    ("Tarnowska Izba Gospodarcza", "employers", "1263", "Tarnów", "33-100"),
    ("Cech Rzemiosł Różnych w Chrzanowie", "employers", "1203", "Chrzanów", "32-500"),
    ("Związek Pracodawców Ziemi Wadowickiej", "employers", "1218", "Wadowice", "34-100"),
    ("Starostwo Powiatowe w Miechowie", "local_government", "1208", "Miechów", "32-200"),
    ("Starostwo Powiatowe w Proszowicach", "local_government", "1214", "Proszowice", "32-100"),
    ("Urząd Miasta i Gminy Wieliczka", "local_government", "1219", "Wieliczka", "32-020"),
    ("Urząd Miasta Zakopane", "local_government", "1217", "Zakopane", "34-500"),
    ("Małopolska Agencja Rozwoju Regionalnego", "business_support", "1261", "Kraków", "30-552"),
    ("Krakowski Park Technologiczny", "business_support", "1261", "Kraków", "30-418"),
    ("Tarnowski Klaster Przemysłowy", "business_support", "1263", "Tarnów", "33-100"),
    ("Małopolski Ośrodek Doradztwa Rolniczego", "other", "1206", "Zabierzów", "32-082"),
]

DESCRIPTIONS = {
    "labour_market": "Pośrednictwo pracy, poradnictwo zawodowe, szkolenia i dotacje dla osób bezrobotnych "
    "i poszukujących pracy, wsparcie pracodawców w rekrutacji i kształceniu pracowników.",
    "education": "Kwalifikacyjne kursy zawodowe, kursy umiejętności zawodowych i egzaminy potwierdzające "
    "kwalifikacje w zawodzie dla dorosłych.",
    "guidance": "Bezpłatne doradztwo zawodowe dla dorosłych: rozmowy z doradcą, bilans kompetencji, "
    "warsztaty planowania kariery, informacja o rynku pracy.",
    "higher_education": "Studia, studia podyplomowe i kursy dla dorosłych; badania i ekspertyzy dla "
    "pracodawców i samorządów.",
    "ngo": "Organizacja pozarządowa prowadząca zajęcia edukacyjne i aktywizujące dla mieszkańców, "
    "zwłaszcza dla osób starszych, kobiet wracających na rynek pracy i młodzieży.",
    "employers": "Samorząd gospodarczy zrzeszający przedsiębiorców: szkolenia, doradztwo, kontakty "
    "biznesowe, opinie o potrzebach kadrowych firm.",
    "local_government": "Samorząd lokalny: rozwój gospodarczy, obsługa inwestorów, współpraca ze szkołami "
    "i instytucjami rynku pracy.",
    "business_support": "Wsparcie przedsiębiorców i inwestorów: finansowanie, tereny inwestycyjne, "
    "doradztwo, programy rozwoju firm.",
    "other": "Doradztwo i szkolenia dla rolników i mieszkańców obszarów wiejskich.",
}

# kind of institution -> entries: (kind, title, description, audiences, free, cost, conditions)
ENTRIES: dict[str, list[tuple[str, str, str, tuple[str, ...], bool, str, str]]] = {
    "labour_market": [
        (
            "service",
            "Pośrednictwo pracy",
            "Oferty pracy z powiatu i z całej Polski, pomoc w przygotowaniu dokumentów aplikacyjnych, "
            "giełdy i targi pracy.",
            ("residents", "employers"),
            True,
            "",
            "Osoby zarejestrowane i poszukujące pracy; pracodawcy zgłaszający oferty.",
        ),
        (
            "service",
            "Szkolenia dla osób bezrobotnych",
            "Szkolenia grupowe i indywidualne, bony szkoleniowe i dofinansowanie studiów podyplomowych.",
            ("residents",),
            True,
            "",
            "Osoby bezrobotne zarejestrowane w urzędzie.",
        ),
        (
            "support",
            "Dofinansowanie kształcenia pracowników z Krajowego Funduszu Szkoleniowego",
            "Środki na kursy, studia podyplomowe i egzaminy pracowników i pracodawców.",
            ("employers",),
            False,
            "Wkład własny pracodawcy 20% (mikroprzedsiębiorstwa 0%).",
            "Pracodawcy z siedzibą w powiecie, w naborze ogłaszanym przez urząd.",
        ),
        (
            "data",
            "Dane o bezrobociu i ofertach pracy w powiecie",
            "Miesięczne zestawienia bezrobotnych według zawodów, wykształcenia i wieku oraz ofert pracy.",
            ("partners", "employers"),
            True,
            "",
            "",
        ),
    ],
    "education": [
        (
            "service",
            "Kwalifikacyjne kursy zawodowe dla dorosłych",
            "Kursy przygotowujące do egzaminu zawodowego, m.in. w zawodach technik logistyk, "
            "technik informatyk i kucharz.",
            ("residents",),
            True,
            "",
            "Osoby dorosłe, które ukończyły szkołę podstawową lub gimnazjum.",
        ),
        (
            "service",
            "Kursy dla pracowników firm na zamówienie",
            "Kursy zawodowe przygotowane z pracodawcą dla jego pracowników.",
            ("employers",),
            False,
            "Według kosztorysu kursu.",
            "",
        ),
    ],
    "guidance": [
        (
            "service",
            "Doradztwo zawodowe i bilans kompetencji",
            "Indywidualne rozmowy z doradcą zawodowym, testy zainteresowań, bilans kompetencji "
            "i plan rozwoju zawodowego.",
            ("residents",),
            True,
            "",
            "Dorośli mieszkańcy Małopolski.",
        ),
        (
            "support",
            "Warsztaty planowania kariery dla grup",
            "Warsztaty dla grup zorganizowanych przez szkoły, urzędy pracy i organizacje.",
            ("partners",),
            True,
            "",
            "Grupy od 8 do 15 osób, po uzgodnieniu terminu.",
        ),
    ],
    "higher_education": [
        (
            "service",
            "Studia podyplomowe dla pracujących",
            "Studia podyplomowe w trybie weekendowym, m.in. z zarządzania, rachunkowości i analizy danych.",
            ("residents",),
            False,
            "Od 4800 zł za dwa semestry.",
            "Osoby z dyplomem ukończenia studiów.",
        ),
        (
            "data",
            "Badania losów absolwentów",
            "Raporty o zatrudnieniu i zarobkach absolwentów według kierunków studiów.",
            ("partners", "employers"),
            True,
            "",
            "",
        ),
    ],
    "ngo": [
        (
            "service",
            "Warsztaty kompetencji cyfrowych dla seniorów",
            "Obsługa smartfona, bankowości internetowej i e-urzędu w małych grupach.",
            ("residents",),
            True,
            "",
            "Osoby po 60. roku życia.",
        ),
        (
            "service",
            "Klub pracy dla kobiet wracających na rynek pracy",
            "Spotkania grupowe, doradztwo i mentoring dla kobiet po przerwie w pracy.",
            ("residents",),
            True,
            "",
            "",
        ),
    ],
    "employers": [
        (
            "service",
            "Szkolenia dla przedsiębiorców",
            "Szkolenia z prawa pracy, zamówień publicznych i eksportu dla firm członkowskich i innych.",
            ("employers",),
            False,
            "Od 350 zł za osobę; członkowie izby taniej.",
            "",
        ),
        (
            "data",
            "Opinie o potrzebach kadrowych firm",
            "Wyniki ankiet wśród przedsiębiorców o zawodach, których brakuje.",
            ("partners",),
            True,
            "",
            "",
        ),
    ],
    "local_government": [
        (
            "support",
            "Punkt obsługi inwestora",
            "Informacja o terenach inwestycyjnych, pozwoleniach i ulgach lokalnych.",
            ("employers",),
            True,
            "",
            "",
        ),
    ],
    "business_support": [
        (
            "support",
            "Obsługa inwestora w Małopolsce",
            "Pomoc w wyborze lokalizacji, kontakt z samorządami i instytucjami rynku pracy.",
            ("employers",),
            True,
            "",
            "Inwestorzy planujący inwestycję w Małopolsce.",
        ),
        (
            "data",
            "Baza terenów inwestycyjnych",
            "Zestawienie terenów inwestycyjnych z mediami i dojazdem.",
            ("partners", "employers"),
            True,
            "",
            "",
        ),
    ],
    "other": [
        (
            "service",
            "Szkolenia dla rolników",
            "Szkolenia z przetwórstwa, agroturystyki i sprzedaży bezpośredniej.",
            ("residents",),
            True,
            "",
            "",
        ),
    ],
}

# (institution index in INSTITUTIONS, title, summary, description, tags)
PRACTICES: list[tuple[int, str, str, str, tuple[str, ...]]] = [
    (
        17,
        "Kluby pracy w bibliotekach gminnych",
        "Doradcy urzędu pracy prowadzą co tydzień klub pracy w bibliotekach małych gmin.",
        (
            "Zamiast zapraszać do urzędu, doradcy przyjeżdżają do bibliotek gminnych. Biblioteka "
            "udostępnia salę i komputery, urząd doradcę. W ciągu roku z klubów skorzystało 320 osób, 41% "
            "podjęło pracę lub szkolenie."
        ),
        ("doradztwo", "biblioteki", "obszary wiejskie"),
    ),
    (
        32,
        "Bilans kompetencji w jeden dzień",
        "Skrócona ścieżka bilansu kompetencji dla osób pracujących.",
        (
            "Doradca i uczestnik przechodzą bilans w jeden dzień: rano testy i rozmowa, po południu plan "
            "rozwoju. Uczestnicy cenią, że nie muszą brać kilku dni urlopu."
        ),
        ("doradztwo", "bilans kompetencji"),
    ),
    (
        40,
        "Seniorzy uczą seniorów",
        "Wolontariusze po 65. roku życia prowadzą zajęcia cyfrowe dla rówieśników.",
        (
            "Stowarzyszenie szkoli wolontariuszy-seniorów, którzy potem prowadzą zajęcia w małych "
            "grupach. Uczestnicy chętniej pytają rówieśników niż młodych trenerów."
        ),
        ("seniorzy", "kompetencje cyfrowe", "wolontariat"),
    ),
    (
        47,
        "Szkoła przy firmie",
        "Klasa patronacka technikum z zajęciami praktycznymi w zakładach członków izby.",
        (
            "Izba, szkoła i pięć firm przygotowały wspólny program praktyk. Absolwenci mają "
            "zagwarantowaną rozmowę o pracę."
        ),
        ("pracodawcy", "szkolnictwo zawodowe"),
    ),
    (
        24,
        "Egzamin zawodowy po kursie kwalifikacyjnym",
        "Przygotowanie dorosłych do egzaminu zawodowego z zajęciami w weekendy.",
        (
            "Centrum łączy kurs kwalifikacyjny z konsultacjami online i próbnym egzaminem; zdawalność "
            "wzrosła z 62 do 84%."
        ),
        ("kwalifikacje", "egzaminy"),
    ),
    (
        19,
        "Giełda pracy dla branży turystycznej przed sezonem",
        "Coroczne spotkanie pracodawców i kandydatów przed sezonem letnim.",
        (
            "Urząd organizuje giełdę w marcu, razem z izbą gospodarczą; w jeden dzień pracodawcy "
            "przeprowadzają kilkaset rozmów."
        ),
        ("pracodawcy", "turystyka", "rekrutacja"),
    ),
    (
        41,
        "Mentoring dla kobiet po przerwie w karierze",
        "Program mentorski łączący kobiety wracające do pracy z doświadczonymi menedżerkami.",
        (
            "Przez trzy miesiące uczestniczki spotykają się z mentorką co dwa tygodnie; 70% znalazło "
            "pracę w pół roku."
        ),
        ("mentoring", "kobiety"),
    ),
    (
        57,
        "Pakiet powitalny dla inwestora",
        "Jedna teczka z danymi o rynku pracy, szkołach i terenach dla nowego inwestora.",
        (
            "Agencja zbiera dane od urzędów pracy, szkół i gmin w jednym pakiecie; inwestor dostaje go w "
            "tydzień."
        ),
        ("inwestorzy", "dane"),
    ),
    (
        35,
        "Dni otwarte doradztwa w szkołach ponadpodstawowych",
        "Doradcy centrum kariery odwiedzają szkoły z warsztatami dla maturzystów.",
        "W każdym tygodniu marca doradcy prowadzą warsztaty wyboru studiów i zawodu w innej szkole regionu.",
        ("doradztwo", "młodzież"),
    ),
    (
        36,
        "Uczelnia dla lokalnych firm",
        "Studenci rozwiązują rzeczywiste problemy firm z regionu w ramach projektów semestralnych.",
        (
            "Firmy zgłaszają problemy, uczelnia dobiera zespoły studentów; najlepsze rozwiązania wdrażane"
            " są w firmach."
        ),
        ("pracodawcy", "uczelnie"),
    ),
    (
        45,
        "Podbabiogórska akademia rzemiosła",
        "Kursy dawnych rzemiosł jako sposób na dodatkowy dochód mieszkańców.",
        (
            "Stowarzyszenie z lokalnymi mistrzami prowadzi kursy rękodzieła; uczestnicy sprzedają wyroby "
            "w sklepie internetowym stowarzyszenia."
        ),
        ("rzemiosło", "obszary wiejskie"),
    ),
    (
        12,
        "Staże z gwarancją zatrudnienia",
        "Staże u pracodawców, którzy zobowiązują się zatrudnić stażystę.",
        "Urząd wybiera pracodawców deklarujących zatrudnienie po stażu; 78% stażystów zostało zatrudnionych.",
        ("staże", "pracodawcy"),
    ),
    (
        23,
        "Hufce pracy dla młodzieży zagrożonej wykluczeniem",
        "Nauka zawodu połączona z dokończeniem szkoły dla młodzieży 15-18 lat.",
        (
            "Młodzież uczy się zawodu u pracodawców i równocześnie kończy szkołę; wychowawcy OHP "
            "towarzyszą im przez cały czas."
        ),
        ("młodzież", "kwalifikacje"),
    ),
    (
        49,
        "Bon na szkolenie dla pracowników małych firm",
        "Izba pomaga mikrofirmom złożyć wniosek o środki KFS.",
        (
            "Doradcy izby pomagają wypełnić wnioski i wybrać szkolenia; liczba wniosków z mikrofirm "
            "wzrosła dwukrotnie."
        ),
        ("pracodawcy", "finansowanie"),
    ),
    (
        20,
        "Kraków uczy się przez całe życie",
        "Miejski kalendarz kursów dla dorosłych w jednym miejscu.",
        (
            "Urząd pracy zbiera oferty kursów z instytucji partnerskich i publikuje co miesiąc kalendarz "
            "dla mieszkańców."
        ),
        ("informacja", "kształcenie ustawiczne"),
    ),
]
