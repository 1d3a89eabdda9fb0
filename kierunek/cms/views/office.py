"""The office's pages (officers): the reports of inaccessible elements, with the date each answer
is due, and the answer, the postponement or the offer of alternative access."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kierunek.accounts.models import Role
from kierunek.core.actor import actor_from_request
from kierunek.core.pages import submit
from kierunek.core.permissions import role_required

from .. import domain, selectors, services
from ..forms import AnswerForm, ExtendForm
from ..models import AccessibilityReport


@role_required(Role.OFFICER)
def reports(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("wszystkie") == "1"
    today = timezone.localdate()
    rows = [
        (r, domain.is_overdue(due_on=r.due_on, status=r.status, today=today))
        for r in selectors.reports_for_office(open_only=not show_all)
    ]
    return render(request, "cms/office/reports.html", {"rows": rows, "show_all": show_all})


@role_required(Role.OFFICER)
def report(request: HttpRequest, report_id: int) -> HttpResponse:
    get_object_or_404(AccessibilityReport, pk=report_id)
    actor = actor_from_request(request)
    back = reverse("cms:report", args=[report_id])
    extend_form = ExtendForm(
        request.POST if request.POST.get("action") == "extend" else None, prefix="extend"
    )
    answer_form = AnswerForm(
        request.POST if request.POST.get("action") in {"answer", "alternative"} else None, prefix="answer"
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "extend":
            done = submit(
                request,
                extend_form,
                lambda data: services.report_extend(
                    actor=actor, report_id=report_id, new_due=data["new_due"], reason=data["reason"]
                ),
                success=_("The answer is postponed; the person was told the new date."),
                done=lambda _r: back,
            )
        else:
            service = services.report_answer if action == "answer" else services.report_offer_alternative
            done = submit(
                request,
                answer_form,
                lambda data: service(actor=actor, report_id=report_id, answer=data["answer"]),
                success=_("The answer was sent."),
                done=lambda _r: back,
            )
        if done:
            return done
    found = services.report_read(actor=actor, report_id=report_id)
    return render(
        request,
        "cms/office/report.html",
        {
            "report": found,
            "extend_form": extend_form,
            "answer_form": answer_form,
            "limit": domain.extension_limit(found.received_on),
            "overdue": domain.is_overdue(
                due_on=found.due_on, status=found.status, today=timezone.localdate()
            ),
        },
    )
