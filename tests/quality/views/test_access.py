"""Each role opens its own quality-mark pages and no other role's; actions answer only POST and
change nothing for the wrong person."""

import pytest
from django.utils import timezone

from kierunek.accounts.models import Role
from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.quality import services as quality
from kierunek.quality.domain import CaseState
from kierunek.quality.models import (
    CorrectiveAction,
    EvidenceFile,
    QualityMarkCase,
)
from tests.accounts.factories import ParticipantFactory, StaffUserFactory
from tests.quality.builders import case_in_state, pdf, standards

pytestmark = pytest.mark.django_db

S = CaseState
STAFF, OFFICER, AUDITOR = Role.PROVIDER_STAFF, Role.OFFICER, Role.AUDITOR


# --- roles -------------------------------------------------------------------------------------

GET_PAGES = {
    "/instytucja/znak-jakosci/": {STAFF},
    "/instytucja/znak-jakosci/samoocena/": {STAFF},
    "/urzad/znak-jakosci/": {OFFICER},
    "/urzad/znak-jakosci/{case}/": {OFFICER},
    "/audytor/audyty/": {AUDITOR},
    "/audytor/audyty/{assignment}/": {AUDITOR},
    "/znak-jakosci/dowody/{evidence}/": {STAFF, OFFICER, AUDITOR},
}
POST_ACTIONS = {
    "/instytucja/znak-jakosci/wniosek/": {STAFF},
    "/instytucja/znak-jakosci/akcja/": {STAFF},
    "/instytucja/znak-jakosci/samoocena/{standard}/": {STAFF},
    "/instytucja/znak-jakosci/dzialania-naprawcze/{action}/wykonane/": {STAFF},
    "/urzad/znak-jakosci/{case}/audytor/": {OFFICER},
    "/urzad/znak-jakosci/{case}/przyznanie/": {OFFICER},
    "/urzad/znak-jakosci/{case}/odmowa/": {OFFICER},
    "/urzad/znak-jakosci/{case}/zawieszenie/": {OFFICER},
    "/urzad/znak-jakosci/{case}/przywrocenie/": {OFFICER},
    "/urzad/znak-jakosci/{case}/cofniecie/": {OFFICER},
    "/urzad/znak-jakosci/{case}/wizyty/": {OFFICER},
    "/urzad/znak-jakosci/wizyty/{visit}/": {OFFICER},
    "/urzad/znak-jakosci/wizyty/{visit}/dzialania-naprawcze/": {OFFICER},
    "/urzad/znak-jakosci/dzialania-naprawcze/{action}/wykonane/": {OFFICER},
    "/audytor/audyty/{assignment}/oswiadczenie/": {AUDITOR},
    "/audytor/audyty/{assignment}/raport/": {AUDITOR},
}
OTHER_GETS = [
    (path, role) for path, owners in GET_PAGES.items() for role in Role.values if role not in owners
]
OTHER_POSTS = [
    (path, role) for path, owners in POST_ACTIONS.items() for role in Role.values if role not in owners
]


def _objects() -> dict[str, int]:
    world = case_in_state(S.GRANTED)
    visit = quality.monitoring_visit_add(
        case=world.case,
        kind="ad_hoc",
        planned_on=timezone.localdate(),
        remote=False,
        actor=Actor.of(world.officer),
    )
    action = quality.corrective_action_add(
        visit=visit, description="Poprawić", deadline=timezone.localdate(), actor=Actor.of(world.officer)
    )
    evidence = EvidenceFile.objects.create(
        case=world.case,
        standard=standards()[0],
        file=pdf(),
        file_kind="pdf",
        original_name="a.pdf",
        uploaded_by=world.staff,
    )
    assert world.assignment is not None
    return {
        "case": world.case.pk,
        "assignment": world.assignment.pk,
        "evidence": evidence.pk,
        "visit": visit.pk,
        "action": action.pk,
        "standard": standards()[0].pk,
    }


@pytest.mark.parametrize(("path", "role"), OTHER_GETS, ids=[f"{p}-{r}" for p, r in OTHER_GETS])
def test_other_roles_cannot_open_a_page(client_for, path, role):
    objects = _objects()
    user = ParticipantFactory() if role == Role.PARTICIPANT else StaffUserFactory(role=role)
    client = client_for(user)
    events = AuditEvent.objects.count()
    assert client.get(path.format(**objects)).status_code == 403
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(("path", "role"), OTHER_POSTS, ids=[f"{p}-{r}" for p, r in OTHER_POSTS])
def test_other_roles_cannot_act(client_for, path, role):
    objects = _objects()
    user = ParticipantFactory() if role == Role.PARTICIPANT else StaffUserFactory(role=role)
    client = client_for(user)
    before = (
        list(QualityMarkCase.objects.values_list("state", flat=True)),
        AuditEvent.objects.count(),
        CorrectiveAction.objects.filter(completed_at__isnull=True).count(),
    )
    assert client.post(path.format(**objects), {"transition": "submit", "reason": "x"}).status_code == 403
    after = (
        list(QualityMarkCase.objects.values_list("state", flat=True)),
        AuditEvent.objects.count(),
        CorrectiveAction.objects.filter(completed_at__isnull=True).count(),
    )
    assert after == before


@pytest.mark.parametrize("path", list(POST_ACTIONS))
def test_actions_answer_only_post(client_for, path):
    objects = _objects()
    owner = next(iter(POST_ACTIONS[path]))
    client = client_for(StaffUserFactory(role=owner))
    assert client.get(path.format(**objects)).status_code in (404, 405)
