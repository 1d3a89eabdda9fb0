import logging
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import connection
from django.db.models.expressions import Col
from django.db.models.sql import Query
from django.template import Context, Template
from django.test import override_settings
from django.utils.module_loading import import_string
from hypothesis import given
from hypothesis import strategies as st

from kierunek.core import pii
from kierunek.core.fields import EncryptedTextField
from kierunek.core.models import AuditEvent
from kierunek.core.money import Money
from kierunek.core.pii import (
    DecryptionError,
    PeselRedactingFilter,
    decrypt,
    encrypt,
    mask_pesel,
    pesel_lookup_hash,
    redact_pesels,
    rotate,
)
from tests.test_deploy import ROOT, prod_env

PESEL = "44051401359"
OTHER_PESEL = "02070803628"
NOT_A_PESEL = "12345678901"  # eleven digits, wrong check digit

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


# --- encryption ------------------------------------------------------------------------------


@pytest.mark.parametrize("plaintext", [PESEL, "", "Zażółć gęślą jaźń", "a" * 10_000, "line\nbreak"])
def test_encrypt_decrypt_round_trip(plaintext):
    token = encrypt(plaintext)
    assert decrypt(token) == plaintext


@given(st.text())
def test_encrypt_decrypt_round_trip_any_text(plaintext):
    assert decrypt(encrypt(plaintext)) == plaintext


def test_ciphertext_differs_each_time_and_hides_the_plaintext():
    first, second = encrypt(PESEL), encrypt(PESEL)
    assert first != second
    for token in (first, second):
        assert PESEL not in token
        assert decrypt(token) == PESEL


def test_key_rotation():
    """Given data encrypted under the old key, when a new key is put first, then old data still
    decrypts, new data is encrypted under the new key, and rotate() moves old data to it."""
    with override_settings(KIERUNEK_FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        old_token = encrypt(PESEL)

    with override_settings(KIERUNEK_FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        assert decrypt(old_token) == PESEL
        new_token = encrypt(PESEL)
        rotated = rotate(old_token)
        assert decrypt(rotated) == PESEL

    with override_settings(KIERUNEK_FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        assert decrypt(new_token) == PESEL
        assert decrypt(rotated) == PESEL
        with pytest.raises(DecryptionError):
            decrypt(old_token)


def test_decrypt_refuses_damaged_tokens_without_echoing_them():
    token = encrypt(PESEL)
    damaged = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    for bad in (damaged, "not a token", "żółw"):
        with pytest.raises(DecryptionError) as excinfo:
            decrypt(bad)
        assert bad not in str(excinfo.value)


@pytest.mark.parametrize("keys", [[], None])
def test_encryption_needs_keys(keys):
    with override_settings(KIERUNEK_FIELD_ENCRYPTION_KEYS=keys), pytest.raises(ImproperlyConfigured):
        encrypt(PESEL)


def test_a_malformed_key_is_reported_without_echoing_it():
    with (
        override_settings(KIERUNEK_FIELD_ENCRYPTION_KEYS=[NEW_KEY, "too-short-key"]),
        pytest.raises(ImproperlyConfigured) as excinfo,
    ):
        encrypt(PESEL)
    assert "too-short-key" not in str(excinfo.value)
    assert "[1]" in str(excinfo.value)


# --- look-up hash ----------------------------------------------------------------------------


def test_lookup_hash_is_stable_and_normalizes():
    digest = pesel_lookup_hash(PESEL)
    assert len(digest) == 64
    assert int(digest, 16) >= 0
    assert pesel_lookup_hash(PESEL) == digest
    assert pesel_lookup_hash("440514 01359") == digest
    assert pesel_lookup_hash(OTHER_PESEL) != digest
    assert PESEL not in digest


def test_lookup_hash_depends_on_the_key():
    with override_settings(KIERUNEK_PESEL_HASH_KEY="key-one"):
        one = pesel_lookup_hash(PESEL)
    with override_settings(KIERUNEK_PESEL_HASH_KEY="key-two"):
        two = pesel_lookup_hash(PESEL)
    assert one != two


def test_lookup_hash_needs_a_key():
    with override_settings(KIERUNEK_PESEL_HASH_KEY=""), pytest.raises(ImproperlyConfigured):
        pesel_lookup_hash(PESEL)


# --- masking and log redaction ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "masked"),
    [(PESEL, "*******1359"), (OTHER_PESEL, "*******3628"), ("440514 01359", "*******1359")],
)
def test_mask_pesel(value, masked):
    assert mask_pesel(value) == masked


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (f"pesel={PESEL}", "pesel=*******1359"),
        (f"{PESEL} and {OTHER_PESEL}", "*******1359 and *******3628"),
        (f"id{PESEL}x", "id*******1359x"),
        (f"order {NOT_A_PESEL}", f"order {NOT_A_PESEL}"),
        (f"account 1{PESEL}", f"account 1{PESEL}"),  # twelve digits: not a PESEL
        ("nothing here", "nothing here"),
    ],
)
def test_redact_pesels(text, redacted):
    assert redact_pesels(text) == redacted


@pytest.fixture
def redacted_logger():
    logger = logging.getLogger("tests.core.pii")
    redacting_filter = PeselRedactingFilter()
    logger.addFilter(redacting_filter)
    yield logger
    logger.removeFilter(redacting_filter)


def test_filter_redacts_arguments_and_message(redacted_logger, caplog):
    with caplog.at_level(logging.INFO, logger="tests.core.pii"):
        redacted_logger.info("Participant %s registered, order %s", PESEL, NOT_A_PESEL)
        redacted_logger.info(f"Inline {OTHER_PESEL}")
        redacted_logger.info("Dict %(pesel)s", {"pesel": PESEL})

    assert PESEL not in caplog.text
    assert OTHER_PESEL not in caplog.text
    assert "Participant *******1359 registered" in caplog.text
    assert "Inline *******3628" in caplog.text
    assert "Dict *******1359" in caplog.text
    assert NOT_A_PESEL in caplog.text
    assert all(record.args == () for record in caplog.records)


def test_filter_redacts_tracebacks(redacted_logger, caplog):
    with caplog.at_level(logging.ERROR, logger="tests.core.pii"):
        try:
            raise ValueError(f"no participant with PESEL {PESEL}")
        except ValueError:
            redacted_logger.exception("Look-up failed")

    assert PESEL not in caplog.text
    assert "no participant with PESEL *******1359" in caplog.text


def test_filter_survives_a_broken_format_string(redacted_logger, caplog):
    with caplog.at_level(logging.INFO, logger="tests.core.pii"):
        redacted_logger.info("Two placeholders %s %s", PESEL)

    assert PESEL not in caplog.text
    assert "Two placeholders" in caplog.text


def test_settings_reference_the_filter(settings):
    filter_paths = [config["()"] for config in settings.LOGGING["filters"].values() if "()" in config]
    assert PeselRedactingFilter in [import_string(path) for path in filter_paths]


# --- EncryptedTextField ----------------------------------------------------------------------


def test_field_stores_ciphertext_and_reads_plaintext():
    field = EncryptedTextField()
    stored = field.get_db_prep_save(PESEL, connection=None)
    assert PESEL not in stored
    assert stored != field.get_prep_value(PESEL)  # a new ciphertext every time
    assert field.from_db_value(stored, None, None) == PESEL


@pytest.mark.django_db
def test_the_database_column_holds_no_plaintext():
    """Given a value saved through the field, the column's raw content is a token without the
    PESEL, and reading it through the field gives the PESEL back. (A temporary table stands in
    for a model's: no test-only app.)"""
    field = EncryptedTextField()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE encrypted_field_probe (value TEXT)")
        cursor.execute(
            "INSERT INTO encrypted_field_probe (value) VALUES (%s)",
            [field.get_db_prep_save(PESEL, connection)],
        )
        cursor.execute("SELECT value FROM encrypted_field_probe")
        (raw,) = cursor.fetchone()
        cursor.execute("DROP TABLE encrypted_field_probe")
    assert PESEL not in raw
    assert raw.startswith("gAAAAA")  # a Fernet token (version byte 0x80)
    assert field.from_db_value(raw, None, connection) == PESEL


def test_field_keeps_none():
    field = EncryptedTextField(null=True)
    assert field.get_prep_value(None) is None
    assert field.from_db_value(None, None, None) is None


def test_field_to_python_never_decrypts():
    """Forms and fixtures hand plaintext to to_python; a value that looks like a token stays."""
    field = EncryptedTextField()
    token = encrypt(PESEL)
    assert field.to_python(PESEL) == PESEL
    assert field.to_python(token) == token


def test_field_refuses_lookups_other_than_isnull():
    field = EncryptedTextField()
    assert field.get_lookup("isnull") is not None
    for lookup in ("exact", "iexact", "in", "contains", "startswith", "gt"):
        assert field.get_lookup(lookup) is None
    assert field.get_transform("lower") is None


@pytest.mark.parametrize("lookup", ["exact", "in", "icontains"])
def test_filtering_on_the_field_raises_a_field_error(lookup):
    """filter(pesel=...) would compare with a fresh ciphertext and silently match nothing:
    the query is refused instead. (Built on a column of an existing table, so no test model.)"""
    field = EncryptedTextField()
    field.set_attributes_from_name("secret")
    query = Query(AuditEvent)
    column = Col(AuditEvent._meta.db_table, field)
    with pytest.raises(FieldError, match=f"Unsupported lookup '{lookup}'"):
        query.build_lookup([lookup], column, PESEL)


def test_isnull_lookup_is_allowed():
    field = EncryptedTextField(null=True)
    field.set_attributes_from_name("secret")
    lookup = Query(AuditEvent).build_lookup(["isnull"], Col(AuditEvent._meta.db_table, field), True)
    assert lookup.lookup_name == "isnull"


def test_field_deconstructs_stably():
    field = EncryptedTextField(null=True, blank=True, verbose_name="PESEL")
    field.set_attributes_from_name("pesel_encrypted")
    name, path, args, kwargs = field.deconstruct()
    assert name == "pesel_encrypted"
    assert path == "kierunek.core.fields.EncryptedTextField"
    assert args == []
    assert kwargs == {"null": True, "blank": True, "verbose_name": "PESEL"}
    rebuilt = EncryptedTextField(*args, **kwargs)
    assert rebuilt.deconstruct()[1:] == (path, args, kwargs)


@pytest.mark.parametrize("option", ["unique", "db_index"])
def test_field_check_refuses_unique_and_index(option):
    field = EncryptedTextField(**{option: True})
    field.set_attributes_from_name("secret")
    assert [error.id for error in field.check()] == ["kierunek.E001"]


def test_field_check_accepts_plain_use():
    field = EncryptedTextField(blank=True)
    field.set_attributes_from_name("secret")
    assert [error for error in field.check() if error.id == "kierunek.E001"] == []


# --- template filters ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "context", "expected"),
    [
        ("{{ amount|pln }}", {"amount": Money(123_450)}, "1\u00a0234,50\u00a0zł"),
        ("{{ amount|pln }}", {"amount": 5}, "0,05\u00a0zł"),
        ("{{ amount|pln }}", {"amount": -123_450}, "-1\u00a0234,50\u00a0zł"),
        ("{{ amount|pln }}", {"amount": None}, ""),
        ("{{ missing|pln }}", {}, ""),
        ("{{ pesel|mask_pesel }}", {"pesel": PESEL}, "*******1359"),
        ("{{ pesel|mask_pesel }}", {"pesel": ""}, ""),
    ],
)
def test_template_filters(template, context, expected):
    rendered = Template("{% load kierunek %}" + template).render(Context(context))
    assert rendered == expected


@pytest.mark.parametrize("value", [1.5, True, "12,30"])
def test_pln_filter_refuses_values_of_unknown_unit(value):
    with pytest.raises(TypeError):
        Template("{% load kierunek %}{{ amount|pln }}").render(Context({"amount": value}))


def test_multifernet_is_cached_per_key_tuple():
    with override_settings(KIERUNEK_FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        assert pii._fernet() is pii._fernet()
        first = pii._fernet()
    with override_settings(KIERUNEK_FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        assert pii._fernet() is not first


# --- the logging configuration -----------------------------------------------------------------

# Every logger name the project and the libraries it runs write to ("" is the root logger).
LOGGER_NAMES = [
    "",
    "django",
    "django.request",
    "django.server",
    "django.security.csrf",
    "django.security.DisallowedHost",
    "django.security.SuspiciousSession",
    "django.db.backends",
    "django.db.backends.schema",
    "django.template",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.dispatch",
    "django.utils.autoreload",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "axes.handlers.database",
    "ninja",
    "py.warnings",
    "kierunek",
    "kierunek.core.busy",
]

# Run in a fresh interpreter: logging as `manage.py`, runserver or gunicorn configure it from the
# settings, untouched by pytest's own capture handlers.
LOG_THROUGH_EVERY_LOGGER = """
import logging, sys
import django
django.setup()
import config.urls  # every view module, so every logger the project creates exists
from kierunek.core.pii import PeselRedactingFilter

pesel, names = sys.argv[1], sys.argv[2:]
for name in names:
    logger = logging.getLogger(name or None)
    logger.error("via %s: PESEL %s", name or "root", pesel)
try:
    raise ValueError(f"no participant with PESEL {pesel}")
except ValueError:
    logging.getLogger("django.request").exception("Internal Server Error: /x/")

loggers = [logging.getLogger()] + [
    logger for logger in logging.Logger.manager.loggerDict.values() if isinstance(logger, logging.Logger)
]
for logger in loggers:
    for handler in logger.handlers:
        # A NullHandler writes nothing (libraries add one so that they stay silent by default).
        if isinstance(handler, logging.NullHandler):
            continue
        if not any(isinstance(f, PeselRedactingFilter) for f in handler.filters):
            print(f"UNREDACTED HANDLER {logger.name}: {handler!r}")
"""


@pytest.mark.parametrize("settings_module", ["config.settings.prod", "config.settings.dev"])
def test_every_logger_masks_pesels_in_its_formatted_output(settings_module):
    """Given the logging of a production (and a development) process, when a PESEL is logged
    through each logger the project and Django use, then every formatted line shows it masked,
    and no handler anywhere lacks the redacting filter. (Django's defaults give "django" and
    "django.server" handlers of their own, which printed the PESEL in full.)"""
    env = {**prod_env(), "DJANGO_SETTINGS_MODULE": settings_module}
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", LOG_THROUGH_EVERY_LOGGER, PESEL, *LOGGER_NAMES],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert PESEL not in output
    assert "UNREDACTED HANDLER" not in result.stdout, result.stdout
    for name in LOGGER_NAMES:
        assert f"via {name or 'root'}: PESEL *******1359" in result.stderr, name
    assert "ValueError: no participant with PESEL *******1359" in result.stderr
