from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kierunek.core.actor import Actor, actor_from_request, client_ip
from kierunek.core.audit import audit_record
from kierunek.core.audit_log import action_label, audit_log_page, object_type_labels
from kierunek.core.forms import form_add_service_errors
from kierunek.core.pages import submit
from kierunek.core.permissions import role_required

from . import hooks
from .audit_actions import ACCOUNT_LOGGED_IN
from .domain import hex_key_to_base32
from .forms import (
    AddDeviceForm,
    ApiTokenForm,
    CurrentAppCodeForm,
    CurrentFactorForm,
    LoginForm,
    OtpTokenForm,
    ParticipantRegistrationForm,
)
from .models import Role, User
from .services import login as login_services
from .services import registration
from .services import tokens as token_services

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
    """E-mail (in any case) and password. Django rotates the session key at login; django-axes
    counts failures per account and address, and an address that fails on many accounts is
    stopped as a whole. Staff continue to the second factor (StaffTwoFactorMiddleware)."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if login_services.login_blocked_for_address(ip_address=client_ip(request)):
            return render(request, "accounts/lockout.html", status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        audit_record(
            action=ACCOUNT_LOGGED_IN,
            actor=Actor(user=form.get_user(), ip_address=client_ip(self.request)),
        )
        return response


@sensitive_post_parameters("pesel", "password1", "password2")
def register(request: HttpRequest) -> HttpResponse:
    """Participants create their own account; staff accounts are made by an administrator.

    Whatever the details, a valid form ends on the same page ("check your inbox"): a new account
    gets an activation link, and the owner of an existing e-mail or PESEL gets a warning instead,
    so the form never tells who is registered."""
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    if request.method == "POST" and registration.registration_rate_limited(ip_address=client_ip(request)):
        return render(request, "accounts/register_limited.html", status=429)
    form = ParticipantRegistrationForm(request.POST or None)

    def register_and_tell(data: dict[str, Any]) -> User | None:
        user = registration.participant_register(
            email=data["email"],
            password=data["password1"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            pesel=data["pesel"],
            actor=actor_from_request(request),
        )
        if user is not None:
            hooks.registered(user=user, request=request)
        return user

    done = submit(request, form, register_and_tell, success=None, done="accounts:register_sent")
    if done is not None:
        return done
    return render(
        request, "accounts/register.html", {"form": form, "notes": hooks.registration_notes(request)}
    )


def register_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/register_sent.html")


def activate(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link from the activation e-mail. Opening it (which mail scanners do) changes nothing;
    the button on the page activates the account and logs the person in."""
    try:
        user = User.objects.get(pk=int(urlsafe_base64_decode(uidb64).decode()), role=Role.PARTICIPANT)
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        user = None
    valid = (
        user is not None
        and not user.is_active
        and registration.activation_token_generator.check_token(user, token)
    )
    if request.method == "POST" and valid and user is not None:
        registration.participant_activate(user=user, token=token, actor=actor_from_request(request))
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your account is ready. Welcome to Kierunek!"))
        return redirect("portal:dashboard")
    return render(request, "accounts/activate.html", {"valid": valid}, status=200 if valid else 400)


def _session_verified(request: HttpRequest) -> bool:
    return bool(request.user.is_verified())  # type: ignore[union-attr]


def _backup_codes_page(request: HttpRequest, codes: list[str], next_url: str) -> HttpResponse:
    """The only time backup codes are shown: right after they are made."""
    return render(request, "accounts/otp_backup_codes.html", {"codes": codes, "next": next_url})


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show the secret as a QR code and as text, then confirm it with
    one code from the app.

    The secret is shown only to an account with no second factor yet (the first login of a new
    staff member), or to a session that has already passed the factor the account has; in that
    case the new app is confirmed together with a code of the existing factor. A password alone
    never sees a secret."""
    user: User = request.user  # type: ignore[assignment]
    has_factor = login_services.otp_has_second_factor(user=user)
    if has_factor and not _session_verified(request):
        return redirect(f"{reverse('accounts:otp_verify')}?next={reverse('accounts:otp_setup')}")
    device = None
    device_id = request.session.get(OTP_SETUP_SESSION_KEY)
    if device_id:
        device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    if device is None:
        device = login_services.otp_device_start(user=user)
        request.session[OTP_SETUP_SESSION_KEY] = device.pk
    form_class = AddDeviceForm if has_factor else OtpTokenForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = login_services.otp_device_confirm(
                user=user,
                device=device,
                token=form.cleaned_data["token"],
                current_token=form.cleaned_data.get("current_token", ""),
                session_verified=_session_verified(request),
                actor=actor_from_request(request),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            if codes is not None:
                request.session.pop(OTP_SETUP_SESSION_KEY, None)
                otp_login(request, device)
                messages.success(
                    request, _("Two-factor login is on. You will need the app's code each time you log in.")
                )
                next_url = _safe_next(request, reverse("portal:dashboard"))
                if codes:
                    return _backup_codes_page(request, codes, next_url)
                return HttpResponseRedirect(next_url)
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
            "adding": has_factor,
            "qr_svg": mark_safe(qr_svg),  # noqa: S308 - generated by segno from our own data
            "secret": hex_key_to_base32(device.key),
            "next": _safe_next(request, ""),
        },
    )


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second step of a staff login: a code from the app, or one of the backup codes."""
    user: User = request.user  # type: ignore[assignment]
    if _session_verified(request):
        return HttpResponseRedirect(_safe_next(request, reverse("portal:dashboard")))
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if login_services.otp_throttled(user=user):
            form.add_error("token", _("Too many wrong codes. Wait a few seconds and type the newest code."))
        else:
            device = login_services.otp_verify(
                user=user, token=form.cleaned_data["token"], actor=actor_from_request(request)
            )
            if device is not None:
                otp_login(request, device)
                return HttpResponseRedirect(_safe_next(request, reverse("portal:dashboard")))
            form.add_error(
                "token", _("This code is not right. Type the newest code from your authenticator app.")
            )
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _safe_next(request, "")})


@login_required
def otp_devices(request: HttpRequest) -> HttpResponse:
    """The account's second factor: its apps, how many backup codes are left, and the changes
    that need a current code (remove an app, make new backup codes)."""
    user: User = request.user  # type: ignore[assignment]
    if not _session_verified(request):
        target = (
            "accounts:otp_verify" if login_services.otp_has_second_factor(user=user) else "accounts:otp_setup"
        )
        return redirect(f"{reverse(target)}?next={reverse('accounts:otp_devices')}")
    remove_form = CurrentFactorForm(prefix="remove")
    codes_form = CurrentAppCodeForm(prefix="codes")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "remove":
                remove_form = CurrentFactorForm(request.POST, prefix="remove")
                if remove_form.is_valid():
                    login_services.otp_device_remove(
                        user=user,
                        device_id=int(request.POST.get("device") or 0),
                        current_token=remove_form.cleaned_data["current_token"],
                        actor=actor_from_request(request),
                    )
                    messages.success(request, _("The authenticator app has been removed."))
                    return redirect("accounts:otp_devices")
            elif action == "backup_codes":
                codes_form = CurrentAppCodeForm(request.POST, prefix="codes")
                if codes_form.is_valid():
                    codes = login_services.otp_backup_codes_regenerate(
                        user=user,
                        current_token=codes_form.cleaned_data["current_token"],
                        actor=actor_from_request(request),
                    )
                    return _backup_codes_page(request, codes, reverse("accounts:otp_devices"))
        except (ValidationError, ValueError) as error:
            target_form = remove_form if action == "remove" else codes_form
            if isinstance(error, ValidationError):
                form_add_service_errors(target_form, error)
            else:
                target_form.add_error(None, _("There is no such device on your account."))
    devices = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk")
    backup_left = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
    return render(
        request,
        "accounts/otp_devices.html",
        {
            "devices": devices,
            "backup_left": backup_left,
            "remove_form": remove_form,
            "codes_form": codes_form,
        },
    )


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """Make and revoke API tokens. Staff make them only from a session that passed the second
    factor (the middleware already sends them to it; the service checks again)."""
    user: User = request.user  # type: ignore[assignment]
    form = ApiTokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = token_services.api_token_create(
                user=user,
                name=form.cleaned_data["name"],
                read_only=form.cleaned_data["read_only"],
                lifetime_days=form.cleaned_data["lifetime_days"],
                session_verified=_session_verified(request),
                actor=actor_from_request(request),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            form = ApiTokenForm()
    tokens = user.api_tokens.all()
    return render(request, "accounts/api_tokens.html", {"form": form, "tokens": tokens, "issued": issued})


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    get_object_or_404(user.api_tokens, pk=token_id)
    token_services.api_token_revoke(user=user, token_id=token_id, actor=actor_from_request(request))
    messages.success(request, _("The token has been revoked."))
    return redirect("accounts:api_tokens")


class _PasswordChangeEndsTokens:
    """A new password, by whichever page it is set, ends the account's API tokens."""

    request: HttpRequest

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)  # type: ignore[misc]
        token_services.api_tokens_revoke_for_password_change(
            user=form.user, actor=Actor(user=form.user, ip_address=client_ip(self.request))
        )
        return response


class PasswordChangeView(_PasswordChangeEndsTokens, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordResetConfirmView(_PasswordChangeEndsTokens, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


@role_required(Role.ADMINISTRATOR)
def audit_log(request: HttpRequest) -> HttpResponse:
    """The audit log, filtered (who, what, when, which object) and a page at a time."""
    form, page, query = audit_log_page(request.GET)
    types = object_type_labels()
    events = [
        (event, action_label(event.action), types.get(event.object_type, event.object_type))
        for event in page.object_list
    ]
    return render(
        request, "accounts/audit_log.html", {"form": form, "page": page, "events": events, "query": query}
    )
