"""Settings shared by every environment. dev, test and prod import this and override."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

SECRET_KEY = "override-me-in-each-environment"
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    # Wagtail, the editors' CMS of the public portal (kierunek.cms, decision 0031).
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "kierunek.core",
    "kierunek.accounts",
    "kierunek.geo",
    "kierunek.providers",
    "kierunek.quality",
    "kierunek.surveys",
    "kierunek.events",
    "kierunek.catalogue",
    "kierunek.qualifications",
    "kierunek.programmes",
    "kierunek.guidance",
    "kierunek.validation",
    "kierunek.agreements",
    "kierunek.vouchers",
    "kierunek.evaluations",
    "kierunek.complaints",
    "kierunek.newsletter",
    "kierunek.partnership",
    "kierunek.labourmarket",
    "kierunek.outreach",
    "kierunek.initiatives",
    "kierunek.brokerage",
    "kierunek.education",
    "kierunek.recruitment",
    "kierunek.cms",
    "kierunek.reports",
    "kierunek.portal",
]

# Background work (emails, deadlines, voucher expiry, settlement batches) runs through django-tasks
# with its database backend: `manage.py db_worker` is the process that executes it. Tests and the
# demo run tasks at once (ImmediateBackend).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Every response, static files and error pages included, carries the Content-Security-Policy.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kierunek.core.middleware.PolishFirstLocaleMiddleware",
    # A busy database (a lock held past the timeout) answers 503 with Retry-After, not 500.
    "kierunek.core.middleware.DatabaseBusyMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF, the first to read the body: an oversized upload is refused (413) unread.
    "kierunek.core.middleware.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kierunek.accounts.middleware.StaffIdleTimeoutMiddleware",
    "kierunek.accounts.middleware.StaffTwoFactorMiddleware",
    # The CMS admin (Wagtail) only for the roles that edit the public portal (decision 0031).
    "kierunek.cms.middleware.CmsAdminGateMiddleware",
    # A person a broker registered changes the letter's first password before anything else.
    "kierunek.brokerage.middleware.FirstPasswordMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kierunek.core.context_processors.site",
            ],
        },
    },
]

# SQLite by default (embedded, zero set-up); PostgreSQL in production and in CI via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'kierunek.sqlite3'}",
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # BEGIN IMMEDIATE takes the write lock when a transaction starts, so two writers
        # queue instead of one failing half-way ("database is locked") on upgrade.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A statement waits at most this long for another transaction's lock, then fails with
    # SQLSTATE 55P03, which the pages and the API answer as 503 with Retry-After
    # (kierunek.core.busy) instead of holding the request open.
    # No just-in-time compilation: the reports' grouped queries are estimated costly enough for
    # it, and compiling took longer (0.2-0.3 s a query) than what it saved (decision 0032).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c lock_timeout=20s -c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, as django-axes requires: it refuses logins of locked-out users before any check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# django-axes: lock a username from an address after repeated failures.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login form posts the e-mail in the field Django calls "username" (axes would look for "email").
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
# E-mail addresses are logins whatever their case: axes counts them in lower case.
AXES_USERNAME_CALLABLE = "kierunek.accounts.domain.login_username"
# Password spraying (one password tried on many accounts) is stopped per address too: this many
# failures from one address within AXES_COOLOFF_TIME, across all accounts, block its logins.
KIERUNEK_LOGIN_FAILURES_PER_IP = 20
# Registration attempts from one address per hour.
KIERUNEK_REGISTRATION_LIMIT = 10
# Unknown certificate codes one address may look up within an hour before it is refused (decision 0018).
KIERUNEK_CERTIFICATE_LOOKUP_FAILURES = 30
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_VERBOSE = False

# Sessions: participants keep a working day; staff are logged out after 30 idle minutes
# (kierunek.accounts.middleware.StaffIdleTimeoutMiddleware).
SESSION_COOKIE_AGE = int(timedelta(hours=12).total_seconds())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
KIERUNEK_STAFF_IDLE_TIMEOUT = timedelta(minutes=30)
# Pages that show other people's files to a role that otherwise acts for itself only, by path
# prefix and the roles concerned: a teacher the director appointed to a school's recruitment
# committee reads candidates' data there, so passes the second factor first, as staff do
# everywhere (kierunek.accounts.middleware.StaffTwoFactorMiddleware). Other roles are refused by
# the pages themselves.
KIERUNEK_SECOND_FACTOR_PATHS = {"/rekrutacja/szkola/": ("teacher",)}
# Demo TOTP devices have secrets printed by `make run`: a production deployment refuses them.
KIERUNEK_ALLOW_DEMO_OTP_DEVICES = False
# Providers: payouts wait this long after a bank-account change is approved; a quality mark is
# granted for this many years unless the officer decides otherwise.
KIERUNEK_BANK_CHANGE_PAYOUT_HOLD_DAYS = 14
KIERUNEK_QUALITY_MARK_YEARS = 3
KIERUNEK_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
# A settlement run commits whole providers together, up to about this many bookings at a time.
KIERUNEK_SETTLEMENT_BOOKINGS_PER_TRANSACTION = 2000
# A background job or settlement run that has not moved for this long lost its worker (core.jobs).
KIERUNEK_JOB_STALLED_SECONDS = 600
# A body larger than one upload plus its form fields is refused with 413 before it is read
# (kierunek.core.middleware.RequestBodyLimitMiddleware). Form fields and JSON bodies stay within
# Django's default 2.5 MB; uploads above the memory size go to a temporary file; a form takes
# one file, so a handful of files per request is plenty.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 5
OTP_TOTP_ISSUER = "Kierunek"

# Personal data. Keys are overridden per environment; production reads them from the environment.
# The first encryption key encrypts; all of them decrypt (key rotation).
KIERUNEK_FIELD_ENCRYPTION_KEYS: list[str] = []
KIERUNEK_PESEL_HASH_KEY = ""
# The Ed25519 key that signs the certificates' digital credentials (decision 0018): 32 bytes,
# base64url; its public half is published at /.well-known/did.json. Empty: no credential is made.
KIERUNEK_CREDENTIAL_SIGNING_KEY = ""

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded files live outside the web root and are served only through views that check access.
MEDIA_ROOT = VAR_DIR / "private"

# The public portal's CMS (decision 0031). Published images and documents are public; they are
# served by views (renditions by kierunek.cms, documents by Wagtail's view), never by the web root.
MEDIA_URL = "/pliki-portalu/"
WAGTAIL_SITE_NAME = "Kierunek"
WAGTAILIMAGES_IMAGE_MODEL = "cms.CmsImage"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "txt", "csv", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: the policy allows no other origin, and an editor's e-mail hash
# is not sent to a third party; Wagtail shows its own default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("pl", "Polski"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("pl", "Polski")]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]},
    }
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# The site's address: every link in an e-mail starts with it (kierunek.core.notify.site_link),
# whatever request or task sent the mail. The development server's by default; production sets it.
KIERUNEK_SITE_URL = os.environ.get("KIERUNEK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = KIERUNEK_SITE_URL
DEFAULT_FROM_EMAIL = "Kierunek <no-reply@kierunek.example>"

# Content-Security-Policy (django-csp), the same in every environment so that the tests and the
# browser tests meet the production policy: no inline script or style, no eval (htmx is told so in
# base.html), nothing from other origins, never framed. QR codes are inline SVG; data: images are
# Pico's icons.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Every record reaches a handler only through the PESEL-redacting filter: Django's own handlers
# (the "django" logger's console and mail_admins, the "django.server" request log) are replaced
# here, and nothing else adds a handler (tests/core/test_pii.py logs a PESEL through each logger).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_pesel": {"()": "kierunek.core.pii.PeselRedactingFilter"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_pesel"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_pesel"],
        },
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # Django's defaults give these their own, unfiltered handlers: listing them clears those.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

NINJA_PAGINATION_PER_PAGE = 50

# The debtor of the pain.001 payment files: demo values here, from the environment in production.
KIERUNEK_PAYER_NAME = "Wojewodzki Urzad Pracy w Krakowie - Kierunek (demo)"
KIERUNEK_PAYER_IBAN = "PL27114020040000300201355387"
KIERUNEK_PAYER_BIC = "BREXPLPWXXX"
