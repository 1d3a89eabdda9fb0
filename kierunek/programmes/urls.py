from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("wniosek/", views.application, name="application"),
    path("wniosek/decyzja/", views.decision, name="decision"),
    path("wniosek/popraw/", views.application_reopen, name="application_reopen"),
    path("wniosek/zalaczniki/", views.attachment_add, name="attachment_add"),
    path("wniosek/zalaczniki/<int:attachment_id>/", views.attachment_file, name="attachment"),
    path("moje-dane/", views.my_data, name="my_data"),
    path("moje-dane/zgody/<slug:kind>/wycofaj/", views.consent_withdraw, name="consent_withdraw"),
    path("moje-dane/zgody/<slug:kind>/udziel/", views.consent_give, name="consent_give"),
    path("moje-dane/eksport.<slug:file_format>", views.export, name="export"),
    path("urzad/wnioski/", views.officer_applications, name="officer_applications"),
    path("urzad/wnioski/<int:application_id>/", views.officer_application, name="officer_application"),
    path("urzad/programy/", views.officer_programmes, name="officer_programmes"),
    path("urzad/programy/<int:programme_id>/zasady/", views.officer_rules, name="officer_rules"),
]
