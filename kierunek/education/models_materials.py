"""The library of educational materials: a file or a link with its licence, audience, subject and
grades, uploaded by the teacher-training centre, partners and schools, reviewed before it is
published, searchable, its downloads counted."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models_career import SchoolLevel


class MaterialStatus(models.TextChoices):
    SUBMITTED = "submitted", _("waiting for review")
    RETURNED = "returned", _("returned for changes")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Licence(models.TextChoices):
    CC_BY = "cc_by", "CC BY 4.0"
    CC_BY_SA = "cc_by_sa", "CC BY-SA 4.0"
    CC_BY_NC = "cc_by_nc", "CC BY-NC 4.0"
    CC0 = "cc0", "CC0 1.0"
    ALL_RIGHTS = "all_rights", _("all rights reserved (link only)")


class MaterialAudience(models.TextChoices):
    TEACHERS = "teachers", _("teachers")
    PUPILS = "pupils", _("pupils")
    PARENTS = "parents", _("parents")
    DIRECTORS = "directors", _("directors")


class Material(models.Model):
    """A material of the library. Either ``file`` (a PDF) or ``url``; ``status`` moves only by
    :data:`kierunek.education.workflows_materials.MATERIAL`; ``downloads`` counts the times it was
    opened from the library."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    file = models.FileField(_("file (PDF)"), upload_to="education/materials/", blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=12, choices=Licence.choices)
    audience = models.CharField(_("audience"), max_length=10, choices=MaterialAudience.choices)
    subject = models.CharField(_("subject"), max_length=100)
    level = models.CharField(_("school level"), max_length=10, choices=SchoolLevel.choices)
    grade_from = models.PositiveSmallIntegerField(_("from grade"))
    grade_to = models.PositiveSmallIntegerField(_("to grade"))
    author = models.CharField(_("author"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MaterialStatus.choices, default=MaterialStatus.SUBMITTED
    )
    review_note = models.TextField(_("reviewer's note"), blank=True)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("educational material")
        verbose_name_plural = _("educational materials")
        constraints = [
            models.CheckConstraint(
                condition=(~models.Q(file="") & models.Q(url="")) | (models.Q(file="") & ~models.Q(url="")),
                name="education_material_file_or_link",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=MaterialStatus.values), name="education_material_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(grade_from__gte=1, grade_to__gte=models.F("grade_from"), grade_to__lte=8),
                name="education_material_grades_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title
