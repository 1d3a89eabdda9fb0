"""Rules about accounts that need no database: role pages and the demo second factor."""

import base64
import hashlib
from collections.abc import Mapping

DEMO_OTP_DEVICE_NAME = "demo"
TERMS_VERSION = "2026-01"

# URL segment of each role's dashboard, in Polish like the rest of the site's addresses.
ROLE_SLUGS: dict[str, str] = {
    "participant": "uczestnik",
    "advisor": "doradca",
    "provider_staff": "dostawca",
    "officer": "urzednik",
    "financial_operator": "operator",
    "auditor": "audytor",
    "partner_staff": "partner",
    "certification_staff": "certyfikacja",
    "gmina_staff": "gmina",
    "broker": "broker",
    "metropolis_staff": "metropolia",
    "training_centre_staff": "osrodek-doskonalenia",
    "school_director": "dyrektor",
    "teacher": "nauczyciel",
    "candidate": "kandydat",
    "administrator": "administrator",
}


def demo_totp_key(email: str) -> str:
    """The fixed TOTP secret (hex, 20 bytes) of a demo user. Public by design so a person can
    try the demo; production settings refuse any device named ``demo``."""
    return hashlib.sha256(f"kierunek-demo-totp:{email.lower()}".encode()).hexdigest()[:40]


def hex_key_to_base32(hex_key: str) -> str:
    """The form authenticator apps take when a secret is typed by hand."""
    return base64.b32encode(bytes.fromhex(hex_key)).decode("ascii").rstrip("=")


def login_username(request: object, credentials: Mapping[str, str] | None) -> str:
    """The login as the lockout counts it: the e-mail, trimmed and in lower case, so that
    ``Jan@X.pl`` and ``jan@x.pl`` share one failure count. Without credentials django-axes asks
    about the posted form."""
    source: Mapping[str, str] = credentials or getattr(request, "POST", None) or {}
    return (source.get("username") or "").strip().lower()
