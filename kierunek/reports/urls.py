"""Pages of the reports: /raporty/ and its files, the dashboards of each kind of reader
(/raporty/pulpit/...), /dane-otwarte/ and its files."""

from django.urls import path

from . import views, views_dashboards

app_name = "reports"

urlpatterns = [
    path("raporty/", views.report, name="report"),
    path("raporty/pulpit/", views_dashboards.dashboard_index, name="dashboard_index"),
    path("raporty/pulpit/<slug:slug>/", views_dashboards.dashboard, name="dashboard"),
    path("raporty/tabela.csv", views.report_csv, name="report_csv"),
    path("raporty/tabela.xlsx", views.report_xlsx, name="report_xlsx"),
    path("raporty/pakiet/<str:period_key>.pdf", views.pack, name="pack"),
    path("raporty/subskrypcja/", views.subscription, name="subscription"),
    path("dane-otwarte/", views.open_data, name="open_data"),
    path("dane-otwarte/<str:name>", views.open_data_file, name="open_data_file"),
]
