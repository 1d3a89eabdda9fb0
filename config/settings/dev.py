"""Local development: `make run`. Fixed, public keys: never use these settings for real data."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-secret-key-kierunek-0123456789abcdefghijklmnop"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

KIERUNEK_FIELD_ENCRYPTION_KEYS = ["ZGV2LW9ubHktZmllbGQta2V5LWtpZXJ1bmVrLTAwMDA="]
KIERUNEK_PESEL_HASH_KEY = "dev-only-pesel-hash-key"
KIERUNEK_CREDENTIAL_SIGNING_KEY = "xTnNIkcm4fFWi8_nTID9CwByvtmhV___pNHUTG7ws6U"
KIERUNEK_ALLOW_DEMO_OTP_DEVICES = True

VAR_DIR.mkdir(exist_ok=True)  # noqa: F405 - the embedded database lives here
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # make run has no worker
