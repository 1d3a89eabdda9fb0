from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from kierunek.core.audit import audit_record
from kierunek.core.forms import form_add_service_errors
from kierunek.core.models import AuditEvent
from kierunek.core.permissions import role_required

from . import services
from .domain import ROLE_SLUGS, hex_key_to_base32
from .forms import ApiTokenForm, LoginForm, OtpTokenForm, ParticipantRegistrationForm
from .models import Role, User

OTP_SETUP_SESSION_KEY = "kierunek_otp_setup_device"


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@method_decorator(sensitive_post_parameters("password"), name="dispatch")
class LoginView(auth_views.LoginView):
    """E-mail and password. Django rotates the session key at login; django-axes counts
    failures. Staff continue to the second factor (enforced by StaffTwoFactorMiddleware)."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(action="account.login", actor=form.get_user(), request=self.request)
        return response


@sensitive_post_parameters("pesel", "password1", "password2")
def register(request: HttpRequest) -> HttpResponse:
    """Participants create their own account; staff accounts are made by an administrator."""
    if request.user.is_authenticated:
        return redirect("accounts:dashboard")
    form = ParticipantRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.participant_register(
                email=data["email"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                pesel=data["pesel"],
                request=request,
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your account is ready. Welcome to Kierunek!"))
            return redirect("accounts:dashboard")
    return render(request, "accounts/register.html", {"form": form})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Send each person to the dashboard of their role."""
    return redirect("accounts:role_dashboard", role_slug=ROLE_SLUGS[request.user.role])  # type: ignore[union-attr]


_SLUG_ROLES = {slug: role for role, slug in ROLE_SLUGS.items()}


@login_required
def role_dashboard(request: HttpRequest, role_slug: str) -> HttpResponse:
    role = _SLUG_ROLES.get(role_slug)
    if role is None:
        return render(request, "404.html", status=404)
    if request.user.role != role:  # type: ignore[union-attr]
        raise PermissionDenied
    context: dict[str, Any] = {"role": Role(role)}
    if role == Role.PARTICIPANT:
        context["profile"] = getattr(request.user, "participant_profile", None)
    elif role == Role.OFFICER:
        from kierunek.providers.selectors import officer_work_counts

        context["work"] = officer_work_counts()
    elif role == Role.PROVIDER_STAFF:
        from kierunek.providers.selectors import provider_for_member

        context["provider"] = provider_for_member(user=request.user)  # type: ignore[arg-type]
    return render(request, f"accounts/dashboards/{role}.html", context)


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show the secret as a QR code and as text, then confirm it
    with one code from the app."""
    user: User = request.user  # type: ignore[assignment]
    device = None
    device_id = request.session.get(OTP_SETUP_SESSION_KEY)
    if device_id:
        device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    if device is None:
        device = services.otp_device_start(user=user)
        request.session[OTP_SETUP_SESSION_KEY] = device.pk
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.otp_device_confirm(
            user=user, device=device, token=form.cleaned_data["token"], request=request
        ):
            request.session.pop(OTP_SETUP_SESSION_KEY, None)
            otp_login(request, device)
            messages.success(
                request, _("Two-factor login is on. You will need the app's code each time you log in.")
            )
            return HttpResponseRedirect(_safe_next(request, reverse("accounts:dashboard")))
        form.add_error(
            "token", _("This code is not right. Check the time on your phone and type the newest code.")
        )
    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, title=_("QR code for the authenticator app")
    )
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr_svg": mark_safe(qr_svg),  # noqa: S308 - generated by segno from our own data
            "secret": hex_key_to_base32(device.key),
            "next": _safe_next(request, ""),
        },
    )


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second step of a staff login."""
    user: User = request.user  # type: ignore[assignment]
    if user.is_verified():  # type: ignore[attr-defined]
        return HttpResponseRedirect(_safe_next(request, reverse("accounts:dashboard")))
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.otp_throttled(user=user):
            form.add_error("token", _("Too many wrong codes. Wait a few seconds and type the newest code."))
        else:
            device = services.otp_verify(user=user, token=form.cleaned_data["token"], request=request)
            if device is not None:
                otp_login(request, device)
                return HttpResponseRedirect(_safe_next(request, reverse("accounts:dashboard")))
            form.add_error(
                "token", _("This code is not right. Type the newest code from your authenticator app.")
            )
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _safe_next(request, "")})


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = ApiTokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        issued = services.api_token_create(user=user, name=form.cleaned_data["name"], request=request)
        form = ApiTokenForm()
    tokens = user.api_tokens.all()
    return render(request, "accounts/api_tokens.html", {"form": form, "tokens": tokens, "issued": issued})


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    get_object_or_404(user.api_tokens, pk=token_id)
    services.api_token_revoke(user=user, token_id=token_id, request=request)
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:api_tokens")


@role_required(Role.ADMINISTRATOR)
def audit_log(request: HttpRequest) -> HttpResponse:
    events = AuditEvent.objects.all()[:200]
    return render(request, "accounts/audit_log.html", {"events": events})
