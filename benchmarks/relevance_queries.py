"""The judged queries of the relevance benchmark (benchmarks/relevance.py), written as residents
type them into the catalogue's search box, with what a person expects to see. They were written
from the catalogue (benchmarks/relevance_catalogue.py), not from what the search gives.

Each query names services by key (one provider's service, whatever its dates):

- ``must``: each must be among the first 5 results (the services without which a person would
  say the search failed them);
- ``ok``: further good answers (they count in nDCG@10 at half the weight of ``must``, and are
  never required);
- ``never``: must not be among the first 10 results: judged only where enough better answers
  exist to fill the first 10 without them, or where no result at all would be better.

A query of the class ``nothing`` asks for what the catalogue does not offer. It succeeds when the
search finds nothing, or when it shows results *and says that it relaxed or corrected the query*
(SearchResult.notes is not empty) and none of them is in ``never``: a silent result set for such a
query misleads, a partial one that says which words were not found does not.
"""

from __future__ import annotations

from dataclasses import dataclass

CLASSES = (
    "inflection",
    "no_diacritics",
    "feminine",
    "derivation",
    "occupation",
    "typo",
    "multi_word",
    "abbreviation",
    "nothing",
)


@dataclass(frozen=True)
class Judged:
    kind: str  # one of CLASSES
    text: str
    must: tuple[str, ...] = ()
    ok: tuple[str, ...] = ()
    never: tuple[str, ...] = ()


def _q(kind: str, text: str, must: str = "", ok: str = "", never: str = "") -> Judged:
    return Judged(kind, text, tuple(must.split()), tuple(ok.split()), tuple(never.split()))


# Groups of services a person treats as one answer, reused below.
ACCOUNTING = (
    "ks_podstawy_skwp ks_samodzielny_skwp ks_budzet_skwp ks_kpir_bilans ks_symfonia_horyzont "
    "ks_rachunkowosc_mckz ks_asystent_mckz ks_pelna_zdz ks_biuro_zdz ks_ngo_fundacja optima_bilans"
)
# The accounting services whose title names accounting ("księgowość").
ACCOUNTING_TITLES = "ks_podstawy_skwp ks_kpir_bilans ks_symfonia_horyzont ks_pelna_zdz"
WELDING = "tig_spawmet tig_zdz mag_spawmet gaz_spawmet mag_mckz mig_horyzont"
ENGLISH = "ang_b1_lingua ang_a2_lingua ang_biz_verbum ang_horyzont"
EXCEL = "excel_fundacja excel_bilans excel_lingua excel_ksiegowi_skwp"
PAYROLL = "kadry_kp kadry_zdz kadry_skwp wynagrodzenia_horyzont"
GRAPHICS = "grafika_pixel corel_horyzont dtp_pixel"
HAIR = "fryzjer_cech fryzjerstwo_bella barber_horyzont"
ELDERLY = "opiekun_medyk opiekun_zdz opiekun_horyzont opiekun_med_mckz"
TRUCKS = "c_autolider c_transkurs kw_transkurs ce_transkurs okresowe_transkurs"
# Not about accounting: found by "księgowość" only through their provider's name.
BILANS_OTHER = "cyber_bilans czas_bilans"

QUERIES = [
    # --- inflection: a form other than the one on the card ---------------------------------------
    _q("inflection", "kurs spawania", must="tig_spawmet tig_zdz mag_spawmet gaz_spawmet", ok=WELDING),
    _q("inflection", "języka angielskiego", must="ang_b1_lingua ang_a2_lingua ang_horyzont", ok=ENGLISH),
    _q(
        "inflection",
        "kursy księgowości",
        must=ACCOUNTING_TITLES,
        ok=ACCOUNTING,
        never=BILANS_OTHER,
    ),
    _q("inflection", "stylizacji paznokci", must="paznokcie_bella"),
    # The provider "Akademia Fryzjerstwa Bella" also offers nails, make-up and cosmetics.
    _q("inflection", "kurs fryzjerstwa", must="fryzjerstwo_bella fryzjer_cech", ok=HAIR),
    _q("inflection", "pierwszej pomocy", must="pp_medyk pp_horyzont pp_spawmet kpp_straznik"),
    _q("inflection", "programowania w pythonie", must="python_codelab", ok="java_codelab"),
    _q("inflection", "tabel przestawnych", must="excel_fundacja excel_ksiegowi_skwp excel_lingua", ok=EXCEL),
    _q("inflection", "instalacji fotowoltaicznych", must="pv_volt", ok="elektryk_volt"),
    _q("inflection", "obsługi suwnic", must="suwnice_operator"),
    _q("inflection", "grafiki komputerowej", must="grafika_pixel corel_horyzont", ok=GRAPHICS),
    _q("inflection", "przygotowania pedagogicznego", must="pedagogika_nauczyciel"),
    # --- typed without Polish letters ---------------------------------------------------------------
    _q("no_diacritics", "ksiegowosc", must=ACCOUNTING_TITLES, ok=ACCOUNTING, never=BILANS_OTHER),
    _q("no_diacritics", "jezyk niemiecki", must="niem_lingua niem_medyk"),
    _q("no_diacritics", "wozki widlowe", must="wozki_operator wozki_spawmet", ok="magazynier_logistyka"),
    _q(
        "no_diacritics",
        "opiekun osob starszych",
        must="opiekun_medyk opiekun_zdz opiekun_horyzont",
        ok=ELDERLY,
    ),
    _q("no_diacritics", "cyberbezpieczenstwo", must="cyber_secure cyber_bilans", ok="sieci_secure"),
    _q("no_diacritics", "tlumaczenie pisemne", must="tlum_verbum", ok="tlum_ustne_verbum"),
    _q("no_diacritics", "kadry i place", must="kadry_kp kadry_zdz", ok=PAYROLL),
    _q("no_diacritics", "jezyk polski dla cudzoziemcow", must="pol_lingua"),
    _q("no_diacritics", "zarzadzanie czasem", must="czas_czas czas_bilans"),
    _q("no_diacritics", "ukladanie plytek", must="glazurnik_budowlaniec"),
    _q("no_diacritics", "spawanie metoda tig", must="tig_spawmet tig_zdz", ok=WELDING),
    # --- feminine job titles (cards use the masculine one, or the activity) ---------------------------
    _q(
        "feminine", "księgowa", must="ks_samodzielny_skwp ks_asystent_mckz", ok=ACCOUNTING, never=BILANS_OTHER
    ),
    _q("feminine", "kurs dla księgowej", must="ks_samodzielny_skwp ks_asystent_mckz", ok=ACCOUNTING),
    _q("feminine", "kierowczyni autobusu", must="d_transkurs"),
    _q("feminine", "nauczycielka", must="pedagogika_nauczyciel tik_nauczyciel", ok="metodyka_nauczyciel"),
    _q("feminine", "fryzjerka", must="fryzjer_cech fryzjerstwo_bella", ok=HAIR),
    _q("feminine", "kosmetyczka", must="kosmetyka_bella technik_kosm_mckz", ok="wizaz_bella paznokcie_bella"),
    _q(
        "feminine",
        "opiekunka osób starszych",
        must="opiekun_medyk opiekun_zdz opiekun_horyzont",
        ok=ELDERLY + " niem_medyk",
    ),
    _q("feminine", "programistka java", must="java_codelab", ok="python_codelab"),
    _q("feminine", "kucharka", must="kucharz_smak kucharz_cech"),
    _q("feminine", "magazynierka", must="magazynier_logistyka", ok="logistyka_logistyka wozki_operator"),
    _q("feminine", "spawaczka", must="mag_mckz mig_horyzont", ok=WELDING),
    # --- derivations: the occupation typed, the activity on the card (or the other way round) ---------
    _q("derivation", "fryzjer", must="fryzjerstwo_bella fryzjer_cech", ok=HAIR),
    _q("derivation", "grafik", must="grafika_pixel corel_horyzont dtp_pixel", ok="grafik_kp"),
    _q("derivation", "tłumacz", must="tlum_verbum", ok="tlum_ustne_verbum"),
    _q("derivation", "kadrowa", must="kadry_kp kadry_zdz kadry_skwp", ok=PAYROLL + " excel_ksiegowi_skwp"),
    _q("derivation", "cukiernik", must="cukiernictwo_cech"),
    _q("derivation", "malarz", must="malowanie_budowlaniec"),
    _q("derivation", "florysta", must="florystyka_horyzont"),
    _q("derivation", "spedytor", must="spedycja_logistyka", ok="logistyka_logistyka"),
    _q("derivation", "programista python", must="python_codelab"),
    _q("derivation", "logistyk", must="logistyka_logistyka", ok="spedycja_logistyka magazynier_logistyka"),
    _q("derivation", "masażysta", must="masaz_medyk"),
    _q("derivation", "uprawnienia elektryka", must="sep_volt sep_zdz", ok="elektryk_volt"),
    # --- occupations typed as such ------------------------------------------------------------------
    _q("occupation", "spawacz", must="mag_mckz mig_horyzont", ok=WELDING),
    _q("occupation", "kierowca ciężarówki", must="c_autolider c_transkurs kw_transkurs", ok=TRUCKS),
    # The provider "Centrum Szkoleń Medycznych Opiekun Plus" also offers first aid and massage.
    _q(
        "occupation",
        "opiekun",
        must="opiekun_medyk opiekun_zdz opiekun_horyzont",
        ok="opiekun_med_mckz niania_medyk niem_medyk",
    ),
    _q("occupation", "opiekun medyczny", must="opiekun_med_mckz", ok=ELDERLY),
    _q("occupation", "operator koparki", must="koparka_operator"),
    _q("occupation", "magazynier", must="magazynier_logistyka", ok="logistyka_logistyka wozki_operator"),
    _q("occupation", "elektryk", must="elektryk_volt sep_volt", ok="sep_zdz pv_volt plc_mckz"),
    _q("occupation", "glazurnik", must="glazurnik_budowlaniec"),
    _q("occupation", "kucharz", must="kucharz_smak kucharz_cech"),
    _q("occupation", "barista", must="barista_smak", ok="kelner_smak"),
    _q("occupation", "ochroniarz", must="ochrona_straznik"),
    _q("occupation", "tokarz", must="tokarz_horyzont", ok="cnc_mckz"),
    _q("occupation", "kierowca autobusu", must="d_transkurs"),
    _q("occupation", "sprzedawca", must="kasjer_horyzont", ok="handlowiec_czas przedstawiciel_czas"),
    # --- typing errors ------------------------------------------------------------------------------
    _q("typo", "exel", must="excel_fundacja excel_bilans excel_lingua", ok=EXCEL),
    _q("typo", "ksiegowsc", must=ACCOUNTING_TITLES, ok=ACCOUNTING),
    _q("typo", "fryzjestwo", must="fryzjerstwo_bella", ok=HAIR),
    _q("typo", "angieslki", must="ang_b1_lingua ang_a2_lingua", ok=ENGLISH),
    _q("typo", "pierwsza pomc", must="pp_medyk pp_horyzont pp_spawmet kpp_straznik"),
    _q("typo", "progamowanie", must="python_codelab", ok="java_codelab www_codelab"),
    _q("typo", "fotowoltanika", must="pv_volt"),
    _q("typo", "wuzki widłowe", must="wozki_operator wozki_spawmet", ok="magazynier_logistyka"),
    _q("typo", "photoshp", must="grafika_pixel"),
    _q("typo", "spawnie tig", must="tig_spawmet tig_zdz"),
    _q("typo", "negocjace", must="negocjacje_kp negocjacje_czas"),
    # --- several words ------------------------------------------------------------------------------
    _q("multi_word", "kurs spawania Tarnów", must="tig_spawmet mag_spawmet gaz_spawmet"),
    _q("multi_word", "excel dla księgowych", must="excel_ksiegowi_skwp", ok=EXCEL),
    _q("multi_word", "niemiecki dla opiekunek osób starszych", must="niem_medyk", ok=ELDERLY),
    _q("multi_word", "prawo jazdy kategorii C z kwalifikacją wstępną", must="c_transkurs", ok=TRUCKS),
    _q("multi_word", "kurs spawania dla kobiet", must="tig_spawmet tig_zdz mag_spawmet", ok=WELDING),
    _q("multi_word", "grafika komputerowa photoshop", must="grafika_pixel", ok=GRAPHICS),
    _q("multi_word", "zarządzanie projektami scrum", must="scrum_codelab", ok="prince2_horyzont"),
    _q("multi_word", "księgowość Kraków", must="ks_podstawy_skwp ks_pelna_zdz ks_kpir_bilans", ok=ACCOUNTING),
    _q("multi_word", "obsługa komputera dla seniorów", must="seniorzy_fundacja"),
    _q("multi_word", "angielski w biznesie online", must="ang_biz_verbum", ok=ENGLISH),
    _q("multi_word", "podatek vat w małej firmie", must="vat_bilans vat_skwp", ok="pit_mckz ks_kpir_bilans"),
    # --- abbreviations ------------------------------------------------------------------------------
    _q(
        "abbreviation",
        "prawo jazdy kat. C",
        must="c_autolider c_transkurs",
        ok=TRUCKS,
        never="b_autolider b_transkurs a_autolider d_transkurs",
    ),
    _q("abbreviation", "kat. B", must="b_autolider b_transkurs", never="c_autolider a_autolider"),
    _q("abbreviation", "j. angielski", must="ang_b1_lingua ang_a2_lingua ang_horyzont", ok=ENGLISH),
    _q("abbreviation", "j. niem.", must="niem_lingua niem_medyk"),
    _q("abbreviation", "kat. C+E", must="ce_transkurs", never="b_autolider a_autolider"),
    _q("abbreviation", "uprawnienia SEP", must="sep_volt sep_zdz"),
    _q("abbreviation", "egzamin UDT", must="wozki_spawmet suwnice_operator wozki_operator"),
    _q("abbreviation", "CNC", must="cnc_mckz"),
    _q("abbreviation", "KPiR", must="ks_kpir_bilans"),
    _q("abbreviation", "szkolenie BHP", must="bhp_horyzont"),
    _q("abbreviation", "MS Excel", must="excel_lingua", ok=EXCEL),
    # --- what the catalogue does not offer ------------------------------------------------------------
    _q("nothing", "nurkowanie"),
    _q("nothing", "hodowla alpak"),
    _q("nothing", "astrologia"),
    _q("nothing", "joga dla seniorów"),
    _q("nothing", "szydełkowanie"),
    _q("nothing", "tatuaż"),
    _q("nothing", "weterynarz"),
    _q("nothing", "sommelier"),
    _q("nothing", "operator drona"),
    _q("nothing", "licencja pilota samolotowego"),
    _q("nothing", "xyzzy"),
]
