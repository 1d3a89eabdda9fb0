"""The reference data that data migrations load (gminas, quality standards, categories, the demo
programme and its dated rules, ESCO, career centres). Transactional tests run in a database that
Django empties after each of them; in a worker that ran such a test the serialized copy is not
restored, so tests that need the reference data reload it where it is gone."""

from importlib import import_module
from pathlib import Path
from types import SimpleNamespace


def _data_migration(app: str, name: str) -> str:
    """The module of ``app``'s migration named ``<number>_<name>``, whatever its number (numbers
    change when branches that each added migrations are merged)."""
    folder = Path(__file__).resolve().parents[1] / "kierunek" / app / "migrations"
    (found,) = folder.glob(f"[0-9][0-9][0-9][0-9]_{name}.py")
    return f"kierunek.{app}.migrations.{found.stem}"


# (a model the migration fills, or None for an idempotent loader run every time; the data
# migration) in dependency order.
REFERENCE_DATA = [
    ("geo.Gmina", "kierunek.geo.migrations.0002_load_malopolska"),
    ("quality.QualityStandard", "kierunek.providers.migrations.0002_load_msues_standards"),
    ("catalogue.Category", "kierunek.catalogue.migrations.0002_load_categories"),
    ("programmes.Programme", "kierunek.programmes.migrations.0002_load_kierunek_kariera"),
    (None, "kierunek.programmes.migrations.0003_booking_rule"),
    (None, _data_migration("catalogue", "hours_rule")),
    (None, _data_migration("programmes", "appeal_rule")),
    (None, _data_migration("programmes", "own_contribution_rule")),
    (None, _data_migration("programmes", "validation_services_rule")),
    (None, _data_migration("vouchers", "confirmation_rule")),
    (None, _data_migration("evaluations", "outcome_survey_rule")),
    (None, _data_migration("complaints", "complaints_rule")),
    ("guidance.Competence", "kierunek.guidance.migrations.0002_load_esco"),
    ("guidance.CareerCentre", "kierunek.guidance.migrations.0003_load_career_centres"),
    ("partnership.Partnership", "kierunek.partnership.migrations.0001_initial"),
    ("newsletter.ConsentWording", "kierunek.newsletter.migrations.0001_initial"),
]


def load_reference_data() -> None:
    """Run each data migration whose data is missing (and each idempotent one every time)."""
    from django.apps import apps
    from django.db import connection

    editor = SimpleNamespace(connection=connection)
    for model_label, migration in REFERENCE_DATA:
        if model_label is None or not apps.get_model(model_label).objects.exists():
            import_module(migration).load(_AppsAsMigrationsSawThem(apps), editor)


class _AppsAsMigrationsSawThem:
    """The app registry as a data migration asks it: the quality mark's models were the providers'
    when its standards were first loaded (they moved to the quality context with their tables)."""

    MOVED = {("providers", "qualitystandard"): "quality"}

    def __init__(self, apps):
        self.apps = apps

    def get_model(self, app_label, model_name=None):
        if model_name is None:
            app_label, model_name = app_label.split(".")
        app_label = self.MOVED.get((app_label, model_name.lower()), app_label)
        return self.apps.get_model(app_label, model_name)
