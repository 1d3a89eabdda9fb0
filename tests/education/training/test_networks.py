"""Networks of cooperation and self-learning: the centre creates one and adds meetings, teachers
join and share links and files, which only members see."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kierunek.core.actor import Actor
from kierunek.education.services import training as services

from .builders import centre_staff, teacher

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_members_join_meet_and_share(client):
    staff = centre_staff()
    network = services.network_create(
        actor=Actor.of(staff), name="Sieć nauczycieli matematyki", kind="cooperation"
    )
    services.network_meeting_add(
        actor=Actor.of(staff),
        network_id=network.pk,
        title="Spotkanie otwierające",
        starts_at=timezone.now() + timedelta(days=10),
        place="online",
    )
    member, outsider = teacher(), teacher()
    with pytest.raises(PermissionDenied):
        services.network_material_add(
            actor=Actor.of(member), network_id=network.pk, title="x", url="https://a.pl"
        )
    services.network_join(actor=Actor.of(member), network_id=network.pk)
    with pytest.raises(ValidationError, match="member"):
        services.network_join(actor=Actor.of(member), network_id=network.pk)
    link = services.network_material_add(
        actor=Actor.of(member), network_id=network.pk, title="Karty pracy", url="https://example.org/karty"
    )
    upload = services.network_material_add(
        actor=Actor.of(member),
        network_id=network.pk,
        title="Scenariusz lekcji",
        upload=SimpleUploadedFile("scenariusz.pdf", PDF, content_type="application/pdf"),
    )
    with pytest.raises(ValidationError, match="either"):
        services.network_material_add(actor=Actor.of(member), network_id=network.pk, title="Oba")

    client.force_login(member)
    page = client.get(f"/edukacja/sieci/{network.pk}/").content.decode()
    assert "Spotkanie otwierające" in page
    assert link.url in page
    assert client.get(f"/edukacja/sieci/materialy/{upload.pk}/").status_code == 200
    client.force_login(outsider)
    page = client.get(f"/edukacja/sieci/{network.pk}/").content.decode()
    assert link.url not in page
    assert client.get(f"/edukacja/sieci/materialy/{upload.pk}/").status_code == 404
    assert client.post(f"/edukacja/sieci/{network.pk}/dolacz/").status_code == 302
    assert client.get(f"/edukacja/sieci/materialy/{upload.pk}/").status_code == 200
