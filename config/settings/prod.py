"""Production. Everything secret or site-specific comes from the environment; missing values stop
the process at start rather than run with a default."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def _env(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return value


DEBUG = False
# base.py read DATABASE_URL already; without it, production would quietly serve an empty embedded
# database from the code's folder. (`make serve` also insists on PostgreSQL.)
_env("DATABASE_URL")
SECRET_KEY = _env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = _env("DJANGO_ALLOWED_HOSTS").split(",")
# The one address every e-mail's links start with (kierunek.core.notify.site_link): the public
# address when it is not the first allowed host (behind a proxy, another name), and always https.
KIERUNEK_SITE_URL = (os.environ.get("KIERUNEK_SITE_URL") or f"https://{ALLOWED_HOSTS[0]}").rstrip("/")
if not KIERUNEK_SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("KIERUNEK_SITE_URL must be the site's https:// address.")
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]

KIERUNEK_FIELD_ENCRYPTION_KEYS = _env("KIERUNEK_FIELD_ENCRYPTION_KEYS").split(",")
KIERUNEK_PESEL_HASH_KEY = _env("KIERUNEK_PESEL_HASH_KEY")
KIERUNEK_CREDENTIAL_SIGNING_KEY = _env("KIERUNEK_CREDENTIAL_SIGNING_KEY")
# The programme's bank account that pays providers (the debtor of the pain.001 files).
KIERUNEK_PAYER_NAME = _env("KIERUNEK_PAYER_NAME")
KIERUNEK_PAYER_IBAN = _env("KIERUNEK_PAYER_IBAN")
KIERUNEK_PAYER_BIC = _env("KIERUNEK_PAYER_BIC")
KIERUNEK_ALLOW_DEMO_OTP_DEVICES = False

# Filled by collectstatic at build time (`make static`); DJANGO_STATIC_ROOT moves it out of the code.
STATIC_ROOT = os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles"  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") == "1"
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
