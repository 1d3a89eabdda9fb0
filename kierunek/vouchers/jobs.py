"""The vouchers context's background jobs (:mod:`kierunek.core.jobs`): building a payment batch,
started from the operator's settlement page. The build itself is one short transaction (lines,
the ledger's move of every receivable to ``in_payment`` and the batch appear together), run by a
worker so that the page never waits on it; a job run again under the same request key returns
the same batch."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.jobs import JobKind, JobOutcome, Progress, job_kind_register
from kierunek.core.models import BackgroundJob

from .services import payouts

BATCH_BUILD = "vouchers.batch_build"


def batch_build_run(job: BackgroundJob, progress: Progress) -> JobOutcome:
    params = job.params
    progress(0, 1)
    batch = payouts.batch_build(
        programme_id=params["programme_id"],
        actor=Actor.of(job.started_by),
        idempotency_key=params["idempotency_key"],
        execution_date=date.fromisoformat(params["execution_date"]) if params.get("execution_date") else None,
    )
    progress(1, 1)
    if batch is None:
        return JobOutcome(
            message=_("Nothing is due: no provider has a receivable that can be paid now."),
            result_url=f"{reverse('vouchers:operator_settlement')}?programme={params['programme_id']}",
        )
    return JobOutcome(
        message=_("Payment batch %(reference)s is built. A second person approves it.")
        % {"reference": batch.reference},
        result={"batch": batch.pk},
        result_url=reverse("vouchers:operator_batch", args=[batch.pk]),
    )


def jobs_register() -> None:
    job_kind_register(
        JobKind(
            key=BATCH_BUILD,
            label=gettext_lazy("Building a payment batch"),
            roles=frozenset({Role.FINANCIAL_OPERATOR}),
            run=batch_build_run,
        )
    )
