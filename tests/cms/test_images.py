"""An image of the portal without alternative text is refused by the model's validation (which
the CMS's upload form runs) and by the database."""

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


def test_the_model_and_the_database_refuse_it():
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
