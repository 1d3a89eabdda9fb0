from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import forms, views

app_name = "accounts"

urlpatterns = [
    path("logowanie/", views.LoginView.as_view(), name="login"),
    path("wyloguj/", auth_views.LogoutView.as_view(), name="logout"),
    path("rejestracja/", views.register, name="register"),
    path("rejestracja/wyslano/", views.register_sent, name="register_sent"),
    path("rejestracja/aktywuj/<uidb64>/<token>/", views.activate, name="activate"),
    path("konto/2fa/", views.otp_verify, name="otp_verify"),
    path("konto/2fa/konfiguracja/", views.otp_setup, name="otp_setup"),
    path("konto/2fa/urzadzenia/", views.otp_devices, name="otp_devices"),
    path("konto/haslo/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "konto/haslo/zmienione/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
        name="password_change_done",
    ),
    path("konto/tokeny/", views.api_tokens, name="api_tokens"),
    path("konto/tokeny/<int:token_id>/uniewaznij/", views.api_token_revoke, name="api_token_revoke"),
    path("administracja/dziennik/", views.audit_log, name="audit_log"),
    path(
        "haslo/reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            form_class=forms.PasswordResetForm,
            email_template_name="registration/password_reset_email.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "haslo/reset/wyslano/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "haslo/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "haslo/reset/gotowe/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
]
