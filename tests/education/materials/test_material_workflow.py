"""The review of an educational material, transition by transition: the table below is written out
independently of ``workflows_materials.py`` and checked state by state, role by role."""

import pytest
from django.core.exceptions import ValidationError

from kierunek.core.actor import Actor
from kierunek.core.models import AuditEvent
from kierunek.core.workflow import TransitionRefused
from kierunek.education import services
from kierunek.education.models import Material, MaterialStatus
from kierunek.education.workflows_materials import MATERIAL
from tests.education import builders_edua as b

pytestmark = pytest.mark.django_db

REVIEWERS = {"training_centre_staff", "metropolis_staff"}
UPLOADERS = {"training_centre_staff", "partner_staff", "school_director", "teacher", "metropolis_staff"}

# (transition, from, to, roles)
TABLE = [
    ("publish", "submitted", "published", REVIEWERS),
    ("return", "submitted", "returned", REVIEWERS),
    ("resubmit", "returned", "submitted", UPLOADERS),
    ("withdraw", "published", "withdrawn", REVIEWERS),
]
STATES = set(MaterialStatus.values)


def test_the_declared_workflow_is_the_table():
    declared = {
        (t.name, s, t.target, frozenset(t.roles)) for t in MATERIAL.transitions.values() for s in t.sources
    }
    assert declared == {(name, s, to, frozenset(roles)) for name, s, to, roles in TABLE}


@pytest.mark.parametrize(("name", "source", "target", "roles"), TABLE)
def test_each_transition_from_each_state(name, source, target, roles):
    for state in STATES:
        if state == source:
            assert MATERIAL.check(state=state, name=name).target == target
        else:
            with pytest.raises(TransitionRefused):
                MATERIAL.check(state=state, name=name)
    for role in [
        "teacher",
        "partner_staff",
        "officer",
        "metropolis_staff",
        "training_centre_staff",
        "participant",
    ]:
        if role in roles:
            MATERIAL.check(state=source, name=name, role=role)
        else:
            with pytest.raises(TransitionRefused):
                MATERIAL.check(state=source, name=name, role=role)


def _material(by):  # type: ignore[no-untyped-def]
    return services.material_submit(
        actor=Actor.of(by),
        data=services.MaterialData(
            title="Scenariusz lekcji o zawodach przyszłości",
            description="Lekcja wychowawcza z kartami pracy.",
            licence="cc_by",
            audience="teachers",
            subject="doradztwo zawodowe",
            level="primary",
            grade_from=7,
            grade_to=8,
            author="Anna Nowak",
            url="https://example.org/scenariusz",
        ),
    )


def test_a_material_goes_through_review_and_is_counted_when_published():
    teacher = b.teacher()
    reviewer = b.user("training_centre_staff")
    material = _material(teacher)
    assert material.status == MaterialStatus.SUBMITTED
    with pytest.raises(Material.DoesNotExist):
        services.material_download_count(material_id=material.pk)  # not public yet
    with pytest.raises(ValidationError):
        services.material_review(
            actor=Actor.of(reviewer), material_id=material.pk, decision="return"
        )  # no note
    services.material_review(
        actor=Actor.of(reviewer), material_id=material.pk, decision="return", note="Dodaj źródła."
    )
    with pytest.raises(Material.DoesNotExist):
        services.material_resubmit(actor=Actor.of(b.teacher()), material_id=material.pk)  # not theirs
    services.material_resubmit(actor=Actor.of(teacher), material_id=material.pk)
    with pytest.raises(TransitionRefused):
        services.material_review(actor=Actor.of(teacher), material_id=material.pk, decision="publish")
    services.material_review(actor=Actor.of(reviewer), material_id=material.pk, decision="publish")
    services.material_download_count(material_id=material.pk)
    counted = services.material_download_count(material_id=material.pk)
    assert counted.downloads == 2
    assert counted.status == MaterialStatus.PUBLISHED
    assert counted.published_at is not None
    actions = list(AuditEvent.objects.filter(object_id=str(material.pk)).values_list("action", flat=True))
    assert "education.material_published" in actions


def test_a_file_or_a_link_but_not_both_and_a_pdf_only():
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "title": "Karta pracy",
        "description": "x",
        "licence": "cc_by",
        "audience": "pupils",
        "subject": "matematyka",
        "level": "primary",
        "grade_from": 4,
        "grade_to": 4,
        "author": "A",
    }
    teacher = Actor.of(b.teacher())
    with pytest.raises(ValidationError):
        services.material_submit(actor=teacher, data=services.MaterialData(**data))
    with pytest.raises(ValidationError):
        services.material_submit(
            actor=teacher,
            data=services.MaterialData(**data),
            upload=SimpleUploadedFile("a.pdf", b"not a pdf"),
        )
    assert not Material.objects.exists()


def test_the_library_page_shows_only_published_and_the_download_counts(client):
    reviewer = Actor.of(b.user("metropolis_staff"))
    shown = _material(b.teacher())
    hidden = services.material_submit(
        actor=Actor.of(b.teacher()),
        data=services.MaterialData(
            title="Szkic w recenzji",
            description="d",
            licence="cc0",
            audience="teachers",
            subject="fizyka",
            level="secondary",
            grade_from=1,
            grade_to=2,
            author="B",
            url="https://example.org/b",
        ),
    )
    services.material_review(actor=reviewer, material_id=shown.pk, decision="publish")
    page = client.get("/edukacja/materialy/", {"q": "zawodach przyszlosci"}).content.decode()
    assert shown.title in page
    assert hidden.title not in page
    assert client.get(f"/edukacja/materialy/{hidden.pk}/").status_code == 404
    response = client.get(f"/edukacja/materialy/{shown.pk}/pobierz/")
    assert response.status_code == 302
    assert response["Location"] == "https://example.org/scenariusz"
    shown.refresh_from_db()
    assert shown.downloads == 1
