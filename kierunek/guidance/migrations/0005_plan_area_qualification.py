"""A development area targets a qualification of the register (issue 16, decision 0019), instead
of naming a market qualification in free text. The text stays, read only, as the advisor wrote it;
an area whose text is a qualification's code, or its name (without case and diacritics), is
linked to that qualification."""

import django.db.models.deletion
from django.db import migrations, models

from kierunek.geo.domain import search_key


def link_named_qualifications(apps, schema_editor):
    qualification_model = apps.get_model("qualifications", "Qualification")
    area_model = apps.get_model("guidance", "DevelopmentArea")
    by_code, by_name = {}, {}
    for pk, code, name in qualification_model.objects.values_list("pk", "code", "name"):
        by_code[code.casefold()] = pk
        by_name.setdefault(search_key(name), pk)
    for area in area_model.objects.filter(qualification__isnull=True).exclude(market_qualification=""):
        text = area.market_qualification.strip()
        found = by_code.get(text.casefold()) or by_name.get(search_key(text))
        if found is not None:
            area_model.objects.filter(pk=area.pk).update(qualification_id=found)


class Migration(migrations.Migration):
    dependencies = [
        ("guidance", "0004_centre_opening_hours"),
        ("qualifications", "0002_certifying_institutions"),
    ]

    operations = [
        migrations.AddField(
            model_name="developmentarea",
            name="qualification",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="qualifications.qualification",
                verbose_name="qualification of the register (ZSK)",
            ),
        ),
        migrations.RunPython(link_named_qualifications, migrations.RunPython.noop),
    ]
