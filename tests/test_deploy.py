"""Configuration that must hold in every environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "DJANGO_SECRET_KEY": "k9#Vq2!mZr7@Lp4$Xw8^Bn3&Hs6*Td1(Fy5)Gc0_Je-Ua+Ko=Ri[Mt]Pv{Qb}Wx|",
    "DJANGO_ALLOWED_HOSTS": "kierunek.example.org",
    "KIERUNEK_FIELD_ENCRYPTION_KEYS": "cHJvZC10ZXN0LWZpZWxkLWtleS1raWVydW5lay0wMDA=",
    "KIERUNEK_PESEL_HASH_KEY": "prod-test-hash-key",
    "KIERUNEK_PAYER_NAME": "Urzad",
    "KIERUNEK_PAYER_IBAN": "PL27114020040000300201355387",
    "KIERUNEK_PAYER_BIC": "BREXPLPWXXX",
}


def prod_env() -> dict[str, str]:
    """This process's environment as a production server would have it: no test database and
    not the browser tests' async switch."""
    env = {**os.environ, **PROD_ENV}
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def test_production_settings_pass_the_deploy_check():
    env = prod_env()
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_need_their_keys():
    env = {**prod_env(), "DJANGO_SETTINGS_MODULE": "config.settings.prod"}
    for name in (
        "DJANGO_SECRET_KEY",
        "KIERUNEK_FIELD_ENCRYPTION_KEYS",
        "KIERUNEK_PESEL_HASH_KEY",
        "KIERUNEK_PAYER_IBAN",
    ):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "Set the environment variable" in result.stderr


def test_production_settings_refuse_demo_two_factor_devices():
    env = prod_env()
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.KIERUNEK_ALLOW_DEMO_OTP_DEVICES)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
