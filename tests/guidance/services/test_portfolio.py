"""The portfolio of a balance: documents whose type is read from their bytes, and references.
A refused change writes nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kierunek.core.actor import Actor
from kierunek.guidance.services import portfolio as portfolio_services
from tests.guidance.builders import (
    PDF,
    PNG,
    contents,
    started_balance,
)

pytestmark = pytest.mark.django_db


class TestPortfolio:
    @pytest.mark.parametrize(("name", "content"), [("dyplom.pdf", PDF), ("skan.png", PNG)])
    def test_pdf_and_images_are_accepted(self, name, content):
        balance = started_balance()
        item = portfolio_services.portfolio_file_add(
            balance_id=balance.pk,
            title="Dyplom",
            description="",
            upload=SimpleUploadedFile(name, content),
            actor=Actor.of(balance.advisor),
        )
        assert item.file_kind in {"pdf", "png"}

    @pytest.mark.parametrize(
        ("name", "content"),
        [("dyplom.pdf", b"MZ\x90\x00 not a pdf"), ("dyplom.exe", PDF), ("pusty.pdf", b"")],
    )
    def test_other_files_are_refused_and_nothing_is_stored(self, name, content):
        balance = started_balance()
        before = contents(balance)
        with pytest.raises(ValidationError):
            portfolio_services.portfolio_file_add(
                balance_id=balance.pk,
                title="Dyplom",
                description="",
                upload=SimpleUploadedFile(name, content),
                actor=Actor.of(balance.advisor),
            )
        assert contents(balance) == before

    def test_a_reference_needs_its_referee(self):
        balance = started_balance()
        with pytest.raises(ValidationError):
            portfolio_services.portfolio_reference_add(
                balance_id=balance.pk,
                title="Referencje",
                description="",
                referee_name=" ",
                referee_contact="",
                actor=Actor.of(balance.advisor),
            )
        item = portfolio_services.portfolio_reference_add(
            balance_id=balance.pk,
            title="Referencje",
            description="",
            referee_name="Anna Kowalska",
            referee_contact="",
            actor=Actor.of(balance.advisor),
        )
        assert item.kind == "reference"
