"""The printable poster or leaflet of a campaign: its text and a QR code of the address that opens
registration with the campaign's code (the address is printed too, for those who type it)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kierunek.core.notify import site_link
from kierunek.core.pdf import render_pdf

from .models import Campaign


def campaign_link(campaign: Campaign) -> str:
    """The absolute address the poster's QR code carries."""
    return site_link(reverse("outreach:join", args=[campaign.code]))


def campaign_poster_pdf(campaign: Campaign) -> bytes:
    link = campaign_link(campaign)
    where = str(campaign.gmina) if campaign.gmina else _("Małopolska")
    message = campaign.message or _(
        "Free competence balance with a career advisor and vouchers for training. "
        "Sign up in a few minutes: scan the code with your phone's camera."
    )
    return render_pdf(
        title=campaign.name,
        meta={
            _("Where"): where,
            _("Kind"): campaign.get_channel_display(),
            _("Campaign code"): campaign.code,
        },
        sections=[
            (_("Learn with the programme"), [message]),
            (
                _("How to sign up"),
                [
                    _("Scan the QR code below or open the address: %(link)s") % {"link": link},
                    _(
                        "The registration form will say that you came through this campaign; "
                        "you can remove that before you sign up."
                    ),
                ],
            ),
        ],
        qr=link,
    )
