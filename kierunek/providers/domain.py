"""Rules of the providers context that need no database and no Django: the states of a
certificate. Their labels are in models.py."""

from datetime import date
from enum import StrEnum


class CertificateStatus(StrEnum):
    NOT_YET_VALID = "not_yet_valid"
    VALID = "valid"
    EXPIRING_SOON = "expiring_soon"
    EXPIRED = "expired"


def certificate_status(
    *, valid_from: date, valid_to: date | None, today: date, warn_days: int = 60
) -> CertificateStatus:
    """A certificate without an end date stays valid. 'Expiring soon' starts ``warn_days``
    before the last valid day."""
    if today < valid_from:
        return CertificateStatus.NOT_YET_VALID
    if valid_to is None:
        return CertificateStatus.VALID
    if today > valid_to:
        return CertificateStatus.EXPIRED
    if (valid_to - today).days < warn_days:
        return CertificateStatus.EXPIRING_SOON
    return CertificateStatus.VALID
