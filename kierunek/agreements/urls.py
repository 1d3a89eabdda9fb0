"""Pages of agreements: the participant's under /umowa/, the provider's under /dostawca/umowa/,
the office's under /urzad/umowy/."""

from django.urls import path

from .views import office, participant, provider

app_name = "agreements"

urlpatterns = [
    path("umowa/", participant.my_agreements, name="my_agreements"),
    path("umowa/przygotuj/", participant.prepare, name="prepare"),
    path("umowa/<int:agreement_id>/", participant.mine, name="mine"),
    path("umowa/<int:agreement_id>/pdf/", participant.mine_pdf, name="mine_pdf"),
    path("umowa/<int:agreement_id>/kod/", participant.mine_code, name="mine_code"),
    path("umowa/<int:agreement_id>/akceptacja/", participant.mine_accept, name="mine_accept"),
    path("dostawca/umowa/", provider.provider_agreements, name="provider_agreements"),
    path("dostawca/umowa/przygotuj/", provider.provider_prepare, name="provider_prepare"),
    path("dostawca/umowa/<int:agreement_id>/", provider.provider_agreement, name="provider_agreement"),
    path("dostawca/umowa/<int:agreement_id>/pdf/", provider.provider_pdf, name="provider_pdf"),
    path("dostawca/umowa/<int:agreement_id>/kod/", provider.provider_code, name="provider_code"),
    path("dostawca/umowa/<int:agreement_id>/akceptacja/", provider.provider_accept, name="provider_accept"),
    path("urzad/umowy/", office.office_agreements, name="office_agreements"),
    path("urzad/umowy/wzory/", office.office_templates, name="office_templates"),
    path("urzad/umowy/wzory/wersja/<int:version_id>/", office.office_version, name="office_version"),
    path("urzad/umowy/wzory/<slug:kind>/nowa-wersja/", office.office_version_new, name="office_version_new"),
    path("urzad/umowy/<int:agreement_id>/", office.office_agreement, name="office_agreement"),
    path("urzad/umowy/<int:agreement_id>/pdf/", office.office_pdf, name="office_pdf"),
    path(
        "urzad/umowy/<int:agreement_id>/kontrasygnata/", office.office_countersign, name="office_countersign"
    ),
    path("urzad/umowy/<int:agreement_id>/rozwiazanie/", office.office_terminate, name="office_terminate"),
]
