"""An image of the portal without alternative text is refused: by the upload form of the CMS,
by the model's validation, and by the database."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image as PILImage
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from kierunek.accounts.models import Role
from kierunek.cms.editors import editor_join
from kierunek.cms.models import CmsImage
from tests.accounts.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 10), (200, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


def _form(alt_text, user):
    form_class = get_image_form(CmsImage)
    data = {
        "title": "Rada",
        "alt_text": alt_text,
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
    }
    files = {"file": SimpleUploadedFile("rada.png", _png(), content_type="image/png")}
    return form_class(data, files, user=user)


def test_the_upload_form_refuses_an_image_without_alternative_text(portal):
    officer = StaffUserFactory(role=Role.OFFICER)
    editor_join(user=officer, section_slug="program")
    for missing in ("", "   "):
        form = _form(missing, officer)
        assert not form.is_valid()
        assert "alt_text" in form.errors
    form = _form("Członkowie rady przy stole", officer)
    assert form.is_valid(), form.errors


def test_the_model_and_the_database_refuse_it():
    image = CmsImage(
        title="Rada", alt_text=" ", width=20, height=10, collection=Collection.get_first_root_node()
    )
    image.file.save("rada.png", ContentFile(_png()), save=False)
    with pytest.raises(ValidationError) as refused:
        image.full_clean()
    assert "alt_text" in refused.value.message_dict
    image.alt_text = ""
    with pytest.raises(IntegrityError), transaction.atomic():
        image.save()


def test_a_rendition_says_the_alternative_text(client):
    image = CmsImage(
        title="plik-123",
        alt_text="Uczestnicy warsztatów",
        width=20,
        height=10,
        collection=Collection.get_first_root_node(),
    )
    image.file.save("rada.png", ContentFile(_png()), save=False)
    image.save()
    tag = image.get_rendition("max-100x100").img_tag()
    assert 'alt="Uczestnicy warsztatów"' in tag
    url = image.get_rendition("max-100x100").url
    assert url.startswith("/pliki-portalu/images/")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    # Nothing but a rendition is served there.
    assert client.get("/pliki-portalu/images/../original_images/rada.png").status_code == 404
