"""The back office keeps the career centres and extends the competence vocabulary with its own
entries. Participants' balances are not here: every read of them goes through the audited pages."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kierunek.core.actor import actor_from_request

from .models import CareerCentre, Competence, CompetenceSource, Occupation
from .services.vocabulary import vocabulary_entry_save


@admin.register(CareerCentre)
class CareerCentreAdmin(admin.ModelAdmin):
    list_display = ["name", "gmina", "address", "opens_at", "closes_at", "open_weekdays", "is_active"]
    list_filter = ["is_active"]
    raw_id_fields = ["gmina"]


class VocabularyAdmin(admin.ModelAdmin):
    """ESCO entries keep their URI and labels (they come from the classification; the office
    can switch one off); the office's own entries are fully editable and get a URN."""

    search_fields = ["label", "search_key", "uri"]
    list_filter = ["source", "is_active"]
    readonly_fields = ["uri", "source"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        if obj is not None and obj.source == CompetenceSource.ESCO:
            return [
                f.name for f in self.model._meta.fields if f.name not in {"is_active", "search_key", "id"}
            ]
        return self.readonly_fields

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        vocabulary_entry_save(entry=obj, actor=actor_from_request(request))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # entries are stored in balances by URI: switch them off instead


@admin.register(Competence)
class CompetenceAdmin(VocabularyAdmin):
    list_display = [
        "label",
        "concept_type",
        "code",
        "source",
        "is_transversal",
        "is_digital",
        "is_language",
        "is_green",
        "is_active",
    ]
    list_filter = [
        "source",
        "concept_type",
        "is_transversal",
        "is_digital",
        "is_language",
        "is_green",
        "is_active",
    ]
    fields = [
        "uri",
        "source",
        "label",
        "alt_labels",
        "description",
        "concept_type",
        "code",
        "parent",
        "is_transversal",
        "is_digital",
        "is_language",
        "is_green",
        "is_active",
    ]
    raw_id_fields = ["parent"]


@admin.register(Occupation)
class OccupationAdmin(VocabularyAdmin):
    list_display = ["label", "isco_code", "source", "is_active"]
    fields = ["uri", "source", "label", "alt_labels", "description", "isco_code", "is_active"]
