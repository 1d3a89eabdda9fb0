"""What the register adds to the human-resources offer per powiat (the registry:
:mod:`kierunek.core.resident_figures`): the residents' certificates, by qualification. A revoked
certificate does not count; one renewed counts once (the offer counts people, not certificates)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.utils.translation import gettext_lazy

from kierunek.core.resident_figures import FigureRow, ResidentFigure, resident_figure_register

from .models import Certificate, CertificateStatus


def certificates_people(person_ids: Collection[int]) -> Iterable[FigureRow]:
    """(holder, qualification's code, "code name") for every certificate not revoked of the people
    given."""
    rows = (
        Certificate.objects.filter(holder_id__in=list(person_ids))
        .exclude(status=CertificateStatus.REVOKED)
        .values_list("holder_id", "qualification__code", "qualification__name")
        .distinct()
    )
    return [(holder, code, f"{code} {name}") for holder, code, name in rows]


def resident_figures_register() -> None:
    """Called from ``QualificationsConfig.ready()``."""
    resident_figure_register(
        ResidentFigure(
            key="qualifications.certificates",
            title=gettext_lazy("Certificates of qualifications"),
            group_title=gettext_lazy("Qualification"),
            people=certificates_people,
            order=30,
        )
    )
