"""The first version of the appeal rule of Kierunek Kariera: how a refused person asks for a review."""

from datetime import date

from django.db import migrations

from kierunek.programmes.rule_migrations import FirstRuleVersion

VALID_FROM = date(2025, 1, 1)

# The programme's source pages (the office's description of the voucher system) say nothing about
# appeals, so the text follows the recruitment rules of the region's ESF+ projects (a request for
# a review with explanations and documents, within 7 days of the decision); the office and its
# address are the regional labour office's (Wojewódzki Urząd Pracy w Krakowie). The note says so.
APPEAL = {
    "text": {
        "pl": (
            "Jeśli nie zgadzasz się z decyzją o odmowie udziału w projekcie, możesz złożyć wniosek o "
            "ponowne rozpatrzenie. Napisz, z którą oceną się nie zgadzasz i dlaczego (wyjaśnienia), "
            "podaj imię, nazwisko i adres e-mail konta w Kierunku oraz dołącz dokumenty, które to "
            "potwierdzają (np. zaświadczenie o zatrudnieniu, o nauce albo o miejscu zamieszkania). "
            "Wniosek można złożyć e-mailem, pocztą lub osobiście w kancelarii urzędu. Urząd "
            "rozpatruje go w ciągu 14 dni i odpowiada na piśmie."
        ),
        "en": (
            "If you disagree with the decision refusing your participation, you may ask for a review. "
            "Say which assessment you disagree with and why, give your name and the e-mail address of "
            "your Kierunek account, and attach documents that show it (for example a certificate of "
            "employment, of studies or of residence). Send it by e-mail, by post or in person at the "
            "office's registry. The office reviews it within 14 days and answers in writing."
        ),
    },
    "deadline_days": 7,
    "contact": {
        "office": "Wojewódzki Urząd Pracy w Krakowie, Zespół ds. projektu Kierunek Kariera",
        "email": "wup@wup-krakow.pl",
        "phone": "12 424 07 00",
        "address": "ul. Piastowska 32, 30-070 Kraków",
    },
}
DECISION_REF = (
    "Uchwała nr 1742/24 Zarządu Województwa Małopolskiego z dnia 17 grudnia 2024 r. "
    "(Regulamin rekrutacji i uczestnictwa w projekcie, § 5 ust. 6)"
)
NOTE = (
    "Pierwsza wersja. Materiały źródłowe programu nie opisują trybu odwołań: tekst przyjęto na wzór "
    "regulaminów rekrutacji projektów EFS+ w Małopolsce (wniosek o ponowne rozpatrzenie z "
    "wyjaśnieniami w 7 dni od decyzji); adres: siedziba WUP w Krakowie. Numer telefonu i adres "
    "e-mail do potwierdzenia przez biuro projektu przed publikacją."
)


RULE = FirstRuleVersion(
    key="appeal",
    valid_from=VALID_FROM,
    value=APPEAL,
    decision_ref=DECISION_REF,
    note=NOTE,
)
load, unload = RULE.load, RULE.unload  # the browser tests' reference data runs load again


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0004_more_rule_keys"),
    ]

    operations = [
        migrations.RunPython(RULE.load, RULE.unload),
    ]
