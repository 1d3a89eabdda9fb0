"""Service cards in the layout of the national services register's public API (Baza Usług
Rozwojowych, uslugirozwojowe.parp.gov.pl), both ways. Providers keep their cards in BUR; they
upload its records here and take ours back in its layout.

An import reads each BUR record into a row of our own columns (kierunek.catalogue.importexport)
and the CSV import's checks do the rest, so a BUR file passes exactly the checks a CSV file does;
every problem is named by the record's own field (``cenaBruttoZaGodzine``, ``adres.terytGminy``).
The fields, and which of their names we had to assume: docs/decisions/0013-bur-card-format.md.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.formats import number_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from kierunek.core.money import Money
from kierunek.geo.domain import search_key
from kierunek.geo.models import Gmina, GminaKind

from .domain import IN_PERSON_FORMS, REMOTE_FORMS
from .models import Category, DeliveryForm, ServiceCard, ServiceType

WARSAW = ZoneInfo("Europe/Warsaw")
# The API's paged answer: {"lista": [...records], "liczbaWszystkichElementow": n, "liczbaStron": p}.
ENVELOPE_LIST = "lista"
MAX_SCHEDULE_ENTRIES = 500
MALOPOLSKA = "małopolskie"
# A session's place when the record's schedule names none and the service has no address.
REMOTE_PLACE = "zdalnie (online)"

# Our column → the BUR field that fills it: errors about a column are reported under this name.
FIELD_OF = {
    "title": "tytul",
    "category": "kategoria",
    "service_type": "rodzajUslugi",
    "delivery_form": "formaSwiadczenia",
    "goal": "celEdukacyjny",
    "learning_outcomes": "efektyUczeniaSie",
    "programme": "programUslugi",
    "target_group": "grupaDocelowa",
    "participation_conditions": "warunkiUczestnictwa",
    "technical_requirements": "warunkiTechniczne",
    "hours": "liczbaGodzin",
    "gmina": "adres.terytGminy",
    "street": "adres.ulica",
    "outside_region_address": "adres",
    "price_net": "cenaNettoZaUczestnika",
    "price_gross": "cenaBruttoZaUczestnika",
    "min_participants": "minimalnaLiczbaUczestnikow",
    "max_participants": "maksymalnaLiczbaUczestnikow",
    "enrolment_deadline": "dataZakonczeniaRekrutacji",
    "market_qualification": "nazwaKwalifikacji",
    "qualification_code": "idKwalifikacjiZrk",
    "sessions": "harmonogram",
}

# BUR's names of the kinds of service and of the forms of delivery (the register's wording,
# compared without case and diacritics); our own codes are accepted too.
SERVICE_TYPES = {
    ServiceType.TRAINING: "Usługa szkoleniowa",
    ServiceType.ADVISORY: "Usługa doradcza",
    ServiceType.EXAM: "Egzamin",
    ServiceType.POSTGRADUATE: "Studia podyplomowe",
    # Issue 16 (names assumed, decision 0019): BUR files the validation of a ZRK qualification and
    # the certification after it as services of their own kind, linked by idKwalifikacjiZrk.
    ServiceType.VALIDATION: "Usługa walidacji",
    ServiceType.CERTIFICATION: "Usługa certyfikacji",
}
# Shorter names of the two kinds a provider may write.
TYPE_ALIASES = {"walidacja": ServiceType.VALIDATION, "certyfikacja": ServiceType.CERTIFICATION}
DELIVERY_FORMS = {
    DeliveryForm.IN_PERSON: "stacjonarna",
    DeliveryForm.REMOTE_LIVE: "zdalna w czasie rzeczywistym",
    DeliveryForm.REMOTE_SELF_PACED: "zdalna (e-learning)",
    DeliveryForm.BLENDED_LIVE: "mieszana (stacjonarna i zdalna w czasie rzeczywistym)",
    DeliveryForm.BLENDED_SELF_PACED: "mieszana (stacjonarna i e-learning)",
}
FORM_ALIASES = {
    "e-learning": DeliveryForm.REMOTE_SELF_PACED,
    "zdalna": DeliveryForm.REMOTE_SELF_PACED,
    "mieszana (stacjonarna polaczona z usluga zdalna w czasie rzeczywistym)": DeliveryForm.BLENDED_LIVE,
    "mieszana (stacjonarna polaczona z e-learningiem)": DeliveryForm.BLENDED_SELF_PACED,
}
# BUR's category names (assumed: the register's tree as its search page shows it) → our codes.
# A record's category may also be written with one of our own categories' names or codes.
CATEGORIES = {
    "jezyki": "languages",
    "informatyka i telekomunikacja": "it_digital",
    "finanse i bankowosc": "finance",
    "rachunkowosc": "finance_accounting",
    "biznes": "management",
    "zdrowie i medycyna": "care_health",
    "rozwoj osobisty": "soft_skills",
    "przemysl": "technical",
    "budownictwo": "technical_construction",
    "transport i logistyka": "driving",
}
# Text the register's editor wrote as HTML: paragraphs, breaks, lists, emphasis.
HTML_RE = re.compile(r"</?(p|br|ul|ol|li|strong|em|b|i|u|div|span|h[1-6])\b[^>]*>", re.IGNORECASE)
BLOCK_END_RE = re.compile(r"<br\s*/?>|</(p|li|div|h[1-6])>", re.IGNORECASE)


@dataclass
class Record:
    """What one BUR record gives: a row of our columns, and the problems by BUR field name."""

    row: dict[str, Any]
    problems: list[tuple[str, str]]


def is_bur(data: Any) -> bool:
    """Whether parsed JSON is in BUR's layout: its paged envelope, or records with ``tytul``."""
    if isinstance(data, dict):
        return ENVELOPE_LIST in data or "tytul" in data
    return isinstance(data, list) and bool(data) and isinstance(data[0], dict) and "tytul" in data[0]


def records_of(data: Any) -> list[dict[str, Any]] | None:
    """The records of a BUR file (a list, the paged envelope, or one record), or None when its
    shape is none of these."""
    if isinstance(data, dict):
        data = data.get(ENVELOPE_LIST) if ENVELOPE_LIST in data else [data]
    if isinstance(data, list) and all(isinstance(record, dict) for record in data):
        return data
    return None


def field_of(column: str) -> str:
    return FIELD_OF.get(column, column)


def _head(name: str) -> str:
    return re.split(r"[.\[]", name, maxsplit=1)[0]


def columns_covered(problems: list[tuple[str, str]]) -> set[str]:
    """Our columns whose problems a record's own problems already explain (an unknown category
    leaves the category empty: "required" would say it twice)."""
    heads = {_head(name) for name, _message in problems}
    if "podkategoria" in heads:
        heads.add("kategoria")
    if "harmonogram" in heads:  # a session left out gives other hours than declared
        heads.add("liczbaGodzin")
    return {column for column, name in FIELD_OF.items() if _head(name) in heads}


def _fold(text: str) -> str:
    return search_key(text)


class _Reader:
    """Reads one record's fields, collecting a problem for each one it cannot read."""

    def __init__(self, record: dict[str, Any]) -> None:
        self.record = record
        self.problems: list[tuple[str, str]] = []

    def problem(self, name: str, message: str) -> None:
        self.problems.append((name, message))

    def text(self, name: str, source: dict[str, Any] | None = None, *, prefix: str = "") -> str:
        value = (self.record if source is None else source).get(name)
        if value is None:
            return ""
        if isinstance(value, dict) and isinstance(value.get("nazwa"), str):
            value = value["nazwa"]  # a dictionary entry of the register: {"id": ..., "nazwa": ...}
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.problem(prefix + name, _("Write text here."))
            return ""
        return _plain(str(value))

    def whole(self, name: str) -> int | None:
        """A whole number (prices in grosze, places); None when absent."""
        value = self.record.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self._bad_whole(name)
            return None
        return value

    def _bad_whole(self, name: str) -> None:
        if name.startswith("cena"):
            self.problem(
                name,
                _("Write the price in grosze as a whole number, as BUR's API does (246000 is 2 460,00 zł)."),
            )
        else:
            self.problem(name, _("Write a whole number."))

    def day(self, name: str, source: dict[str, Any] | None = None, *, prefix: str = "") -> date | None:
        """A date as BUR writes it (``2026-11-02T00:00:00+01:00``: the day in Poland) or
        ``2026-11-02``; None, with a problem, when absent or unreadable."""
        value = (self.record if source is None else source).get(name)
        if value is None or value == "":
            self.problem(prefix + name, _("This field is required."))
            return None
        if isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value.strip())
            except ValueError:
                pass
            else:
                if moment.tzinfo is not None:
                    moment = moment.astimezone(WARSAW)
                return moment.date()
        self.problem(
            prefix + name, _("Write the date as YYYY-MM-DD or as BUR's API does (2026-11-02T00:00:00+01:00).")
        )
        return None


def _plain(text: str) -> str:
    """Text as a person reads it: the register's HTML (paragraphs, lists) becomes lines."""
    if not HTML_RE.search(text):
        return text
    lines = strip_tags(BLOCK_END_RE.sub("\n", text))
    return "\n".join(line.strip() for line in html.unescape(lines).splitlines() if line.strip())


def _choice(reader: _Reader, name: str, names: dict[Any, str], aliases: dict[str, Any]) -> str:
    text = reader.text(name)
    if not text.strip():
        if not any(field == name for field, _message in reader.problems):
            reader.problem(name, _("This field is required."))
        return ""
    key = _fold(text)
    known = (
        {_fold(label): code for code, label in names.items()}
        | {_fold(code): code for code in names}
        | aliases
    )
    if key in known:
        return str(known[key])
    reader.problem(
        name,
        _("“%(value)s” has no counterpart here. Write one of: %(known)s.")
        % {"value": text[:80], "known": "; ".join(names.values())},
    )
    return ""


def _category(reader: _Reader, categories: dict[str, str]) -> str:
    """Our category for the record's ``podkategoria`` (the more precise) or ``kategoria``."""
    for name in ("podkategoria", "kategoria"):
        text = reader.text(name)
        if text.strip():
            code = categories.get(_fold(text))
            if code is None:
                reader.problem(
                    name,
                    _(
                        "The category “%(value)s” has no counterpart in our catalogue. Write the name "
                        "of one of our categories instead, for example “Programowanie” or “Księgowość”."
                    )
                    % {"value": text[:80]},
                )
                return ""
            return code
    reader.problem("kategoria", _("This field is required."))
    return ""


def categories_by_name() -> dict[str, str]:
    """Every name a record may give a category by (folded) → our category code."""
    known = dict(CATEGORIES)
    for code, name, name_en in Category.objects.values_list("code", "name", "name_en"):
        known[_fold(code)] = code
        known[_fold(name)] = code
        known[_fold(name_en)] = code
    return known


def _hours_price_check(reader: _Reader, hours: Decimal | None, totals: dict[str, int | None]) -> None:
    """A price per hour, where the record gives one, must be the price per participant divided
    by the hours (to the grosz, either way), as BUR computes it."""
    for total_name, hour_name in (
        ("cenaBruttoZaUczestnika", "cenaBruttoZaGodzine"),
        ("cenaNettoZaUczestnika", "cenaNettoZaGodzine"),
    ):
        per_hour, total = reader.whole(hour_name), totals[total_name]
        if per_hour is None or total is None or hours is None or hours <= 0:
            continue
        expected = (Decimal(total) / hours).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        if abs(per_hour - expected) > 1:
            reader.problem(
                hour_name,
                _(
                    "%(per_hour)s an hour does not agree with the price per participant, %(total)s for "
                    "%(hours)s hours: that is %(expected)s an hour."
                )
                % {
                    "per_hour": Money(per_hour).format(),
                    "total": Money(total).format(),
                    "hours": number_format(hours),
                    "expected": Money(int(expected)).format(),
                },
            )


def _address(reader: _Reader, delivery_form: str) -> tuple[str, str, str, str]:
    """(gmina TERYT, street, address outside Małopolska, place for the schedule) from ``adres``."""
    address = reader.record.get("adres")
    if address is None or address == {}:
        return "", "", "", ""
    if not isinstance(address, dict):
        reader.problem(
            "adres", _("Write the address as an object with its fields (ulica, nazwaMiejscowosci…).")
        )
        return "", "", "", ""
    parts = {name: reader.text(name, address, prefix="adres.") for name in _ADDRESS_FIELDS}
    street = " ".join(part for part in (parts["ulica"], parts["numerBudynku"]) if part.strip())
    if parts["numerLokalu"].strip():
        street += f"/{parts['numerLokalu'].strip()}"
    teryt = parts["terytGminy"].strip()
    town = parts["nazwaMiejscowosci"].strip()
    in_region = teryt or _fold(parts["nazwaWojewodztwa"]) == _fold(MALOPOLSKA)
    if in_region and not teryt:
        if not town:
            if delivery_form in IN_PERSON_FORMS:
                reader.problem("adres.nazwaMiejscowosci", _("This field is required."))
            return "", street, "", ""
        teryt = _gmina_by_town(reader, town)
    if in_region:
        gmina_name = Gmina.objects.filter(teryt=teryt).values_list("name", flat=True).first() or town
        return teryt, street, "", ", ".join(part for part in (gmina_name, street) if part)
    if parts["adresPelny"].strip():
        outside = parts["adresPelny"].strip()
    else:
        place = " ".join(part for part in (parts["kodPocztowy"].strip(), town) if part)
        region = f"woj. {parts['nazwaWojewodztwa'].strip()}" if parts["nazwaWojewodztwa"].strip() else ""
        outside = ", ".join(part for part in (street, place, region) if part)
    return "", "", outside, outside


_ADDRESS_FIELDS = (
    "terytGminy",
    "nazwaWojewodztwa",
    "nazwaMiejscowosci",
    "kodPocztowy",
    "ulica",
    "numerBudynku",
    "numerLokalu",
    "adresPelny",
)


def _gmina_by_town(reader: _Reader, town: str) -> str:
    """The gmina of Małopolska a town names: the only one of that name, or of several (Bochnia the
    town and the rural gmina around it) the town's own, urban or urban-rural."""
    key = _fold(town)
    found = [g for g in Gmina.objects.filter(name__iexact=town) if _fold(g.name) == key] or [
        g for g in Gmina.objects.only("teryt", "name", "kind") if _fold(g.name) == key
    ]
    towns = [g for g in found if g.kind != GminaKind.RURAL]
    if len(found) == 1:
        return found[0].teryt
    if len(towns) == 1:
        return towns[0].teryt
    if found:
        reader.problem(
            "adres.terytGminy",
            _("Several gminas of Małopolska are called “%(town)s”: give the gmina's TERYT code.")
            % {"town": town},
        )
    else:
        reader.problem(
            "adres.nazwaMiejscowosci",
            _("No gmina of Małopolska is called “%(town)s”: give the gmina's TERYT code in adres.terytGminy.")
            % {"town": town},
        )
    return ""


def _schedule(reader: _Reader, place: str) -> list[dict[str, str]]:
    entries = reader.record.get("harmonogram")
    if not isinstance(entries, list) or not entries:
        reader.problem(
            "harmonogram",
            _(
                "Give the schedule: a list of sessions, each with data, godzinaRozpoczecia and "
                "godzinaZakonczenia (and miejsce, if not the service's address)."
            ),
        )
        return []
    if len(entries) > MAX_SCHEDULE_ENTRIES:
        reader.problem("harmonogram", _("At most %(max)d sessions.") % {"max": MAX_SCHEDULE_ENTRIES})
        return []
    sessions = []
    for number, entry in enumerate(entries, start=1):
        prefix = f"harmonogram[{number}]."
        if not isinstance(entry, dict):
            reader.problem(f"harmonogram[{number}]", _("Write each session as an object."))
            continue
        day = reader.day("data", entry, prefix=prefix)
        times = []
        for name in ("godzinaRozpoczecia", "godzinaZakonczenia"):
            text = reader.text(name, entry, prefix=prefix).strip()
            try:
                times.append(time.fromisoformat(text if len(text) != 4 else "0" + text).strftime("%H:%M"))
            except ValueError:
                reader.problem(prefix + name, _("Write the time as HH:MM."))
        where = reader.text("miejsce", entry, prefix=prefix).strip() or place or REMOTE_PLACE
        if day is not None and len(times) == 2:
            sessions.append({"date": day.isoformat(), "start": times[0], "end": times[1], "place": where})
    return sessions


def record_to_row(record: dict[str, Any], *, categories: dict[str, str]) -> Record:
    """One BUR record as a row of our columns, with the problems only BUR's layout can have
    (an unknown category, a form or kind of service, dates that disagree with the schedule, a
    price per hour that disagrees with the price per participant)."""
    reader = _Reader(record)
    delivery_form = _choice(reader, "formaSwiadczenia", DELIVERY_FORMS, FORM_ALIASES)
    gmina, street, outside, place = _address(reader, delivery_form)
    sessions = _schedule(reader, place if delivery_form not in REMOTE_FORMS else "")
    starts_on, ends_on = reader.day("dataRozpoczeciaUslugi"), reader.day("dataZakonczeniaUslugi")
    if starts_on and ends_on and ends_on < starts_on:
        reader.problem("dataZakonczeniaUslugi", _("The service cannot end before it starts."))
    elif sessions and not any(_head(name) == "harmonogram" for name, _message in reader.problems):
        first, last = min(s["date"] for s in sessions), max(s["date"] for s in sessions)
        for name, given, expected in (
            ("dataRozpoczeciaUslugi", starts_on, first),
            ("dataZakonczeniaUslugi", ends_on, last),
        ):
            if given is not None and given.isoformat() != expected:
                reader.problem(
                    name,
                    _("The schedule (harmonogram) gives %(expected)s, not %(given)s.")
                    % {
                        "expected": date.fromisoformat(expected).strftime("%d.%m.%Y"),
                        "given": given.strftime("%d.%m.%Y"),
                    },
                )
    deadline = reader.day("dataZakonczeniaRekrutacji")
    if record.get("czyCenaDotyczyCalejUslugi") is True:
        reader.problem(
            "czyCenaDotyczyCalejUslugi",
            _(
                "Our cards have the price per participant: give cenaNettoZaUczestnika and "
                "cenaBruttoZaUczestnika."
            ),
        )
    totals = {name: reader.whole(name) for name in ("cenaNettoZaUczestnika", "cenaBruttoZaUczestnika")}
    hours = _hours(record.get("liczbaGodzin"))
    _hours_price_check(reader, hours, totals)
    places = {
        name: reader.whole(name) for name in ("minimalnaLiczbaUczestnikow", "maksymalnaLiczbaUczestnikow")
    }
    code = record.get("idKwalifikacjiZrk")
    row = {
        "title": reader.text("tytul"),
        "category": _category(reader, categories),
        "service_type": _choice(reader, "rodzajUslugi", SERVICE_TYPES, TYPE_ALIASES),
        "delivery_form": delivery_form,
        "goal": reader.text("celEdukacyjny"),
        "learning_outcomes": reader.text("efektyUczeniaSie"),
        "programme": reader.text("programUslugi"),
        "target_group": reader.text("grupaDocelowa"),
        "participation_conditions": reader.text("warunkiUczestnictwa"),
        "technical_requirements": reader.text("warunkiTechniczne"),
        "hours": "" if record.get("liczbaGodzin") is None else str(record.get("liczbaGodzin")),
        "gmina": gmina,
        "street": street,
        "outside_region_address": outside,
        "price_net": _price(totals["cenaNettoZaUczestnika"]),
        "price_gross": _price(totals["cenaBruttoZaUczestnika"]),
        "min_participants": ""
        if places["minimalnaLiczbaUczestnikow"] is None
        else str(places["minimalnaLiczbaUczestnikow"]),
        "max_participants": ""
        if places["maksymalnaLiczbaUczestnikow"] is None
        else str(places["maksymalnaLiczbaUczestnikow"]),
        "enrolment_deadline": deadline.isoformat() if deadline else "",
        "market_qualification": reader.text("nazwaKwalifikacji"),
        "qualification_code": "" if code is None else reader.text("idKwalifikacjiZrk"),
        "sessions": sessions,
    }
    return Record(row=row, problems=reader.problems)


def _hours(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        hours = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        return None
    return hours if hours.is_finite() else None


def _price(grosze: int | None) -> str:
    return "" if grosze is None else Money(grosze).api_str()


# --- export ------------------------------------------------------------------------------------


def _moment(day: date) -> str:
    """A date as BUR's API writes it: midnight in Poland with the offset of that day."""
    return datetime.combine(day, time(0), tzinfo=WARSAW).isoformat()


def _number(hours: Decimal) -> int | float:
    return int(hours) if hours == hours.to_integral_value() else float(hours)


def card_record(card: ServiceCard) -> dict[str, Any]:
    """One card as a BUR record (its sessions prefetched), which ``record_to_row`` reads back to
    the same card."""
    category = card.category
    parent = category.parent if category.parent_id else None
    hours = card.hours
    if card.gmina is not None:
        address: dict[str, Any] = {
            "terytGminy": card.gmina.teryt,
            "nazwaWojewodztwa": MALOPOLSKA,
            "nazwaMiejscowosci": card.gmina.name,
            "ulica": card.street,
        }
    elif card.outside_region_address:
        address = {"adresPelny": card.outside_region_address}
    else:
        address = {}
    return {
        "tytul": card.title,
        "rodzajUslugi": SERVICE_TYPES[ServiceType(card.service_type)],
        "kategoria": parent.name if parent else category.name,
        "podkategoria": category.name if parent else None,
        "formaSwiadczenia": DELIVERY_FORMS[DeliveryForm(card.delivery_form)],
        "dataRozpoczeciaUslugi": _moment(card.starts_on),
        "dataZakonczeniaUslugi": _moment(card.ends_on),
        "dataZakonczeniaRekrutacji": _moment(card.enrolment_deadline),
        "celEdukacyjny": card.goal,
        "efektyUczeniaSie": card.learning_outcomes,
        "programUslugi": card.programme,
        "grupaDocelowa": card.target_group,
        "warunkiUczestnictwa": card.participation_conditions,
        "warunkiTechniczne": card.technical_requirements,
        "liczbaGodzin": _number(hours),
        "cenaNettoZaUczestnika": card.price_net,
        "cenaBruttoZaUczestnika": card.price_gross,
        "cenaNettoZaGodzine": int((Decimal(card.price_net) / hours).quantize(Decimal(1), ROUND_HALF_UP)),
        "cenaBruttoZaGodzine": int((Decimal(card.price_gross) / hours).quantize(Decimal(1), ROUND_HALF_UP)),
        "czyCenaDotyczyCalejUslugi": False,
        "minimalnaLiczbaUczestnikow": card.min_participants,
        "maksymalnaLiczbaUczestnikow": card.max_participants,
        "idKwalifikacjiZrk": card.qualification_code or None,
        "nazwaKwalifikacji": card.market_qualification,
        "adres": address,
        "harmonogram": [
            {
                "data": s.date.isoformat(),
                "godzinaRozpoczecia": f"{s.start_time:%H:%M}",
                "godzinaZakonczenia": f"{s.end_time:%H:%M}",
                "miejsce": s.place,
            }
            for s in card.sessions.all()
        ],
    }


def envelope(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Records in the API's paged answer, all on one page."""
    return {ENVELOPE_LIST: records, "liczbaWszystkichElementow": len(records), "liczbaStron": 1}


EXAMPLE_FILE = Path(__file__).resolve().parent / "fixtures" / "bur_example.json"
_DATE_FIELDS = ("dataRozpoczeciaUslugi", "dataZakonczeniaUslugi", "dataZakonczeniaRekrutacji")


def example_file(*, today: date) -> str:
    """The example BUR file (fixtures/bur_example.json), its dates moved so that its first service
    starts 30 days after ``today``: downloaded and uploaded as it is, it imports."""
    data = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    records = data[ENVELOPE_LIST]
    first = min(datetime.fromisoformat(r["dataRozpoczeciaUslugi"]).date() for r in records)
    shift = today + timedelta(days=30) - first
    for record in records:
        for name in _DATE_FIELDS:
            record[name] = _moment(datetime.fromisoformat(record[name]).date() + shift)
        for entry in record["harmonogram"]:
            entry["data"] = (date.fromisoformat(entry["data"]) + shift).isoformat()
    return json.dumps(data, ensure_ascii=False, indent=1)
