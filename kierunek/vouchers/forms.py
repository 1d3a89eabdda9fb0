"""Forms of the participant's and the provider's voucher pages. They check the shape of the input;
the rules (deadlines, balances, states) are the services'."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import User
from kierunek.catalogue.models import ServiceSession
from kierunek.evaluations.models import SCORE_FIELDS
from kierunek.evaluations.services import MAX_COMMENT

from . import domain, selectors
from .models import BookingStatus, VoucherAccount


class LinkedErrorsForm(forms.Form):
    """Each field with an error points to its error list (``<id>_errors``, as ``core/_form.html``
    renders it) with ``aria-describedby``, so a screen reader reads the error with the field."""

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                auto_id = self[name].auto_id
                ids = [f"{auto_id}_errors"]
                if self.fields[name].help_text:
                    ids.append(f"{auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class AccountChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: VoucherAccount) -> str:
        left = obj.account.balance // obj.voucher_unit
        return str(
            _("%(package)s: %(left)s vouchers left, usable until %(day)s")
            % {"package": obj.package.name, "left": left, "day": date_format(obj.expires_on, "d.m.Y")}
        )


class BookForm(LinkedErrorsForm):
    """Book a service with vouchers of one account. The idempotency key is made when the form is
    shown, so sending the same form twice makes one booking."""

    voucher_account = AccountChoiceField(
        label=_("Pay with the vouchers of"), queryset=VoucherAccount.objects.none(), empty_label=None
    )
    idempotency_key = forms.CharField(max_length=150, widget=forms.HiddenInput)

    def __init__(self, *args: Any, participant: User, today: date, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", f"book-{uuid.uuid4()}")
        super().__init__(*args, **kwargs)
        field = self.fields["voucher_account"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = selectors.usable_accounts_of(participant=participant, today=today)


class DisputeForm(LinkedErrorsForm):
    note = forms.CharField(
        label=_("What is not true in the provider's report?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: you did not attend, or not every session took place."),
    )


SCORE_LABELS = {
    "content": _("Content of the service"),
    "trainer": _("The trainer"),
    "organisation": _("Organisation"),
    "usefulness": _("Usefulness for me"),
}
SCORE_CHOICES = [
    (1, _("1 (very poor)")),
    (2, _("2 (poor)")),
    (3, _("3 (fair)")),
    (4, _("4 (good)")),
    (5, _("5 (very good)")),
]


class SurveyForm(LinkedErrorsForm):
    """The anonymous survey: four scores from 1 to 5 and a comment."""

    content = forms.TypedChoiceField(
        label=SCORE_LABELS["content"], choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    trainer = forms.TypedChoiceField(
        label=SCORE_LABELS["trainer"], choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    organisation = forms.TypedChoiceField(
        label=SCORE_LABELS["organisation"], choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    usefulness = forms.TypedChoiceField(
        label=SCORE_LABELS["usefulness"], choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=MAX_COMMENT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Do not write your name or anything that would identify you."),
    )

    def scores(self) -> dict[str, int]:
        return {name: self.cleaned_data[name] for name in SCORE_FIELDS}

    def score_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in SCORE_FIELDS]


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("all"))] + [(s.value, s.label) for s in selectors.PROVIDER_FILTERS],
    )


class RejectForm(LinkedErrorsForm):
    reason = forms.CharField(
        label=_("Reason of the rejection"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The participant reads it in the e-mail about the rejection."),
    )


class AttendanceForm(LinkedErrorsForm):
    """A checkbox per session that has taken place: ticked = the participant was present."""

    def __init__(
        self,
        *args: Any,
        sessions: Iterable[ServiceSession],
        recorded: dict[int, bool],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sessions = list(sessions)
        for session in self.sessions:
            self.fields[f"session_{session.pk}"] = forms.BooleanField(
                label=_("Present on %(day)s, %(start)s–%(end)s")  # noqa: RUF001 - an en dash
                % {
                    "day": date_format(session.date, "d.m.Y"),
                    "start": session.start_time.strftime("%H:%M"),
                    "end": session.end_time.strftime("%H:%M"),
                },
                required=False,
                initial=recorded.get(session.pk, False),
            )

    def present(self) -> dict[int, bool]:
        return {s.pk: bool(self.cleaned_data.get(f"session_{s.pk}")) for s in self.sessions}


class ReportForm(LinkedErrorsForm):
    result = forms.ChoiceField(
        label=_("Result"),
        widget=forms.RadioSelect,
        choices=[
            (domain.COMPLETED, BookingStatus.COMPLETED.label),
            (domain.NOT_COMPLETED, BookingStatus.NOT_COMPLETED.label),
            (domain.NO_SHOW, BookingStatus.NO_SHOW.label),
        ],
    )
    certificate_number = forms.CharField(
        label=_("Certificate number or exam result"),
        required=False,
        max_length=120,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
