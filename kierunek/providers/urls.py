from django.urls import path

from . import views

app_name = "providers"

urlpatterns = [
    path("instytucja/", views.home, name="home"),
    path("instytucja/rejestracja/", views.register, name="register"),
    path("instytucja/zespol/", views.team, name="team"),
    path("instytucje/zaloz-konto/", views.signup, name="signup"),
    path("instytucje/zaloz-konto/wyslano/", views.signup_sent, name="signup_sent"),
    path("instytucja/konto-bankowe/", views.bank_account, name="bank_account"),
    path(
        "instytucja/konto-bankowe/<int:account_id>/wycofaj/",
        views.bank_account_withdraw,
        name="bank_account_withdraw",
    ),
    path("konta-bankowe/<int:account_id>/wyciag/", views.bank_statement, name="bank_statement"),
    path("instytucja/certyfikaty/", views.certificates, name="certificates"),
    path("instytucja/certyfikaty/<int:certificate_id>/usun/", views.certificate_remove, name="cert_remove"),
    path("certyfikaty/<int:certificate_id>/skan/", views.certificate_scan, name="certificate_scan"),
    path("urzad/instytucje/", views.officer_providers, name="officer_providers"),
    path("urzad/instytucje/<int:provider_id>/", views.officer_provider, name="officer_provider"),
    path("urzad/konta-bankowe/", views.officer_bank_accounts, name="officer_bank_accounts"),
    path(
        "urzad/konta-bankowe/<int:account_id>/decyzja/",
        views.officer_bank_account_decide,
        name="officer_bank_account_decide",
    ),
]
