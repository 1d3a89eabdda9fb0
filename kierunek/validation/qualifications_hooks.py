"""What validation adds to the register's pages (:mod:`kierunek.qualifications.hooks`): "Apply for
validation" on a qualification's page, when an institution is authorised to certify it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from kierunek.qualifications.hooks import QualificationAction, qualification_action_register

from . import selectors


def _authorised(qualification: Any) -> bool:
    return bool(selectors.authorised_institutions(qualification))


def qualification_hooks_register() -> None:
    qualification_action_register(
        QualificationAction(
            key="validation.apply",
            url_name="validation:apply",
            param="kwalifikacja",
            label=_("Apply for validation"),
            description=_("if you already have these learning outcomes, however you learned them"),
            shown=_authorised,
        )
    )
