from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Gmina, Powiat


class ReadOnlyAdmin(admin.ModelAdmin):
    """Reference data from the TERYT register: loaded by migrations, never edited by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Powiat)
class PowiatAdmin(ReadOnlyAdmin):
    list_display = ["name", "teryt", "is_city"]
    list_filter = ["is_city"]
    search_fields = ["name", "teryt"]


@admin.register(Gmina)
class GminaAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "powiat", "teryt", "lat", "lon", "coord_source"]
    list_filter = ["kind", "coord_source", "powiat"]
    list_select_related = ["powiat"]
    search_fields = ["name", "teryt"]
