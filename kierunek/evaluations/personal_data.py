"""Evaluations and a person's data export: decided, and left out on purpose.

A survey response is anonymous by design: it keeps the service, the provider, the scores, the
comment and the month, and nothing that leads back to the person or the booking (see
``evaluations.models``). Data that cannot be linked to a person is not their personal data (GDPR
recital 26), and the platform could only put a response in someone's export by linking it to them,
which would break the promise made when they answered. What the export does hold is the fact that
the person evaluated a booking, and when (``evaluated_at`` on each booking, exported by vouchers).
If a survey ever keeps answers linked to the person, they belong in the export: register them
here."""

from __future__ import annotations

from kierunek.core import personal_data


def personal_data_register() -> None:
    """Called from ``EvaluationsConfig.ready()``."""
    personal_data.exclude(
        "evaluations.SurveyResponse",
        reason="Anonymous by design: nothing links a response to a person, so it is no one's personal data; "
        "the booking records that, and when, the person evaluated it.",
    )
