"""The review of an educational material, declared with the kit (:mod:`kierunek.core.workflow`)::

    (uploaded) submitted ─publish→ published ─withdraw→ withdrawn
               submitted ─return→ returned ─resubmit→ submitted

The reviewers are the teacher-training centre's and the Metropolis' staff; whoever uploaded a
returned material sends it again (the service checks it is theirs).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kierunek.accounts.models import Role
from kierunek.core.workflow import Transition, Workflow

from .audit_actions_edua import (
    MATERIAL_PUBLISHED,
    MATERIAL_RESUBMITTED,
    MATERIAL_RETURNED,
    MATERIAL_WITHDRAWN,
)
from .models_materials import Material, MaterialStatus

REVIEWERS = frozenset({Role.TRAINING_CENTRE_STAFF.value, Role.METROPOLIS_STAFF.value})
UPLOADERS = frozenset(
    {
        Role.TRAINING_CENTRE_STAFF.value,
        Role.PARTNER_STAFF.value,
        Role.SCHOOL_DIRECTOR.value,
        Role.TEACHER.value,
        Role.METROPOLIS_STAFF.value,
    }
)

MATERIAL = Workflow(
    name="education.material",
    model=Material,
    states=dict(MaterialStatus.choices),
    transitions=[
        Transition(
            "publish",
            {MaterialStatus.SUBMITTED},
            MaterialStatus.PUBLISHED,
            roles=REVIEWERS,
            label=_("publish the material"),
            audit_action=MATERIAL_PUBLISHED,
        ),
        Transition(
            "return",
            {MaterialStatus.SUBMITTED},
            MaterialStatus.RETURNED,
            roles=REVIEWERS,
            label=_("return the material for changes"),
            audit_action=MATERIAL_RETURNED,
        ),
        Transition(
            "resubmit",
            {MaterialStatus.RETURNED},
            MaterialStatus.SUBMITTED,
            roles=UPLOADERS,
            label=_("submit the material again"),
            audit_action=MATERIAL_RESUBMITTED,
        ),
        Transition(
            "withdraw",
            {MaterialStatus.PUBLISHED},
            MaterialStatus.WITHDRAWN,
            roles=REVIEWERS,
            label=_("withdraw the material"),
            audit_action=MATERIAL_WITHDRAWN,
        ),
    ],
)
