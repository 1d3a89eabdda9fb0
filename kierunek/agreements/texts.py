"""The first versions of the programme's agreement templates, as the office drafted them: Polish
text with placeholders (``{{ name }}``, :data:`kierunek.agreements.domain.PLACEHOLDERS`) and the
legal basis. The demo publishes them; the office changes them on its templates page (each change a
new version)."""

from __future__ import annotations

from typing import TypedDict


class TemplateText(TypedDict):
    title: str
    body: str
    legal_basis: str


LEGAL_BASIS = (
    "Ustawa z dnia 20 kwietnia 2004 r. o promocji zatrudnienia i instytucjach rynku pracy; "
    "Regulamin projektu „{programme}” przyjęty uchwałą Zarządu Województwa Małopolskiego; "
    "Fundusze Europejskie dla Małopolski 2021\u20132027, Działanie 6.9 (uczenie się przez całe życie)."
)

TEMPLATES: dict[str, TemplateText] = {
    "participation": {
        "title": "Umowa uczestnictwa w projekcie",
        "body": (
            "Umowa nr {{ agreement_number }} zawarta w dniu {{ date }} pomiędzy Wojewódzkim Urzędem "
            "Pracy w Krakowie, zwanym dalej „Urzędem”, a {{ participant_name }} "
            "({{ participant_email }}), zwanym dalej „Uczestnikiem”.\n\n"
            "§ 1. Przedmiot umowy. Urząd przyznaje Uczestnikowi udział w projekcie {{ programme }} "
            "realizowanym w okresie {{ programme_period }} i bony na usługi rozwojowe w ramach "
            "pakietów wskazanych w podpisanym planie rozwoju:\n{{ packages }}\n\n"
            "§ 2. Zobowiązania Uczestnika. Uczestnik korzysta z bonów wyłącznie na usługi zgodne z "
            "planem rozwoju, potwierdza obecność i udział w usłudze oraz wypełnia ankietę oceniającą "
            "usługę. Uczestnik nie przekazuje bonów innym osobom.\n\n"
            "§ 3. Zasady programu. Wartość bonu, liczba bonów pobieranych za usługę oraz terminy "
            "rezerwacji i ważności bonów wynikają z zasad programu obowiązujących w dniu zawarcia "
            "umowy:\n{{ rules }}\nZmiana tych zasad wymaga aneksu do umowy.\n\n"
            "§ 4. Dane osobowe. Administratorem danych osobowych Uczestnika jest Urząd; dane są "
            "przetwarzane w celu realizacji projektu i jego rozliczenia.\n\n"
            "§ 5. Postanowienia końcowe. Umowa zostaje zawarta z chwilą jej akceptacji przez Uczestnika "
            "w systemie Kierunek z użyciem drugiego składnika uwierzytelnienia. Podstawa prawna: "
            "{{ legal_basis }}"
        ),
        "legal_basis": LEGAL_BASIS,
    },
    "annex": {
        "title": "Aneks do umowy uczestnictwa",
        "body": (
            "Aneks nr {{ agreement_number }} z dnia {{ date }} do umowy uczestnictwa nr "
            "{{ agreement_of }} zawartej z {{ participant_name }} w projekcie {{ programme }}.\n\n"
            "§ 1. Strony zgodnie zmieniają umowę w zakresie:\n{{ changes }}\n\n"
            "§ 2. Pakiety dodane niniejszym aneksem:\n{{ packages }}\n\n"
            "§ 3. Obowiązujące od dnia aneksu zasady programu:\n{{ rules }}\n\n"
            "§ 4. Pozostałe postanowienia umowy nie ulegają zmianie. Aneks wchodzi w życie z chwilą "
            "jego akceptacji przez Uczestnika. Podstawa prawna: {{ legal_basis }}"
        ),
        "legal_basis": LEGAL_BASIS,
    },
    "provider": {
        "title": "Umowa z realizatorem usług rozwojowych",
        "body": (
            "Umowa nr {{ agreement_number }} zawarta w dniu {{ date }} pomiędzy Wojewódzkim Urzędem "
            "Pracy w Krakowie, zwanym dalej „Urzędem”, a {{ provider_name }}, NIP {{ provider_nip }}, "
            "z siedzibą: {{ provider_address }}, zwanym dalej „Realizatorem”.\n\n"
            "§ 1. Przedmiot umowy. Realizator świadczy uczestnikom projektu {{ programme }} usługi "
            "rozwojowe opłacane bonami, na zasadach programu, w okresie od {{ valid_from }} do "
            "{{ valid_until }}.\n\n"
            "§ 2. Zobowiązania Realizatora. Realizator prowadzi usługi zgodnie z kartą usługi, "
            "dokumentuje obecność uczestników, zgłasza ukończenie usługi w terminie i utrzymuje "
            "wymagania jakościowe programu przez cały okres umowy.\n\n"
            "§ 3. Rozliczenie. Urząd przekazuje należność za usługi zrealizowane i potwierdzone przez "
            "uczestników na rachunek bankowy Realizatora zatwierdzony w systemie. Zasady programu w "
            "dniu zawarcia umowy:\n{{ rules }}\n\n"
            "§ 4. Rozwiązanie umowy. Urząd może rozwiązać umowę z podaniem przyczyny; od wskazanego "
            "dnia Realizator nie przyjmuje nowych rezerwacji, a rezerwacje już przyjęte realizuje.\n\n"
            "§ 5. Postanowienia końcowe. Umowa zostaje zawarta z chwilą jej akceptacji przez osobę "
            "uprawnioną do reprezentowania Realizatora i kontrasygnaty Urzędu. Podstawa prawna: "
            "{{ legal_basis }}"
        ),
        "legal_basis": LEGAL_BASIS,
    },
}
