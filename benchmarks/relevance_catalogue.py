"""The fixed catalogue of the relevance benchmark (benchmarks/relevance.py): providers and services
written by hand, as a labour office's catalogue of development services in Małopolska has them.

A *service* is what a person looks for: one provider's offer under one title. It is published as
one card per date (``dates``), so the same service of one provider appears several times (six
"Spawanie metodą TIG"), as in a real catalogue. The judgments (benchmarks/relevance_queries.py)
name services by their key, never cards.

What makes it hard, on purpose:

- near-duplicates: one service on several dates; similar titles of different providers
  ("Spawanie metodą TIG (141) - kurs podstawowy" and "Spawanie metodą TIG blach i rur");
- providers whose names hold subject words ("Akademia Księgowości i Finansów Bilans" also offers
  VAT, cybersecurity, time management and Excel; "Kadry i Płace Expert" offers negotiations);
- titles with masculine job titles ("Samodzielny księgowy", "Opiekun osób starszych", "Kierowca
  autobusu"), with the activity instead of the occupation ("Fryzjerstwo …", "Grafika komputerowa …",
  "Tłumaczenie …", "Kadry i płace …", "Cukiernictwo …"), with abbreviations ("Prawo jazdy kat. C",
  "SEP", "UDT", "KPiR");
- a homonym: "grafik" is a graphic designer and a work schedule ("Grafik pracy i ewidencja czasu
  pracy").

The descriptive fields a search also reads (goal, programme, target group) are generic, so that
what a service is about is in its title, category, learning outcomes and market qualification,
as on real cards. Everything else (prices, hours, dates, forms) comes from a seeded random
generator: the catalogue is the same on every run and engine.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from datetime import time as clock

SEED = 20241014  # Dzień Edukacji Narodowej


@dataclass(frozen=True)
class ProviderSpec:
    key: str
    name: str
    town: str  # the gmina of its seat and of its services given in person


@dataclass(frozen=True)
class Service:
    key: str
    provider: str  # ProviderSpec.key
    category: str  # Category.code (catalogue/fixtures/categories.json)
    dates: int  # cards: one per date
    title: str
    outcomes: str  # what a participant can do afterwards, "; "-separated
    qualification: str = ""  # a market qualification (ZSK) the service prepares for
    remote: bool = False  # given live online: no place


PROVIDERS = [
    ProviderSpec("bilans", "Akademia Księgowości i Finansów Bilans sp. z o.o.", "Kraków"),
    ProviderSpec("skwp", "Stowarzyszenie Księgowych w Polsce - Oddział Okręgowy w Krakowie", "Kraków"),
    ProviderSpec("spawmet", "Centrum Szkoleń Spawalniczych Spaw-Met", "Tarnów"),
    ProviderSpec("zdz", "Zakład Doskonalenia Zawodowego w Krakowie", "Kraków"),
    ProviderSpec("mckz", "Małopolskie Centrum Kształcenia Zawodowego", "Nowy Sącz"),
    ProviderSpec("horyzont", "Centrum Kształcenia Zawodowego Horyzont", "Bochnia"),
    ProviderSpec("autolider", "Ośrodek Szkolenia Kierowców Auto-Lider", "Oświęcim"),
    ProviderSpec("transkurs", "Centrum Szkolenia Kierowców Zawodowych TransKurs", "Tarnów"),
    ProviderSpec("lingua", "Szkoła Języków Obcych Lingua", "Kraków"),
    ProviderSpec("verbum", "Biuro Tłumaczeń i Szkoła Językowa Verbum", "Nowy Sącz"),
    ProviderSpec("pixel", "Instytut Grafiki i Multimediów Pixel", "Kraków"),
    ProviderSpec("codelab", "Akademia Programowania CodeLab", "Kraków"),
    ProviderSpec("kadryplace", "Kadry i Płace Expert sp. z o.o.", "Wadowice"),
    ProviderSpec("volt", "Centrum Edukacji Elektrycznej Volt", "Chrzanów"),
    ProviderSpec("bella", "Studio Urody i Akademia Fryzjerstwa Bella", "Zakopane"),
    ProviderSpec("cech", "Cech Rzemiosł Różnych i Przedsiębiorczości w Tarnowie", "Tarnów"),
    ProviderSpec("medyk", "Centrum Szkoleń Medycznych Opiekun Plus", "Myślenice"),
    ProviderSpec("fundacja", "Fundacja Rozwoju Kompetencji Cyfrowych", "Kraków"),
    ProviderSpec("budowlaniec", "Centrum Szkoleniowe Budowlaniec", "Wieliczka"),
    ProviderSpec("operator", "Ośrodek Szkolenia Operatorów Maszyn Roboczych", "Olkusz"),
    ProviderSpec("smak", "Szkoła Gastronomiczna Smak", "Zakopane"),
    ProviderSpec("czas", "Akademia Zarządzania Czasem i Rozwoju Osobistego", "Kraków"),
    ProviderSpec("nauczyciel", "Instytut Doskonalenia Nauczycieli", "Kraków"),
    ProviderSpec("straznik", "Centrum Szkoleń Ochrony Mienia Strażnik", "Gorlice"),
    ProviderSpec("start", "Inkubator Przedsiębiorczości Start", "Nowy Targ"),
    ProviderSpec("logistyka", "Akademia Logistyki i Magazynowania", "Bochnia"),
    ProviderSpec("secure", "Instytut Cyberbezpieczeństwa Secure", "Kraków"),
]

# One service to an entry: key, provider, category, dates, title, learning outcomes; then the
# optional qualification and remote flag. A table, so kept one service to a few lines.
# fmt: off
S = Service
SERVICES = [
    # --- accounting, payroll and taxes ------------------------------------------------------------
    S("ks_podstawy_skwp", "skwp", "finance_accounting", 4, "Księgowość od podstaw",
      "dekretować dokumenty księgowe; prowadzić księgi rachunkowe małej firmy; sporządzić bilans",
      qualification="Prowadzenie księgowości w małym przedsiębiorstwie"),
    S("ks_samodzielny_skwp", "skwp", "finance_accounting", 2, "Samodzielny księgowy - kurs zawodowy",
      "prowadzić pełne księgi rachunkowe; rozliczać podatek dochodowy od osób prawnych; sporządzić "
      "sprawozdanie finansowe"),
    S("ks_budzet_skwp", "skwp", "finance_accounting", 1, "Rachunkowość budżetowa w jednostkach samorządu",
      "ewidencjonować dochody i wydatki budżetowe; stosować klasyfikację budżetową; sporządzać "
      "sprawozdania budżetowe"),
    S("excel_ksiegowi_skwp", "skwp", "it_office", 1, "Excel dla księgowych i kadrowych",
      "budować tabele przestawne; łączyć dane z wielu arkuszy; stosować funkcje finansowe"),
    S("kadry_skwp", "skwp", "finance_payroll", 1, "Specjalista do spraw kadr i płac",
      "prowadzić akta osobowe; naliczać wynagrodzenia i składki ZUS; rozliczać czas pracy"),
    S("ks_kpir_bilans", "bilans", "finance_accounting", 3, "Księgowość w małej firmie - KPiR i ryczałt",
      "prowadzić podatkową książkę przychodów i rozchodów; rozliczać ryczałt od przychodów "
      "ewidencjonowanych; składać deklaracje PIT"),
    S("vat_bilans", "bilans", "finance_tax", 4, "Podatek VAT w praktyce - zmiany przepisów",
      "rozliczać podatek od towarów i usług; wystawiać faktury w KSeF; przygotować plik JPK_V7"),
    S("cyber_bilans", "bilans", "it_security", 2, "Cyberbezpieczeństwo w biurze - ochrona danych i haseł",
      "rozpoznawać wiadomości phishingowe; tworzyć bezpieczne hasła; chronić dane osobowe klientów"),
    S("czas_bilans", "bilans", "soft_self_management", 2, "Zarządzanie czasem i organizacja pracy własnej",
      "planować zadania według priorytetów; unikać rozpraszaczy; delegować zadania"),
    S("excel_bilans", "bilans", "it_office", 2, "Excel w pracy biurowej - funkcje i wykresy",
      "stosować formuły i funkcje; tworzyć wykresy; filtrować i sortować dane"),
    S("ks_symfonia_horyzont", "horyzont", "finance_accounting", 2,
      "Kurs księgowości z obsługą programu Symfonia",
      "księgować dokumenty w programie Symfonia; prowadzić rejestry VAT; zamykać miesiąc"),
    S("ks_rachunkowosc_mckz", "mckz", "finance_accounting", 1, "Rachunkowość finansowa dla zaawansowanych",
      "wyceniać aktywa i pasywa; ustalać wynik finansowy; sporządzać rachunek przepływów pieniężnych"),
    S("ks_asystent_mckz", "mckz", "finance_accounting", 1, "Asystent księgowego",
      "kompletować i sprawdzać dokumenty księgowe; prowadzić ewidencję środków trwałych; uzgadniać salda "
      "z kontrahentami"),
    S("ks_pelna_zdz", "zdz", "finance_accounting", 2, "Pełna księgowość i sprawozdawczość finansowa",
      "prowadzić księgi rachunkowe spółki; sporządzić sprawozdanie finansowe; przygotować deklarację CIT"),
    S("ks_biuro_zdz", "zdz", "finance_accounting", 1, "Prowadzenie biura rachunkowego",
      "założyć i prowadzić biuro rachunkowe; zawierać umowy z klientami; ubezpieczyć odpowiedzialność "
      "cywilną"),
    S("ks_ngo_fundacja", "fundacja", "finance_accounting", 1, "Rozliczenia finansowe fundacji i stowarzyszeń",
      "prowadzić uproszczoną ewidencję organizacji pozarządowej; rozliczać dotacje; sporządzić "
      "sprawozdanie finansowe organizacji"),
    S("vat_skwp", "skwp", "finance_tax", 1, "Podatek VAT - rozliczenia i JPK",
      "ustalać moment powstania obowiązku podatkowego; korygować deklaracje; rozliczać import usług"),
    S("pit_mckz", "mckz", "finance_tax", 1, "Podatki dochodowe PIT i CIT w małej firmie",
      "wybrać formę opodatkowania; obliczać zaliczki na podatek; rozliczać ulgi"),
    S("kadry_kp", "kadryplace", "finance_payroll", 4, "Kadry i płace w praktyce",
      "prowadzić dokumentację pracowniczą; naliczać wynagrodzenia, zasiłki i potrącenia; sporządzać "
      "deklaracje ZUS w programie Płatnik"),
    S("grafik_kp", "kadryplace", "finance_payroll", 1, "Grafik pracy i ewidencja czasu pracy w praktyce",
      "układać harmonogramy pracy zmianowej; rozliczać nadgodziny i pracę w nocy; prowadzić ewidencję "
      "czasu pracy"),
    S("negocjacje_kp", "kadryplace", "soft_negotiation", 1, "Negocjacje w biznesie",
      "przygotować strategię negocjacyjną; rozpoznawać techniki manipulacji; zawierać porozumienia"),
    S("kadry_zdz", "zdz", "finance_payroll", 2, "Kadry i płace z obsługą programu Płatnik",
      "zgłaszać pracowników do ubezpieczeń; naliczać listy płac; sporządzać świadectwa pracy"),
    S("wynagrodzenia_horyzont", "horyzont", "finance_payroll", 1, "Naliczanie wynagrodzeń i składek ZUS",
      "obliczać wynagrodzenie brutto i netto; naliczać składki na ubezpieczenia społeczne; rozliczać "
      "zwolnienia lekarskie"),
    S("optima_bilans", "bilans", "finance_accounting", 2, "Comarch ERP Optima - księgowanie i rozliczenia",
      "księgować faktury i wyciągi bankowe; prowadzić kartoteki kontrahentów; generować deklaracje "
      "podatkowe"),
    S("prawopracy_kp", "kadryplace", "finance_payroll", 1, "Prawo pracy w praktyce pracodawcy",
      "zawierać i rozwiązywać umowy o pracę; udzielać urlopów; przeprowadzać kontrolę PIP"),
    S("rekrutacja_czas", "czas", "management_hr", 1, "Rekrutacja i selekcja pracowników",
      "przygotować ogłoszenie o pracę; prowadzić rozmowę kwalifikacyjną; wdrażać nowych pracowników"),
    # --- welding, electrical work, machines, building ------------------------------------------
    S("tig_spawmet", "spawmet", "technical_welding", 6, "Spawanie metodą TIG (141) - kurs podstawowy",
      "spawać blachy i rury ze stali nierdzewnej; dobrać elektrodę wolframową i gaz osłonowy; przygotować"
      " złącze do spawania",
      qualification="Spawanie blach i rur spoinami pachwinowymi metodą TIG"),
    S("mag_spawmet", "spawmet", "technical_welding", 3, "Spawanie metodą MAG (135)",
      "spawać blachy stalowe spoinami pachwinowymi; ustawiać parametry półautomatu; oceniać jakość spoiny"),
    S("gaz_spawmet", "spawmet", "technical_welding", 1, "Spawanie gazowe i cięcie tlenem",
      "spawać acetylenem rury stalowe; ciąć tlenem blachy; bezpiecznie obsługiwać butle gazowe"),
    S("wozki_spawmet", "spawmet", "technical_forklift", 2, "Operator wózków widłowych z egzaminem UDT",
      "obsługiwać wózek jezdniowy podnośnikowy; wymieniać butlę gazową; przeprowadzać codzienną kontrolę "
      "wózka"),
    S("pp_spawmet", "spawmet", "care_first_aid", 1, "Pierwsza pomoc przedmedyczna w zakładzie pracy",
      "udzielić pierwszej pomocy przy oparzeniach i urazach; prowadzić resuscytację; użyć defibrylatora "
      "AED"),
    S("tig_zdz", "zdz", "technical_welding", 3, "Spawanie metodą TIG blach i rur",
      "spawać stal czarną i nierdzewną; czytać rysunek spawalniczy; przygotować się do egzaminu przed "
      "komisją"),
    S("mag_mckz", "mckz", "technical_welding", 2, "Spawacz MAG - kurs z egzaminem",
      "łączyć elementy konstrukcji stalowych półautomatem; czytać instrukcję technologiczną WPS; zdać "
      "egzamin spawacza"),
    S("mig_horyzont", "horyzont", "technical_welding", 1, "Spawacz aluminium metodą MIG (131)",
      "łączyć elementy z aluminium; dobrać drut i gaz osłonowy; usuwać niezgodności spoin"),
    S("sep_volt", "volt", "technical_electrical", 6, "Uprawnienia elektryczne SEP G1 do 1 kV",
      "eksploatować urządzenia i instalacje do 1 kV; wykonywać pomiary elektryczne; zdać egzamin "
      "kwalifikacyjny przed komisją SEP"),
    S("elektryk_volt", "volt", "technical_electrical", 2, "Elektryk - instalacje elektryczne w budynkach",
      "montować instalacje oświetleniowe i gniazdowe; dobierać zabezpieczenia; wykonywać pomiary "
      "odbiorcze"),
    S("pv_volt", "volt", "technical_electrical", 2, "Montaż instalacji fotowoltaicznych",
      "montować panele fotowoltaiczne na dachu; podłączać falownik; uruchamiać instalację i zgłaszać ją "
      "do operatora sieci",
      qualification="Montaż i uruchamianie mikroinstalacji fotowoltaicznych"),
    S("sep_zdz", "zdz", "technical_electrical", 1, "Uprawnienia energetyczne SEP G1 i G2",
      "obsługiwać urządzenia elektryczne i cieplne; znać przepisy dozoru; przygotować się do egzaminu"),
    S("plc_mckz", "mckz", "technical_machines", 1, "Automatyka przemysłowa i sterowniki PLC",
      "programować sterowniki PLC; diagnozować układy automatyki; czytać schematy elektryczne"),
    S("cnc_mckz", "mckz", "technical_machines", 2, "Operator obrabiarek CNC - programowanie i obsługa",
      "pisać programy w kodzie G; ustawiać narzędzia i bazę; obrabiać detale na frezarce i tokarce"),
    S("tokarz_horyzont", "horyzont", "technical_machines", 1, "Tokarz - obsługa tokarki konwencjonalnej",
      "toczyć wałki i tuleje; dobierać parametry skrawania; mierzyć suwmiarką i mikrometrem"),
    S("wozki_operator", "operator", "technical_forklift", 5,
      "Wózki jezdniowe podnośnikowe z wymianą butli gazowej",
      "bezpiecznie prowadzić wózek widłowy; wymieniać butlę LPG; zdać egzamin przed UDT",
      qualification="Obsługa wózków jezdniowych podnośnikowych"),
    S("koparka_operator", "operator", "technical_machines", 3, "Operator koparko-ładowarki kl. III",
      "wykonywać wykopy i zasypy; obsługiwać osprzęt; prowadzić dziennik pracy maszyny"),
    S("suwnice_operator", "operator", "technical_forklift", 1, "Suwnice i wciągniki - obsługa i egzamin UDT",
      "obsługiwać suwnicę sterowaną z poziomu roboczego; dobierać zawiesia; sygnalizować ruchy ładunku"),
    S("glazurnik_budowlaniec", "budowlaniec", "technical_construction", 2,
      "Glazurnik - układanie płytek ceramicznych",
      "przygotować podłoże; układać płytki na ścianach i podłogach; fugować i uszczelniać"),
    S("zabudowa_budowlaniec", "budowlaniec", "technical_construction", 2,
      "Montaż suchej zabudowy z płyt gipsowo-kartonowych",
      "montować ścianki działowe i sufity podwieszane; szpachlować łączenia; wykonywać obudowy"),
    S("malowanie_budowlaniec", "budowlaniec", "technical_construction", 1,
      "Malowanie i tapetowanie - roboty wykończeniowe",
      "przygotować ściany do malowania; malować wałkiem i natryskiem; kłaść tapety"),
    S("murarz_zdz", "zdz", "technical_construction", 1, "Murarz-tynkarz z egzaminem czeladniczym",
      "murować ściany z cegły i bloczków; wykonywać tynki maszynowe; czytać dokumentację budowlaną"),
    # --- driving ------------------------------------------------------------------------------------
    S("b_autolider", "autolider", "driving_b", 8, "Prawo jazdy kat. B",
      "bezpiecznie prowadzić samochód osobowy; zdać egzamin państwowy na prawo jazdy"),
    S("a_autolider", "autolider", "driving_a", 1, "Prawo jazdy kategorii A - motocykl",
      "prowadzić motocykl w ruchu miejskim; wykonywać manewry na placu"),
    S("c_autolider", "autolider", "driving_c", 4, "Prawo jazdy kat. C",
      "prowadzić samochód ciężarowy powyżej 3,5 t; zdać egzamin państwowy"),
    S("b_transkurs", "transkurs", "driving_b", 3, "Kurs prawa jazdy kategorii B",
      "prowadzić samochód osobowy; zdać egzamin teoretyczny i praktyczny"),
    S("c_transkurs", "transkurs", "driving_c", 2, "Prawo jazdy kategorii C z kwalifikacją wstępną",
      "prowadzić samochód ciężarowy; wykonywać przewóz rzeczy zawodowo"),
    S("ce_transkurs", "transkurs", "driving_ce", 2, "Prawo jazdy kat. C+E - ciągnik siodłowy z naczepą",
      "prowadzić zespół pojazdów z naczepą; sprzęgać i rozprzęgać naczepę"),
    S("kw_transkurs", "transkurs", "driving_c", 2,
      "Kwalifikacja wstępna przyspieszona dla kierowców ciężarówek",
      "stosować przepisy o czasie pracy kierowców; racjonalnie prowadzić pojazd; zabezpieczać ładunek"),
    S("d_transkurs", "transkurs", "driving_d", 1, "Prawo jazdy kategorii D - kierowca autobusu",
      "prowadzić autobus w ruchu miejskim i międzymiastowym; przewozić pasażerów"),
    S("okresowe_transkurs", "transkurs", "driving_c", 1, "Szkolenie okresowe kierowców zawodowych",
      "odnowić kwalifikację zawodową; stosować przepisy o tachografach"),
    # --- languages and translation -----------------------------------------------------------------
    S("ang_b1_lingua", "lingua", "languages_english", 5, "Język angielski - poziom B1",
      "rozmawiać na tematy codzienne i zawodowe; pisać e-maile; rozumieć dłuższe wypowiedzi"),
    S("ang_a2_lingua", "lingua", "languages_english", 3, "Język angielski dla początkujących (A1-A2)",
      "przedstawić się i opowiedzieć o sobie; załatwiać proste sprawy; rozumieć proste teksty"),
    S("niem_lingua", "lingua", "languages_german", 3, "Język niemiecki - poziom A2",
      "porozumiewać się w sytuacjach codziennych; rozumieć ogłoszenia; wypełniać formularze"),
    S("pol_lingua", "lingua", "languages_polish", 2, "Język polski dla cudzoziemców - poziom A2",
      "porozumiewać się w urzędzie i w pracy; rozumieć proste pisma"),
    S("hiszp_lingua", "lingua", "languages_other", 1, "Język hiszpański od podstaw",
      "przedstawić się; zamawiać w restauracji; pytać o drogę"),
    S("excel_lingua", "lingua", "it_office", 1, "MS Excel dla średniozaawansowanych",
      "stosować funkcje logiczne i wyszukiwania; tworzyć tabele przestawne"),
    S("toeic_lingua", "lingua", "exams_language", 1, "Egzamin TOEIC Listening and Reading",
      "przystąpić do egzaminu TOEIC; rozwiązać zadania egzaminacyjne"),
    S("ang_biz_verbum", "verbum", "languages_english", 1, "Angielski w biznesie - poziom B2",
      "prowadzić spotkania i prezentacje; negocjować; pisać oferty handlowe",
      remote=True),
    S("tlum_verbum", "verbum", "languages_english", 2, "Tłumaczenie pisemne tekstów specjalistycznych",
      "przekładać umowy i dokumentację techniczną z angielskiego na polski; korzystać z narzędzi CAT; "
      "redagować przekład"),
    S("tlum_ustne_verbum", "verbum", "languages_other", 1, "Przekład ustny konsekutywny i symultaniczny",
      "przekładać wystąpienia na żywo; notować w przekładzie konsekutywnym; pracować w kabinie"),
    S("ukr_verbum", "verbum", "languages_other", 1, "Język ukraiński w obsłudze klienta",
      "obsługiwać klientów ukraińskojęzycznych; prowadzić proste rozmowy telefoniczne"),
    S("ang_horyzont", "horyzont", "languages_english", 1, "Kurs języka angielskiego w pracy biurowej",
      "prowadzić korespondencję; odbierać telefony; umawiać spotkania"),
    S("niem_medyk", "medyk", "languages_german", 2, "Język niemiecki dla opiekunek osób starszych",
      "rozmawiać z podopiecznym i jego rodziną; rozumieć zalecenia lekarza; robić zakupy"),
    S("metodyka_nauczyciel", "nauczyciel", "languages_english", 1,
      "Metodyka nauczania języka angielskiego dzieci",
      "planować lekcje; dobierać gry i piosenki; oceniać postępy uczniów"),
    # --- computers, graphics, data, security ------------------------------------------------------
    S("python_codelab", "codelab", "it_programming", 3, "Programowanie w języku Python od podstaw",
      "pisać skrypty automatyzujące pracę; używać bibliotek; testować kod",
      remote=True),
    S("java_codelab", "codelab", "it_programming", 1, "Programista Java - kurs zawodowy",
      "tworzyć aplikacje obiektowe; korzystać z frameworka Spring; pracować z systemem Git"),
    S("www_codelab", "codelab", "it_programming", 2, "Tworzenie stron internetowych - HTML, CSS i JavaScript",
      "zbudować responsywną stronę; publikować ją w sieci; dbać o dostępność"),
    S("tester_codelab", "codelab", "it_programming", 1, "Tester oprogramowania z certyfikatem ISTQB",
      "projektować przypadki testowe; zgłaszać błędy; przystąpić do egzaminu ISTQB Foundation"),
    S("sql_codelab", "codelab", "it_data", 1, "Bazy danych i język SQL",
      "pisać zapytania SELECT z złączeniami; projektować tabele; tworzyć raporty",
      remote=True),
    S("scrum_codelab", "codelab", "management_projects", 1, "Zarządzanie projektami zwinnymi - Scrum",
      "prowadzić sprinty; pełnić rolę Scrum Mastera; planować backlog produktu"),
    S("excel_fundacja", "fundacja", "it_office", 5, "Excel od podstaw do tabel przestawnych",
      "tworzyć arkusze kalkulacyjne; stosować formuły; budować tabele przestawne i wykresy"),
    S("seniorzy_fundacja", "fundacja", "general_digital_basics", 2,
      "Obsługa komputera i internetu dla seniorów",
      "korzystać z poczty elektronicznej; bezpiecznie płacić w internecie; rozmawiać przez komunikatory"),
    S("powerbi_fundacja", "fundacja", "it_data", 1, "Analiza danych w Power BI",
      "importować dane z wielu źródeł; budować interaktywne raporty; tworzyć miary DAX"),
    S("grafika_pixel", "pixel", "it_graphics", 3, "Grafika komputerowa - Adobe Photoshop i Illustrator",
      "retuszować zdjęcia; tworzyć ilustracje wektorowe; przygotować pliki do druku"),
    S("dtp_pixel", "pixel", "it_graphics", 1, "Projektowanie graficzne materiałów reklamowych",
      "projektować ulotki, plakaty i banery; dobierać kroje pisma i kolory; przygotować projekt do druku"),
    S("autocad_pixel", "pixel", "it_graphics", 1, "AutoCAD 2D i 3D - rysunek techniczny",
      "tworzyć rysunki techniczne; wymiarować; modelować bryły 3D"),
    S("foto_pixel", "pixel", "it_graphics", 1, "Fotografia produktowa i obróbka zdjęć",
      "fotografować produkty do sklepu internetowego; ustawiać światło; obrabiać zdjęcia"),
    S("corel_horyzont", "horyzont", "it_graphics", 1, "Grafika komputerowa w programie CorelDRAW",
      "tworzyć logotypy i wizytówki; pracować na krzywych; eksportować projekty"),
    S("cyber_secure", "secure", "it_security", 2, "Cyberbezpieczeństwo dla pracowników firm",
      "rozpoznawać ataki socjotechniczne; zabezpieczać urządzenia; reagować na incydenty"),
    S("sieci_secure", "secure", "it_security", 1, "Bezpieczeństwo sieci komputerowych dla administratorów",
      "konfigurować zaporę sieciową; monitorować ruch; wdrażać VPN"),
    S("word_fundacja", "fundacja", "it_office", 2, "Word i PowerPoint w pracy biurowej",
      "formatować długie dokumenty; tworzyć korespondencję seryjną; przygotować prezentację"),
    S("mobile_codelab", "codelab", "it_programming", 1, "Tworzenie aplikacji mobilnych na Androida",
      "projektować interfejs aplikacji; pisać w języku Kotlin; publikować aplikację w sklepie"),
    S("social_start", "start", "other", 2, "Marketing w mediach społecznościowych",
      "prowadzić profil firmy na Facebooku i Instagramie; planować kampanie reklamowe; mierzyć zasięgi",
      remote=True),
    S("ecommerce_start", "start", "other", 1, "Sklep internetowy i sprzedaż w e-commerce",
      "założyć sklep internetowy; obsługiwać płatności i wysyłki; pozycjonować produkty"),
    S("firma_start", "start", "other", 2, "Jak założyć własną firmę - biznesplan i formalności",
      "napisać biznesplan; zarejestrować działalność gospodarczą; wybrać formę opodatkowania"),
    # --- hair, beauty, care, health -----------------------------------------------------------------
    S("fryzjer_cech", "cech", "care_beauty", 2, "Fryzjer - przygotowanie do egzaminu czeladniczego",
      "strzyc, farbować i modelować włosy; wykonywać fryzury okolicznościowe; zdać egzamin czeladniczy"),
    S("fryzjerstwo_bella", "bella", "care_beauty", 4, "Fryzjerstwo - strzyżenie i koloryzacja włosów",
      "strzyc damskie i męskie fryzury; dobierać koloryzację; pielęgnować włosy"),
    S("paznokcie_bella", "bella", "care_beauty", 2, "Stylizacja paznokci - manicure hybrydowy",
      "wykonywać manicure hybrydowy; przedłużać paznokcie żelem; dbać o higienę stanowiska"),
    S("kosmetyka_bella", "bella", "care_beauty", 1, "Kosmetyka profesjonalna - zabiegi pielęgnacyjne twarzy",
      "oceniać typ cery; wykonywać oczyszczanie i peeling; dobierać kosmetyki do zabiegu"),
    S("wizaz_bella", "bella", "care_beauty", 1, "Wizaż i stylizacja makijażu",
      "wykonywać makijaż dzienny i wieczorowy; dobierać kolorystykę do typu urody"),
    S("barber_horyzont", "horyzont", "care_beauty", 1, "Barber - strzyżenie męskie i pielęgnacja brody",
      "strzyc maszynką i nożyczkami; golić brzytwą; modelować brodę"),
    S("technik_kosm_mckz", "mckz", "care_beauty", 1, "Technik usług kosmetycznych - kurs kwalifikacyjny",
      "wykonywać zabiegi kosmetyczne twarzy, dłoni i stóp; prowadzić gabinet kosmetyczny"),
    S("opiekun_medyk", "medyk", "care_elderly", 6, "Opiekun osób starszych",
      "pomagać w codziennych czynnościach; dbać o higienę i żywienie podopiecznego; przeciwdziałać "
      "odleżynom"),
    S("pp_medyk", "medyk", "care_first_aid", 5, "Pierwsza pomoc przedmedyczna",
      "ocenić stan poszkodowanego; prowadzić resuscytację krążeniowo-oddechową; użyć AED"),
    S("niania_medyk", "medyk", "care_elderly", 1, "Opiekun dziecięcy - niania",
      "opiekować się niemowlęciem i małym dzieckiem; organizować zabawy rozwojowe"),
    S("masaz_medyk", "medyk", "care_health", 1, "Masaż klasyczny i relaksacyjny",
      "wykonywać masaż klasyczny pleców i kończyn; stosować przeciwwskazania"),
    S("opiekun_zdz", "zdz", "care_elderly", 2, "Opiekun osób starszych",
      "planować opiekę nad osobą starszą; pomagać w przemieszczaniu się; rozpoznawać objawy demencji"),
    S("pp_horyzont", "horyzont", "care_first_aid", 2, "Pierwsza pomoc przedmedyczna",
      "udzielić pierwszej pomocy dziecku i dorosłemu; ułożyć poszkodowanego w pozycji bocznej"),
    S("opiekun_horyzont", "horyzont", "care_elderly", 1, "Opiekun osoby starszej i niesamodzielnej",
      "wspierać osobę niesamodzielną w domu; podawać posiłki; współpracować z pielęgniarką"),
    S("opiekun_med_mckz", "mckz", "care_elderly", 1, "Opiekun medyczny - kurs kwalifikacyjny",
      "wykonywać czynności higieniczne i pielęgnacyjne; mierzyć ciśnienie i temperaturę"),
    S("kpp_straznik", "straznik", "care_first_aid", 1, "Kwalifikowana pierwsza pomoc",
      "udzielić kwalifikowanej pierwszej pomocy; unieruchamiać złamania; segregować poszkodowanych"),
    # --- food, trade, logistics, security, teaching, other -------------------------------------------
    S("kucharz_smak", "smak", "other", 3, "Kucharz - kurs zawodowy z egzaminem",
      "przygotowywać dania kuchni polskiej i międzynarodowej; planować menu; przestrzegać HACCP"),
    S("barista_smak", "smak", "other", 2, "Barista - sztuka parzenia kawy",
      "parzyć espresso i kawy mleczne; obsługiwać ekspres kolbowy; tworzyć latte art"),
    S("kelner_smak", "smak", "other", 1, "Kelner - obsługa gości w restauracji",
      "nakrywać stoły; przyjmować zamówienia; serwować dania i napoje"),
    S("kucharz_cech", "cech", "other", 1, "Kucharz małej gastronomii",
      "przygotowywać dania barowe; obsługiwać urządzenia kuchenne; dbać o higienę żywności"),
    S("cukiernictwo_cech", "cech", "other", 1, "Cukiernictwo i wypieki",
      "wypiekać ciasta i torty; przygotowywać kremy i masy; dekorować wyroby"),
    S("barman_smak", "smak", "other", 1, "Barman - przygotowywanie koktajli",
      "przygotowywać koktajle klasyczne; obsługiwać bar; dbać o zaopatrzenie"),
    S("pszczoly_cech", "cech", "other", 1, "Pszczelarstwo - prowadzenie pasieki",
      "zakładać i prowadzić pasiekę; pozyskiwać miód; zapobiegać chorobom pszczół"),
    S("ogrod_horyzont", "horyzont", "other", 1, "Zakładanie i pielęgnacja ogrodów",
      "projektować ogród przydomowy; sadzić i przycinać rośliny; zakładać trawniki"),
    S("sprzatanie_horyzont", "horyzont", "other", 1, "Profesjonalne sprzątanie obiektów",
      "dobierać środki czystości; obsługiwać maszyny czyszczące; sprzątać powierzchnie biurowe"),
    S("pilot_start", "start", "other", 1, "Pilot wycieczek i przewodnik turystyczny",
      "organizować wycieczki krajowe i zagraniczne; opiekować się grupą; opowiadać o zabytkach"),
    S("animator_start", "start", "other", 1, "Animator czasu wolnego dla dzieci",
      "prowadzić zabawy ruchowe; organizować przyjęcia urodzinowe; malować twarze"),
    S("przedstawiciel_czas", "czas", "soft_negotiation", 1, "Przedstawiciel handlowy - sprzedaż B2B",
      "pozyskiwać klientów biznesowych; prowadzić prezentację handlową; planować trasy wizyt"),
    S("kasjer_horyzont", "horyzont", "soft_negotiation", 2, "Sprzedawca-kasjer z obsługą kasy fiskalnej",
      "obsługiwać kasę fiskalną i terminal płatniczy; przyjmować towar; obsługiwać klientów"),
    S("florystyka_horyzont", "horyzont", "other", 1, "Florystyka i bukieciarstwo",
      "układać bukiety i wiązanki; projektować dekoracje okolicznościowe; pielęgnować kwiaty cięte"),
    S("bhp_horyzont", "horyzont", "other", 1, "Szkolenie okresowe BHP dla pracowników administracji",
      "stosować przepisy bezpieczeństwa i higieny pracy; organizować stanowisko przy komputerze"),
    S("matura_horyzont", "horyzont", "general_secondary", 1, "Przygotowanie do matury z matematyki",
      "rozwiązywać zadania maturalne; powtórzyć funkcje, geometrię i statystykę"),
    S("prince2_horyzont", "horyzont", "management_projects", 1, "Zarządzanie projektami - PRINCE2 Foundation",
      "planować projekt; zarządzać ryzykiem; przystąpić do egzaminu PRINCE2 Foundation"),
    S("magazynier_logistyka", "logistyka", "technical_forklift", 2, "Magazynier z obsługą wózka widłowego",
      "przyjmować i wydawać towar; prowadzić inwentaryzację; obsługiwać skaner i system WMS"),
    S("logistyka_logistyka", "logistyka", "management_projects", 1, "Logistyka i gospodarka magazynowa",
      "planować zapasy; organizować przepływ towarów; optymalizować koszty transportu"),
    S("spedycja_logistyka", "logistyka", "other", 1, "Spedycja i transport międzynarodowy",
      "organizować przewozy międzynarodowe; przygotowywać dokumenty celne; stosować Incoterms"),
    S("handlowiec_czas", "czas", "soft_negotiation", 1, "Techniki sprzedaży dla handlowców",
      "prowadzić rozmowę handlową; odpowiadać na obiekcje klienta; domykać sprzedaż"),
    S("czas_czas", "czas", "soft_self_management", 2, "Zarządzanie czasem i stresem",
      "planować tydzień pracy; radzić sobie z presją terminów; odpoczywać skutecznie"),
    S("komunikacja_czas", "czas", "soft_communication", 1, "Komunikacja interpersonalna i asertywność",
      "słuchać aktywnie; udzielać informacji zwrotnej; odmawiać bez poczucia winy"),
    S("negocjacje_czas", "czas", "soft_negotiation", 1, "Negocjacje i rozwiązywanie konfliktów",
      "prowadzić negocjacje; mediować w sporach; szukać rozwiązań korzystnych dla obu stron"),
    S("lider_czas", "czas", "management_leadership", 1, "Przywództwo i zarządzanie zespołem",
      "motywować pracowników; delegować zadania; prowadzić zebrania"),
    S("ochrona_straznik", "straznik", "other", 2, "Pracownik ochrony fizycznej - kwalifikowany",
      "chronić osoby i mienie; stosować środki przymusu bezpośredniego; prowadzić dokumentację ochrony",
      qualification="Pracownik ochrony fizycznej"),
    S("pedagogika_nauczyciel", "nauczyciel", "general_secondary", 1,
      "Przygotowanie pedagogiczne dla nauczycieli praktycznej nauki zawodu",
      "planować zajęcia praktyczne; stosować metody aktywizujące; oceniać uczniów"),
    S("tik_nauczyciel", "nauczyciel", "general_digital_basics", 1, "Narzędzia cyfrowe w pracy nauczyciela",
      "prowadzić lekcje zdalne; tworzyć interaktywne quizy; korzystać z dziennika elektronicznego"),
]
del S
# fmt: on

GENERIC_GOAL = (
    "Zdobycie praktycznych umiejętności potrzebnych na rynku pracy i przygotowanie uczestnika do "
    "dalszego rozwoju zawodowego."
)
PROGRAMME = [
    "wprowadzenie i cele",
    "podstawy teoretyczne",
    "ćwiczenia praktyczne",
    "studium przypadku",
    "praca w grupach",
    "test wiedzy",
    "omówienie wyników",
]
GROUPS = [
    "Osoby dorosłe mieszkające, pracujące lub uczące się w Małopolsce",
    "Osoby bezrobotne i poszukujące pracy",
    "Pracownicy małych i średnich przedsiębiorstw",
    "Osoby po 50. roku życia",
]


def services_by_key() -> dict[str, Service]:
    return {service.key: service for service in SERVICES}


def build_catalogue(*, today: date) -> dict[tuple[int, str], str]:
    """Write the providers and the published cards (one per date of every service), and return
    the service key of every (provider id, title). Call inside a transaction, after migrating."""
    from kierunek.accounts.models import Role, User
    from kierunek.catalogue.models import CardStatus, Category, ServiceCard, ServiceSession
    from kierunek.geo.models import Gmina
    from kierunek.providers.models import Provider, ProviderStatus

    rng = random.Random(SEED)
    user = User.objects.create_user("relevance@kierunek.example", role=Role.PROVIDER_STAFF)
    towns = {spec.town for spec in PROVIDERS}
    # A town's own gmina: of the gminas of that name, the urban one (TERYT ends in 1), then the
    # urban-rural one (3).
    gminas = {}
    for gmina in Gmina.objects.filter(name__in=towns).order_by("teryt"):
        known = gminas.get(gmina.name)
        if known is None or (known.teryt[-1] != "1" and gmina.teryt[-1] == "1"):
            gminas[gmina.name] = gmina
    missing = towns - set(gminas)
    if missing:
        raise SystemExit(f"gminas not in the reference data: {', '.join(sorted(missing))}")
    providers = {}
    for number, spec in enumerate(PROVIDERS):
        providers[spec.key] = Provider.objects.create(
            legal_name=spec.name,
            short_name=spec.name,
            nip=f"{6760000000 + number}",
            regon=f"{350000000 + number}",
            gmina=gminas[spec.town],
            street=f"ul. Rynek {number + 1}",
            postal_code="30-001",
            city=spec.town,
            email=f"biuro{number}@szkolenia.example",
            phone="+48 12 000 00 00",
            status=ProviderStatus.APPROVED,
            created_by=user,
        )
    categories = {category.code: category for category in Category.objects.all()}
    cards, places, keys = [], [], {}
    for service in SERVICES:
        provider = providers[service.provider]
        keys[provider.pk, service.title] = service.key
        hours = rng.choice([16, 24, 40, 60, 80, 120])
        net = rng.randrange(40_000, 600_000, 1000)
        first = today + timedelta(days=rng.randint(5, 40))
        for number in range(service.dates):
            starts = first + timedelta(days=35 * number + rng.randint(0, 6))
            maximum = rng.choice([8, 10, 12, 15])
            gmina = None if service.remote else provider.gmina
            cards.append(
                ServiceCard(
                    provider=provider,
                    title=service.title,
                    category=categories[service.category],
                    service_type="exam" if service.category.startswith("exams") else "training",
                    delivery_form="remote_live" if service.remote else "in_person",
                    goal=GENERIC_GOAL,
                    learning_outcomes="Po ukończeniu uczestnik potrafi: " + service.outcomes + ".",
                    programme="\n".join(f"{i}. {m.capitalize()}" for i, m in enumerate(PROGRAMME, 1)),
                    target_group=rng.choice(GROUPS),
                    participation_conditions="Ukończone 18 lat.",
                    technical_requirements="Komputer z kamerą i mikrofonem." if service.remote else "",
                    hours=hours,
                    gmina=gmina,
                    street=provider.street if gmina else "",
                    price_net=net,
                    price_gross=net,
                    min_participants=min(5, maximum),
                    max_participants=maximum,
                    seats_taken=rng.randint(0, maximum),
                    enrolment_deadline=starts - timedelta(days=3),
                    starts_on=starts,
                    ends_on=starts + timedelta(days=14),
                    market_qualification=service.qualification,
                    status=CardStatus.PUBLISHED,
                    rating_average=round(rng.uniform(3.5, 5.0), 2) if rng.random() < 0.5 else None,
                    rating_count=rng.randint(0, 30),
                    dedupe_key=f"{service.key}-{number}",
                    created_by=user,
                )
            )
            places.append((starts, gmina.name if gmina else "https://spotkanie.example/k"))
    made = ServiceCard.objects.bulk_create(cards)
    ServiceSession.objects.bulk_create(
        ServiceSession(card=card, date=day, start_time=clock(9), end_time=clock(15), place=place)
        for card, (day, place) in zip(made, places, strict=True)
    )
    return keys
