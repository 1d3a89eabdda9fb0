"""Configuration that must hold in every environment."""

import http.client
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve

ROOT = Path(__file__).resolve().parent.parent
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.prod",
    "DJANGO_SECRET_KEY": "k9#Vq2!mZr7@Lp4$Xw8^Bn3&Hs6*Td1(Fy5)Gc0_Je-Ua+Ko=Ri[Mt]Pv{Qb}Wx|",
    "DJANGO_ALLOWED_HOSTS": "kierunek.example.org",
    "KIERUNEK_FIELD_ENCRYPTION_KEYS": "cHJvZC10ZXN0LWZpZWxkLWtleS1raWVydW5lay0wMDA=",
    "KIERUNEK_PESEL_HASH_KEY": "prod-test-hash-key",
    "KIERUNEK_CREDENTIAL_SIGNING_KEY": "ydGZZRA5fm0JEVxciTyzGNiZZ5KvODrI5cJuE3c7LN8",
    "KIERUNEK_PAYER_NAME": "Urzad",
    "KIERUNEK_PAYER_IBAN": "PL27114020040000300201355387",
    "KIERUNEK_PAYER_BIC": "BREXPLPWXXX",
    "DATABASE_URL": "postgres://kierunek@db.invalid:5432/kierunek",  # never connected to by these checks
}


def prod_env() -> dict[str, str]:
    """This process's environment as a production server would have it: no test database and
    not the browser tests' async switch."""
    env = {**os.environ, **PROD_ENV}
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
        "DATABASE_URL",
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


# The production server (config/gunicorn.conf.py) started as `make serve` starts it, on loopback,
# with the production settings on a database and a static folder of its own.
PESEL = "44051401359"  # a valid PESEL: the log filter masks only valid ones
MASKED = "*******1359"
HOST = PROD_ENV["DJANGO_ALLOWED_HOSTS"]


def _migrated_sqlite(folder: Path) -> str:
    url = f"sqlite:///{folder / 'prod.sqlite3'}"
    env = {**prod_env(), "DATABASE_URL": url}
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert migrate.returncode == 0, migrate.stderr[-3000:]
    return url


def _start_server(env: dict[str, str], folder: Path) -> tuple[subprocess.Popen[bytes], Path, Path]:
    access, errors = folder / "access.log", folder / "error.log"
    with access.open("wb") as stdout, errors.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py"],
            cwd=ROOT,
            env={**env, "KIERUNEK_BIND": "127.0.0.1:0", "KIERUNEK_WEB_WORKERS": "1"},
            stdout=stdout,
            stderr=stderr,
        )
    return process, access, errors


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _get(port: int, path: str, **headers: str) -> tuple[int, bytes]:
    """A request as the TLS-terminating reverse proxy forwards it."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": HOST, "X-Forwarded-Proto": "https", **headers})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    """gunicorn with config/gunicorn.conf.py and config.settings.prod, after the build step
    (collectstatic into the manifest storage). Yields the port and the access and error logs."""
    folder = tmp_path_factory.mktemp("production-server")
    env = {
        **prod_env(),
        "DATABASE_URL": _migrated_sqlite(folder),
        "DJANGO_STATIC_ROOT": str(folder / "static"),
    }
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert collect.returncode == 0, collect.stderr[-3000:]
    process, access, errors = _start_server(env, folder)
    try:
        deadline = time.monotonic() + 60
        port = None
        while port is None and time.monotonic() < deadline and process.poll() is None:
            found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", errors.read_text())
            port = int(found.group(1)) if found else None
            time.sleep(0.2)
        assert port is not None, errors.read_text()[-3000:]
        yield port, access, errors
    finally:
        _stop(process)


def test_the_production_server_renders_pages_with_the_collected_static_files(production_server):
    port, _access, errors = production_server

    for path in ("/", "/uslugi/?q=angielski", "/logowanie/", "/api/v1/services"):
        status, body = _get(port, path)
        assert status == 200, (path, body[:500], errors.read_text()[-3000:])
    status, page = _get(port, "/")
    # The manifest storage names each file by its content's hash, and the server serves it.
    stylesheet = re.search(rb'href="(/static/core/kierunek\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, page[:2000]
    status, css = _get(port, stylesheet.group(1).decode())
    assert status == 200
    assert css.strip()


def test_the_production_server_masks_pesels_in_its_access_and_error_logs(production_server):
    port, access, errors = production_server

    searched, _ = _get(port, f"/uslugi/?q={PESEL}")
    missing, _ = _get(port, f"/nie-ma-takiej-strony/{PESEL}/", Referer=f"https://{HOST}/?pesel={PESEL}")
    assert (searched, missing) == (200, 404)

    deadline = time.monotonic() + 10  # the access log is written after the response is sent
    while time.monotonic() < deadline and access.read_text().count(MASKED) < 3:
        time.sleep(0.1)
    logged = access.read_text()
    assert f'"GET /uslugi/?q={MASKED} HTTP/1.1" 200' in logged, logged[-2000:]
    assert f'"GET /nie-ma-takiej-strony/{MASKED}/ HTTP/1.1" 404' in logged
    assert f'"https://{HOST}/?pesel={MASKED}"' in logged
    # Django's own "Not Found" warning goes to the error stream, masked as well.
    assert f"/nie-ma-takiej-strony/{MASKED}/" in errors.read_text()
    assert PESEL not in logged + errors.read_text()


def test_the_production_server_refuses_to_start_without_collected_static_files(tmp_path):
    env = {
        **prod_env(),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(tmp_path),
    }
    process, _access, errors = _start_server(env, tmp_path)
    try:
        code = process.wait(timeout=60)
    finally:
        _stop(process)

    assert code != 0
    assert "make static" in errors.read_text()
    assert "Booting worker" not in errors.read_text()


def test_the_http_benchmarks_bare_view_is_not_part_of_the_site():
    """benchmarks/http_load.py serves /benchmark/hello through a URLconf of its own; the site's has none."""
    with pytest.raises(Resolver404):
        resolve("/benchmark/hello")
    assert resolve("/healthz").url_name == "healthz"


def test_the_production_server_takes_the_client_address_from_the_trusted_proxy_only(production_server):
    """Requests come from the reverse proxy on loopback: the client's address is the last entry of
    X-Forwarded-For, which the proxy appends; an entry that is not an address is not believed."""
    port, access, _errors = production_server

    _get(port, "/healthz?through=proxy", **{"X-Forwarded-For": "198.51.100.1, 203.0.113.7"})
    _get(port, "/healthz?through=garbage", **{"X-Forwarded-For": "203.0.113.7, not-an-address"})

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "through=garbage" not in access.read_text():
        time.sleep(0.1)
    lines = {
        line.split('"GET ')[1].split()[0]: line
        for line in access.read_text().splitlines()
        if "through=" in line
    }
    assert lines["/healthz?through=proxy"].startswith("203.0.113.7 "), lines
    assert lines["/healthz?through=garbage"].startswith("127.0.0.1 "), lines
