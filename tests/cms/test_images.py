"""An image of the portal without alternative text is refused by the CMS's upload form, by the
model's validation and by the database; the public is served its renditions, never the upload."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import Image as PILImage
from wagtail.models import Collection

from kierunek.cms.models import CmsImage

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 10), (200, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_the_model_and_the_database_refuse_it(portal):
    image = CmsImage(
        title="Rada", alt_text=" ", width=20, height=10, collection=Collection.get_first_root_node()
    )
    image.file.save("rada.png", ContentFile(_png()), save=False)
    with pytest.raises(ValidationError) as refused:
        image.full_clean()
    assert "alt_text" in refused.value.message_dict
    image.alt_text = ""
    image.width, image.height = 20, 10  # the file's size, so that only the missing text is refused
    with pytest.raises(IntegrityError), transaction.atomic():
        image.save()


@pytest.fixture
def office_editor(portal):
    from kierunek.accounts.models import Role
    from kierunek.cms.editors import editor_join
    from tests.accounts.factories import StaffUserFactory

    officer = StaffUserFactory(role=Role.OFFICER)
    editor_join(user=officer, section_slug="program")
    return officer


def _upload(client, *, alt_text: str):
    return client.post(
        "/cms-admin/images/add/",
        {
            "title": "Posiedzenie rady",
            "alt_text": alt_text,
            "file": ContentFile(_png(), name="rada.png"),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_the_admin_upload_form_refuses_an_image_without_alternative_text(office_editor, client_for):
    client = client_for(office_editor)
    response = _upload(client, alt_text="  ")
    assert response.status_code == 200  # the form again, with its error
    assert "alt_text" in response.context["form"].errors
    assert not CmsImage.objects.exists()

    response = _upload(client, alt_text="Członkowie rady przy stole obrad")
    assert response.status_code == 302
    image = CmsImage.objects.get()
    assert image.alt_text == "Członkowie rady przy stole obrad"
    assert image.uploaded_by_user == office_editor


def test_a_rendition_is_served_to_the_public_and_the_original_is_not(portal, client):
    image = CmsImage(
        title="Rada",
        alt_text="Członkowie rady przy stole obrad",
        collection=Collection.get_first_root_node(),
    )
    image.file.save("rada.png", ContentFile(_png()), save=False)
    image.width, image.height = 20, 10
    image.save()
    rendition = image.get_rendition("width-10")

    response = client.get(rendition.url)
    assert rendition.url.startswith("/pliki-portalu/images/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    served = PILImage.open(io.BytesIO(b"".join(response.streaming_content)))
    assert served.size == (10, 5)
    original = image.file.name.removeprefix("original_images/")
    assert client.get(f"/pliki-portalu/images/{original}").status_code == 404
