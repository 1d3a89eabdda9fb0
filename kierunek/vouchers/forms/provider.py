"""Forms of the provider staff's voucher pages. They check the shape of the input; the rules
(deadlines, states) are the services'."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from kierunek.catalogue.models import ServiceSession
from kierunek.core.forms import PlainTextForm

from .. import domain
from ..models import BookingStatus
from ..selectors import bookings as selectors
from .base import LinkedErrorsForm


class StatusFilterForm(PlainTextForm):
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
