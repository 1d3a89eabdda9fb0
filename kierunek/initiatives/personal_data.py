"""The regional initiatives hold no person's own data: gminas apply, jurors score and organisers
register activities as staff at work (their accounts name them as such), and the people who sign up
for an activity do it through the events context, which exports their registrations."""

from __future__ import annotations

from kierunek.core import personal_data

AT_WORK = (
    "names a member of staff (a gmina's, an officer, a juror, an organiser) acting at work, "
    "not a person served"
)


def personal_data_register() -> None:
    """Called from ``InitiativesConfig.ready()``."""
    for model in (
        "initiatives.ContestApplication",
        "initiatives.ApplicationChange",
        "initiatives.Evidence",
        "initiatives.Juror",
        "initiatives.ConflictDeclaration",
        "initiatives.Score",
        "initiatives.Award",
        "initiatives.Activity",
    ):
        personal_data.exclude(model, reason=AT_WORK)
