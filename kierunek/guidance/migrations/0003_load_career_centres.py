"""The regional career-guidance centres where advisors meet participants in person: the main
centre in Kraków and the branches in the sub-regional cities. Addresses are kept by the office in
the admin site; the gmina places each centre for distance."""

from django.db import migrations

CENTRES = [
    ("Centrum Kariery Kraków", "1261011"),
    ("Centrum Kariery Tarnów", "1263011"),
    ("Centrum Kariery Nowy Sącz", "1262011"),
    ("Centrum Kariery Nowy Targ", "1211011"),
    ("Centrum Kariery Oświęcim", "1213011"),
]


def load(apps, schema_editor):
    CareerCentre = apps.get_model("guidance", "CareerCentre")
    Gmina = apps.get_model("geo", "Gmina")
    db = schema_editor.connection.alias
    for name, teryt in CENTRES:
        CareerCentre.objects.using(db).get_or_create(
            name=name, defaults={"gmina": Gmina.objects.using(db).get(teryt=teryt)}
        )


def unload(apps, schema_editor):
    db = schema_editor.connection.alias
    apps.get_model("guidance", "CareerCentre").objects.using(db).filter(
        name__in=[name for name, _teryt in CENTRES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("guidance", "0002_load_esco"), ("geo", "0002_load_malopolska")]

    operations = [migrations.RunPython(load, unload)]
