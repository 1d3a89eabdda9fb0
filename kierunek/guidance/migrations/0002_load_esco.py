"""Load the competence vocabulary: ESCO v1.2.1 in Polish (European Commission), from
kierunek/guidance/data/esco/ (see its README.md): the skills hierarchy (levels 0–3), the
transversal, digital, language and green skill collections, and the occupations.

A skill in several collections is one row with several collection flags; an occupation the
source lists twice is loaded once. A concept's parent is
the first of its broader concepts that is loaded too."""

import csv
from pathlib import Path

from django.db import migrations

from kierunek.geo.domain import search_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "esco"
COLLECTIONS = {
    "transversalSkillsCollection_pl.csv": "is_transversal",
    "digitalSkillsCollection_pl.csv": "is_digital",
    "languageSkillsCollection_pl.csv": "is_language",
    "greenSkillsCollection_pl.csv": "is_green",
}
LEVELS = 4


def _rows(filename):
    with (DATA_DIR / filename).open(encoding="utf-8", newline="") as csv_file:
        return list(csv.DictReader(csv_file))


def _clean(text):
    return " ".join((text or "").split())


def _alt_labels(text):
    return "\n".join(label.strip() for label in (text or "").splitlines() if label.strip())


def _key(label, alt_labels):
    return search_key(" ".join([label, *alt_labels.splitlines()]))


def load(apps, schema_editor):
    Competence = apps.get_model("guidance", "Competence")
    Occupation = apps.get_model("guidance", "Occupation")
    db = schema_editor.connection.alias

    concepts = {}  # uri -> fields
    parents = {}  # uri -> broader uris, nearest first
    for row in _rows("skillsHierarchy_pl.csv"):
        level = max(n for n in range(LEVELS) if row[f"Level {n} URI"])
        uri = row[f"Level {level} URI"]
        if uri in concepts:
            continue
        concepts[uri] = {
            "label": _clean(row[f"Level {level} preferred term"]),
            "code": row[f"Level {level} code"] or "",
            "concept_type": "group",
        }
        parents[uri] = [row[f"Level {level - 1} URI"]] if level else []

    for filename, flag in COLLECTIONS.items():
        for row in _rows(filename):
            uri = row["conceptUri"]
            if row["status"] != "released":
                continue
            concept = concepts.setdefault(
                uri,
                {
                    "label": _clean(row["preferredLabel"]),
                    "alt_labels": _alt_labels(row["altLabels"]),
                    "description": _clean(row["description"]),
                    "concept_type": "knowledge" if row["skillType"] == "knowledge" else "skill",
                },
            )
            concept[flag] = True
            parents.setdefault(uri, [u.strip() for u in row["broaderConceptUri"].split("|") if u.strip()])

    Competence.objects.using(db).bulk_create(
        (
            Competence(
                uri=uri,
                source="esco",
                search_key=_key(fields["label"], fields.get("alt_labels", "")),
                **fields,
            )
            for uri, fields in concepts.items()
        ),
        batch_size=500,
    )
    by_uri = dict(Competence.objects.using(db).filter(source="esco").values_list("uri", "pk"))
    children = []
    for uri, broader in parents.items():
        parent_pk = next((by_uri[b] for b in broader if b in by_uri and b != uri), None)
        if parent_pk is not None:
            children.append(Competence(pk=by_uri[uri], parent_id=parent_pk))
    Competence.objects.using(db).bulk_update(children, ["parent"], batch_size=500)

    # The source repeats a few occupations (same URI, two modification dates): keep the newest.
    occupations = {}
    for row in sorted(_rows("occupations_pl.csv"), key=lambda row: row["modifiedDate"]):
        if row["status"] == "released":
            occupations[row["conceptUri"]] = row
    Occupation.objects.using(db).bulk_create(
        (
            Occupation(
                uri=row["conceptUri"],
                label=_clean(row["preferredLabel"]),
                alt_labels=_alt_labels(row["altLabels"]),
                description=_clean(row["description"] or row["definition"]),
                isco_code=row["iscoGroup"],
                source="esco",
                search_key=_key(_clean(row["preferredLabel"]), _alt_labels(row["altLabels"])),
            )
            for row in occupations.values()
        ),
        batch_size=500,
    )
    if Competence.objects.using(db).filter(source="esco").count() < 2000:
        raise ValueError("The ESCO files in kierunek/guidance/data/esco/ look incomplete.")


def unload(apps, schema_editor):
    db = schema_editor.connection.alias
    apps.get_model("guidance", "Competence").objects.using(db).filter(source="esco").delete()
    apps.get_model("guidance", "Occupation").objects.using(db).filter(source="esco").delete()


class Migration(migrations.Migration):
    dependencies = [("guidance", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
