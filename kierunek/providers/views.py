"""Pages of providers (their institution, staff, bank account, certificates) and of officers
(approval of providers and bank accounts). Contexts above add panels to a provider's pages through
:mod:`.hooks` (the quality mark does)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from kierunek.accounts.models import Role, User
from kierunek.accounts.services import registration_rate_limited
from kierunek.core.actor import actor_from_request, client_ip, request_user
from kierunek.core.audit import audit_record
from kierunek.core.collation import polish_sorted
from kierunek.core.pages import REFUSALS_AND_DENIALS, act, submit
from kierunek.core.permissions import role_required
from kierunek.core.uploads import upload_name, upload_response

from . import audit_actions, hooks, selectors, services
from .forms import (
    BankAccountForm,
    CertificateForm,
    DecisionForm,
    MemberInviteForm,
    ProviderRegistrationForm,
    ProviderSignupForm,
)
from .models import (
    CERTIFICATE_STATUS_LABELS,
    BankAccount,
    BankAccountStatus,
    Certificate,
    Provider,
    ProviderStatus,
)


def _my_provider(request: HttpRequest) -> Provider:
    provider = selectors.provider_for_member(user=request_user(request))
    if provider is None:
        raise Http404(_("Register your institution first."))
    return provider


def _certificates_with_status(provider: Provider) -> list[dict[str, Any]]:
    today = timezone.localdate()
    rows = []
    for certificate in selectors.certificates_of(provider=provider):
        status = certificate.status(today=today)
        rows.append(
            {"certificate": certificate, "status": status, "status_label": CERTIFICATE_STATUS_LABELS[status]}
        )
    return rows


# --- provider staff -----------------------------------------------------------------------


@role_required(Role.PROVIDER_STAFF)
def home(request: HttpRequest) -> HttpResponse:
    provider = selectors.provider_for_member(user=request_user(request))
    if provider is None:
        return render(request, "providers/home_unregistered.html")
    return render(
        request,
        "providers/home.html",
        {
            "provider": provider,
            "is_owner": selectors.provider_is_owner(user=request_user(request), provider=provider),
            "active_account": provider.bank_accounts.filter(status=BankAccountStatus.ACTIVE).first(),
            "pending_account": provider.bank_accounts.filter(status=BankAccountStatus.PENDING).first(),
            "panels": hooks.panels(hooks.HOME, provider),
            "certificates": _certificates_with_status(provider),
            "today": timezone.localdate(),
        },
    )


@role_required(Role.PROVIDER_STAFF)
def register(request: HttpRequest) -> HttpResponse:
    if selectors.provider_for_member(user=request_user(request)) is not None:
        return redirect("providers:home")
    form = ProviderRegistrationForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.provider_register(
            details=_provider_details(data), actor=actor_from_request(request)
        ),
        success=_("Your institution is registered. A programme officer will check it."),
        done="providers:home",
    )
    return done if done is not None else render(request, "providers/register.html", {"form": form})


@sensitive_post_parameters("person_email")
def signup(request: HttpRequest) -> HttpResponse:
    """The public page where an institution signs up: the person's account and the institution in
    one form. Like the participants' registration it ends on "check your inbox" whether or not the
    e-mail has an account, and is limited per address and hour."""
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    if request.method == "POST" and registration_rate_limited(ip_address=client_ip(request)):
        return render(request, "accounts/register_limited.html", status=429)
    form = ProviderSignupForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.provider_signup(
            email=data["person_email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            details=_provider_details(data),
            actor=actor_from_request(request),
        ),
        success=None,
        done="providers:signup_sent",
    )
    return done if done is not None else render(request, "providers/signup.html", {"form": form})


def signup_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "providers/signup_sent.html")


def _provider_details(data: dict[str, Any]) -> services.ProviderDetails:
    return services.ProviderDetails(
        legal_name=data["legal_name"],
        short_name=data["short_name"],
        nip=data["nip"],
        regon=data["regon"],
        krs=data["krs"],
        gmina=data["gmina"],
        outside_region_address=data["outside_region_address"],
        street=data["street"],
        postal_code=data["postal_code"],
        city=data["city"],
        email=data["email"],
        phone=data["phone"],
        website=data["website"],
    )


@role_required(Role.PROVIDER_STAFF)
def team(request: HttpRequest) -> HttpResponse:
    provider = _my_provider(request)
    is_owner = selectors.provider_is_owner(user=request_user(request), provider=provider)
    form = MemberInviteForm(request.POST or None)
    if request.method == "POST":
        if not is_owner:
            raise PermissionDenied
        done = submit(
            request,
            form,
            lambda data: services.member_invite(provider=provider, actor=actor_from_request(request), **data),
            success=_("Invitation sent. Your colleague will set a password from the e-mail."),
            done="providers:team",
        )
        if done is not None:
            return done
    members = polish_sorted(
        provider.members.select_related("user").order_by("pk"),
        key=lambda member: (member.user.last_name, member.user.first_name),
    )
    members.sort(key=lambda member: not member.is_owner)  # the owners first, each group by name
    return render(
        request,
        "providers/team.html",
        {"provider": provider, "members": members, "form": form, "is_owner": is_owner},
    )


@role_required(Role.PROVIDER_STAFF)
def bank_account(request: HttpRequest) -> HttpResponse:
    provider = _my_provider(request)
    form = BankAccountForm(request.POST or None, request.FILES or None)
    done = submit(
        request,
        form,
        lambda data: services.bank_account_request(
            provider=provider,
            iban=data["iban"],
            holder_name=data["holder_name"],
            statement=data["statement"],
            actor=actor_from_request(request),
        ),
        success=_("The new account is waiting for a programme officer's approval."),
        done="providers:bank_account",
    )
    if done is not None:
        return done
    accounts = provider.bank_accounts.select_related("requested_by", "decided_by")
    return render(
        request,
        "providers/bank_account.html",
        {"provider": provider, "form": form, "accounts": accounts, "today": timezone.localdate()},
    )


@role_required(Role.PROVIDER_STAFF)
def bank_account_withdraw(request: HttpRequest, account_id: int) -> HttpResponse:
    """The provider's pending change of the bank account: a page that asks first, and the button
    that withdraws it."""
    provider = _my_provider(request)
    account = get_object_or_404(
        BankAccount, pk=account_id, provider=provider, status=BankAccountStatus.PENDING
    )
    if request.method != "POST":
        return render(
            request, "providers/bank_account_withdraw.html", {"provider": provider, "account": account}
        )
    return act(
        request,
        lambda: services.bank_account_withdraw(account_id=account.pk, actor=actor_from_request(request)),
        success=_("The change of the bank account is withdrawn."),
        done="providers:bank_account",
        refusals=REFUSALS_AND_DENIALS,
        joined=True,
    )


@role_required(Role.PROVIDER_STAFF, Role.OFFICER)
def bank_statement(request: HttpRequest, account_id: int) -> FileResponse:
    """The bank statement sent with an account: to officers (audited) and the provider's staff."""
    try:
        account = services.bank_statement_open(account_id=account_id, actor=actor_from_request(request))
    except PermissionDenied:
        raise Http404 from None
    return upload_response(
        account.statement,
        account.statement_kind,
        filename=upload_name(f"wyciag-{account.pk}", account.statement_kind),
        as_attachment=True,
    )


@role_required(Role.PROVIDER_STAFF)
def certificates(request: HttpRequest) -> HttpResponse:
    provider = _my_provider(request)
    form = CertificateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = services.CertificateDetails(
            kind=data["kind"],
            number=data["number"],
            issuer=data["issuer"],
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
        )
        try:
            services.certificate_add(
                provider=provider,
                details=details,
                scan=data["scan"],
                actor=actor_from_request(request),
            )
        except ValidationError as error:
            form.add_error("scan" if error.code in {"empty", "too_large", "bad_type"} else None, error)
        else:
            messages.success(request, _("The certificate has been added."))
            return redirect("providers:certificates")
    return render(
        request,
        "providers/certificates.html",
        {"provider": provider, "form": form, "rows": _certificates_with_status(provider)},
    )


@role_required(Role.PROVIDER_STAFF)
@require_POST
def certificate_remove(request: HttpRequest, certificate_id: int) -> HttpResponse:
    provider = _my_provider(request)
    get_object_or_404(Certificate, pk=certificate_id, provider=provider)
    services.certificate_remove(certificate_id=certificate_id, actor=actor_from_request(request))
    messages.success(request, _("The certificate has been removed."))
    return redirect("providers:certificates")


@role_required(Role.PROVIDER_STAFF, Role.OFFICER, Role.ADMINISTRATOR)
def certificate_scan(request: HttpRequest, certificate_id: int) -> FileResponse:
    """The scan, to the provider's own staff and to officers; never from a public address."""
    certificate = get_object_or_404(Certificate.objects.select_related("provider"), pk=certificate_id)
    user: User = request_user(request)
    if user.role == Role.PROVIDER_STAFF and selectors.provider_for_member(user=user) != certificate.provider:
        raise Http404
    if user.role != Role.PROVIDER_STAFF:
        audit_record(
            action=audit_actions.PROVIDER_CERTIFICATE_READ,
            actor=actor_from_request(request),
            obj=certificate.provider,
            details={"certificate": certificate.pk},
        )
    return upload_response(
        certificate.scan,
        certificate.scan_kind,
        filename=upload_name(f"certyfikat-{certificate.pk}", certificate.scan_kind),
    )


# --- programme officers ----------------------------------------------------------------------


@role_required(Role.OFFICER)
def officer_providers(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", ProviderStatus.PENDING)
    if status not in {*ProviderStatus.values, "all"}:
        status = ProviderStatus.PENDING
    providers = selectors.providers_for_officer(status=None if status == "all" else status)
    page = Paginator(providers, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "providers/officer_providers.html",
        {"page": page, "status": status, "statuses": [*ProviderStatus.choices, ("all", _("all"))]},
    )


@role_required(Role.OFFICER)
def officer_provider(request: HttpRequest, provider_id: int) -> HttpResponse:
    provider = get_object_or_404(Provider.objects.select_related("gmina", "decided_by"), pk=provider_id)
    form = DecisionForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.provider_decide(
            provider_id=provider.pk,
            approve=data["decision"] == "approve",
            reason=data["reason"],
            actor=actor_from_request(request),
        ),
        success=_("The decision has been saved and the provider informed."),
        done=reverse("providers:officer_provider", kwargs={"provider_id": provider.pk}),
    )
    if done is not None:
        return done
    return render(
        request,
        "providers/officer_provider.html",
        {
            "provider": provider,
            "form": form,
            "members": polish_sorted(
                provider.members.select_related("user").order_by("pk"),
                key=lambda member: (member.user.last_name, member.user.first_name),
            ),
            "accounts": provider.bank_accounts.select_related("requested_by", "decided_by"),
            "rows": _certificates_with_status(provider),
            "panels": hooks.panels(hooks.OFFICER_PROVIDER, provider),
            "today": timezone.localdate(),
        },
    )


@role_required(Role.OFFICER)
def officer_bank_accounts(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "providers/officer_bank_accounts.html",
        {"accounts": selectors.bank_accounts_pending(), "form": DecisionForm()},
    )


@role_required(Role.OFFICER)
@require_POST
def officer_bank_account_decide(request: HttpRequest, account_id: int) -> HttpResponse:
    account = get_object_or_404(BankAccount, pk=account_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "providers/officer_bank_accounts.html",
            {"accounts": selectors.bank_accounts_pending(), "form": form, "form_for": account.pk},
            status=400,
        )
    return act(
        request,
        lambda: services.bank_account_decide(
            account_id=account.pk,
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
            actor=actor_from_request(request),
            today=timezone.localdate(),
        ),
        success=_("The decision has been saved and the provider informed."),
        done="providers:officer_bank_accounts",
        refusals=REFUSALS_AND_DENIALS,
        joined=True,
    )
