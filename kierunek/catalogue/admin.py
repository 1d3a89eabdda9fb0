from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kierunek.core.admin import ReadOnlyModelAdmin

from .models import Category, ServiceCard


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    """The office may rename categories; codes are used by programme rules and stay."""

    list_display = ["name", "name_en", "code", "parent", "position"]
    readonly_fields = ["code", "parent"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ServiceCard)
class ServiceCardAdmin(ReadOnlyModelAdmin):
    list_display = ["title", "provider", "category", "status", "starts_on", "price_gross"]
    list_filter = ["status", "delivery_form"]
    search_fields = ["title", "provider__legal_name"]
