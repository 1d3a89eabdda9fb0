"""The test suite. Same database engine choice as base: SQLite unless DATABASE_URL is set."""

from .base import *  # noqa: F403
from .base import DATABASES

DEBUG = False
SECRET_KEY = "test-only-secret-key-kierunek-0123456789abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

KIERUNEK_FIELD_ENCRYPTION_KEYS = ["dGVzdC1vbmx5LWZpZWxkLWtleS1raWVydW5lay0wMDA="]
KIERUNEK_PESEL_HASH_KEY = "test-only-pesel-hash-key"
KIERUNEK_CREDENTIAL_SIGNING_KEY = "s9V4-L4trgYLerp-nJxVylGjSS-Zubi1VzaWMVmUzN0"
KIERUNEK_ALLOW_DEMO_OTP_DEVICES = True

WHITENOISE_USE_FINDERS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ""}

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
