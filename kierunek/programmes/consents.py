"""The texts of the programme's consents. A person gives a consent to a version of its text; the
version is recorded with the consent, so a changed text gets a new version and old consents keep
pointing at what the person actually read."""

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from .models import ConsentKind

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

CONSENT_TEXT_VERSION = "2026-01"

CONSENT_TEXTS: "dict[str, StrPromise]" = {
    ConsentKind.PROCESSING: _(
        "I consent to the processing of my personal data given in this application (including my "
        "PESEL number, place of residence and work, education and employment) by the regional "
        "labour office of Małopolska, to decide whether I can take part in the programme and to run "
        "it. I may withdraw this consent at any time; withdrawal ends my participation but does not "
        "affect what was done before it."
    ),
    ConsentKind.CONTACT: _(
        "I agree to be contacted by e-mail and phone about the programme: reminders of meetings, "
        "news of services and the follow-up survey. I may withdraw this consent at any time."
    ),
}
