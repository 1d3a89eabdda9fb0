"""Routes of the office pages of the vouchers context: the financial operator's (orders,
settlement, payment batches, reconciliation) and the officer's (frozen and settled bookings,
payout freezes)."""

from django.urls import URLPattern, path

from ..views import contributions, officer, statements, unconfirmed
from ..views import office as views

urlpatterns: list[URLPattern] = [
    path("rozliczenia/zamowienia/", views.operator_orders, name="operator_orders"),
    path(
        "rozliczenia/zamowienia/<int:order_id>/wydaj/",
        views.operator_order_issue,
        name="operator_order_issue",
    ),
    path(
        "rozliczenia/zamowienia/<int:order_id>/odmow/",
        views.operator_order_refuse,
        name="operator_order_refuse",
    ),
    path("rozliczenia/wklady/", contributions.operator_contributions, name="operator_contributions"),
    path(
        "rozliczenia/wklady/<int:contribution_id>/wplata/",
        contributions.operator_contribution_received,
        name="operator_contribution_received",
    ),
    path(
        "rozliczenia/wklady/<int:contribution_id>/zwrot/",
        contributions.operator_contribution_refund,
        name="operator_contribution_refund",
    ),
    path("rozliczenia/", views.operator_settlement, name="operator_settlement"),
    path("rozliczenia/rozlicz/", views.operator_settle, name="operator_settle"),
    path(
        "rozliczenia/rozliczenie/<int:run_id>/", views.operator_settlement_run, name="operator_settlement_run"
    ),
    path("rozliczenia/paczki/utworz/", views.operator_batch_build, name="operator_batch_build"),
    path("rozliczenia/paczki/", views.operator_batches, name="operator_batches"),
    path("rozliczenia/paczki/<int:batch_id>/", views.operator_batch, name="operator_batch"),
    path(
        "rozliczenia/paczki/<int:batch_id>/akcja/", views.operator_batch_action, name="operator_batch_action"
    ),
    path(
        "rozliczenia/paczki/<int:batch_id>/pain001.xml", views.operator_batch_xml, name="operator_batch_xml"
    ),
    path(
        "rozliczenia/paczki/<int:batch_id>/przelewy.csv", views.operator_batch_csv, name="operator_batch_csv"
    ),
    path("rozliczenia/uzgodnienie/", views.operator_reconciliation, name="operator_reconciliation"),
    path("rozliczenia/wyciagi/", statements.operator_statements, name="operator_statements"),
    path("rozliczenia/wyciagi/<int:statement_id>/", statements.operator_statement, name="operator_statement"),
    path(
        "rozliczenia/wyciagi/do-wyjasnienia/",
        statements.operator_statement_queue,
        name="operator_statement_queue",
    ),
    path(
        "rozliczenia/wyciagi/do-wyjasnienia/dopasuj/",
        statements.operator_statement_rematch,
        name="operator_statement_rematch",
    ),
    path(
        "rozliczenia/wyciagi/pozycje/<int:entry_id>/",
        statements.operator_statement_entry,
        name="operator_statement_entry",
    ),
    path(
        "rozliczenia/wyciagi/pozycje/<int:entry_id>/wyjasnij/",
        statements.operator_statement_entry_resolve,
        name="operator_statement_entry_resolve",
    ),
    path(
        "rozliczenia/wyciagi/pozycje/<int:entry_id>/pomin/",
        statements.operator_statement_entry_ignore,
        name="operator_statement_entry_ignore",
    ),
    path(
        "rozliczenia/uzgodnienie-z-bankiem/",
        statements.operator_bank_reconciliation,
        name="operator_bank_reconciliation",
    ),
    path("urzednik/rezerwacje/", officer.officer_bookings, name="officer_bookings"),
    path(
        "urzednik/rezerwacje/<int:booking_id>/uniewaznij/",
        officer.officer_booking_void,
        name="officer_booking_void",
    ),
    path(
        "urzednik/rezerwacje/<int:booking_id>/przywroc/",
        officer.officer_booking_restore,
        name="officer_booking_restore",
    ),
    path(
        "urzednik/rezerwacje/<int:booking_id>/zwrot/",
        officer.officer_booking_clawback,
        name="officer_booking_clawback",
    ),
    path("urzednik/niepotwierdzone/", unconfirmed.officer_unconfirmed, name="officer_unconfirmed"),
    path(
        "urzednik/niepotwierdzone/<int:booking_id>/",
        unconfirmed.officer_unconfirmed_decide,
        name="officer_unconfirmed_decide",
    ),
    path("urzednik/wstrzymania-wyplat/", officer.officer_freezes, name="officer_freezes"),
    path(
        "urzednik/wstrzymania-wyplat/<int:provider_id>/wstrzymaj/",
        officer.officer_freeze,
        name="officer_freeze",
    ),
    path(
        "urzednik/wstrzymania-wyplat/<int:provider_id>/zwolnij/",
        officer.officer_unfreeze,
        name="officer_unfreeze",
    ),
]
