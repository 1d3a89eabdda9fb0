"""The portal's images: every image carries its alternative text, required when it is uploaded
(the form and the database refuse an image without it), and every rendition is served by
:mod:`kierunek.cms.views.media` from the private storage."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CmsImage(AbstractImage):
    """An image of the public portal. ``alt_text`` is what a screen reader says instead of the
    picture; Wagtail's fallback to the file's title is replaced by it (:attr:`default_alt_text`)."""

    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("What the picture shows, for people who cannot see it. Required."),
    )

    # Wagtail's description (its fallback alt text) gives way to the required alternative text.
    # As Wagtail's, without a reverse accessor on the user (the export leaves editors' uploads out).
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by user"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_by_user.wagtail_reference_index_ignore = True  # type: ignore[attr-defined]

    admin_form_fields = (
        "title",
        "alt_text",
        *(f for f in Image.admin_form_fields if f not in {"title", "description"}),
    )

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(alt_text=""),
                name="cms_image_has_alternative_text",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        self.alt_text = (self.alt_text or "").strip()
        if not self.alt_text:
            raise ValidationError(
                {"alt_text": _("Describe the picture: an image without alternative text is refused.")}
            )

    @property
    def default_alt_text(self) -> str:
        return self.alt_text


class CmsRendition(AbstractRendition):
    image = models.ForeignKey(CmsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


__all__ = ["CmsImage", "CmsRendition"]
