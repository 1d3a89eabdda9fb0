"""Load the 22 powiats and 182 gminas of Małopolska from kierunek/geo/data/ (TERYT TERC register,
state 2024-01-01; see the header of each CSV file for its columns)."""

import csv
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _rows(filename):
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as csv_file:
        return list(csv.DictReader(csv_file))


def load(apps, schema_editor):
    Powiat = apps.get_model("geo", "Powiat")
    Gmina = apps.get_model("geo", "Gmina")
    db = schema_editor.connection.alias

    powiats = Powiat.objects.using(db).bulk_create(
        Powiat(teryt=row["teryt"], name=row["name"], is_city=row["city_with_powiat_rights"] == "yes")
        for row in _rows("malopolska_powiaty.csv")
    )
    # bulk_create does not set primary keys on every backend: read them back.
    powiat_by_teryt = {powiat.teryt: powiat for powiat in Powiat.objects.using(db).all()}
    if not len(powiats) == len(powiat_by_teryt) == 22:
        raise ValueError("malopolska_powiaty.csv must hold the 22 powiats of Małopolska.")

    gminas = Gmina.objects.using(db).bulk_create(
        Gmina(
            teryt=row["teryt"],
            name=row["name"],
            kind=row["kind"],
            powiat=powiat_by_teryt[row["powiat_teryt"]],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            coord_source=row["coord_source"],
        )
        for row in _rows("malopolska_gminy.csv")
    )
    if len(gminas) != 182:
        raise ValueError("malopolska_gminy.csv must hold the 182 gminas of Małopolska.")


def unload(apps, schema_editor):
    db = schema_editor.connection.alias
    apps.get_model("geo", "Gmina").objects.using(db).all().delete()
    apps.get_model("geo", "Powiat").objects.using(db).all().delete()


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
