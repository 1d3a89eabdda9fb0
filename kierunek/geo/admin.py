from django.contrib import admin

from kierunek.core.admin import ReadOnlyModelAdmin

from .models import Gmina, Powiat


@admin.register(Powiat)
class PowiatAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "teryt", "is_city"]
    list_filter = ["is_city"]
    search_fields = ["name", "teryt"]


@admin.register(Gmina)
class GminaAdmin(ReadOnlyModelAdmin):
    list_display = ["name", "kind", "powiat", "teryt", "lat", "lon", "coord_source"]
    list_filter = ["kind", "coord_source", "powiat"]
    list_select_related = ["powiat"]
    search_fields = ["name", "teryt"]
