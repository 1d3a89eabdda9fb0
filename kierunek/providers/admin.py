"""Back office: providers, bank accounts and certificates change only through their pages and
services, so the admin shows them read-only. (The MSUES standards and the registers of audit
firms and auditors are in :mod:`kierunek.quality.admin`.)"""

from django.contrib import admin

from kierunek.core.admin import ReadOnlyModelAdmin

from .models import BankAccount, Certificate, Provider


@admin.register(Provider)
class ProviderAdmin(ReadOnlyModelAdmin):
    list_display = ["legal_name", "nip", "regon", "gmina", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["legal_name", "short_name", "nip", "regon"]


@admin.register(BankAccount)
class BankAccountAdmin(ReadOnlyModelAdmin):
    list_display = ["provider", "iban", "status", "requested_at", "decided_at"]
    list_filter = ["status"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyModelAdmin):
    list_display = ["provider", "kind", "number", "valid_from", "valid_to"]
    list_filter = ["kind"]
