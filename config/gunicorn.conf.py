"""The production web server: gunicorn, started by ``make serve`` as
``gunicorn -c config/gunicorn.conf.py`` with ``DJANGO_SETTINGS_MODULE=config.settings.prod``.

It listens on loopback for the reverse proxy that terminates TLS and sets ``X-Forwarded-Proto``
(``SECURE_PROXY_SSL_HEADER`` in the production settings); the environment can move it
(``KIERUNEK_BIND``) and size it (``KIERUNEK_WEB_WORKERS``, ``KIERUNEK_WEB_THREADS``).

Threaded workers (gthread): a page mostly runs Python, so processes give the parallelism of the
cores, and the threads of a process keep a core busy while another request waits for the database
or a slow client. On SQLite every process keeps its own copy of the catalogue's search columns
(kierunek/catalogue/search/columns.py), which its threads share, so threads are cheaper than processes.

Logs: the access log and gunicorn's own error log go to standard output and error (the service
manager keeps them) through :class:`PeselRedactingLogger`, so a PESEL in a request's URL, query or
referrer is masked the same way as in the application's logs (``LOGGING`` in config/settings/base.py).

Before it starts, the server checks that the static files were collected (``make static``): with
the manifest storage of production a page that names a static file fails when the manifest is
missing, so a server without it would answer every page with an error.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import os
from pathlib import Path
from typing import Any

from gunicorn.glogging import Logger

ROOT = Path(__file__).resolve().parent.parent

wsgi_app = "config.wsgi:application"
chdir = str(ROOT)
# Read here by the master (on_starting) and inherited by the workers.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

bind = os.environ.get("KIERUNEK_BIND", "127.0.0.1:8000").split(",")
worker_class = "gthread"
# One process per core: the pages are CPU-bound Python, so a third process on two cores only adds
# contention (benchmarks/http_load.py, search page at 32 clients on 2 cores: p95 393 ms with 3 x 4,
# 297 ms with 2 x 4); the threads cover waits on PostgreSQL and slow clients.
workers = int(os.environ.get("KIERUNEK_WEB_WORKERS", "0")) or (os.cpu_count() or 1)
threads = int(os.environ.get("KIERUNEK_WEB_THREADS", "4"))
# A request that runs longer than this is a fault: the worker is replaced and the request gets 502.
timeout = 30
graceful_timeout = 30
keepalive = 5
# Only the local reverse proxy's X-Forwarded-* headers are believed (the scheme here, the client's
# address in ForwardedClientAddress below).
forwarded_allow_ips = "127.0.0.1,::1"
# Refuse request lines and headers beyond these sizes (HTTP 400) before Django sees them.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190

# No control socket: operations use signals (HUP reloads, TERM stops) through the service manager,
# and two servers on one machine would otherwise share the socket's default path.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("KIERUNEK_LOG_LEVEL", "info")


class PeselRedactingLogger(Logger):
    """gunicorn's logger with :class:`kierunek.core.pii.PeselRedactingFilter` on the access and
    error logs. The filter sits on the loggers, not on one handler, so whatever the log goes to
    (a file, syslog, a handler added by ``logconfig_dict``) receives the masked record."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        from kierunek.core.pii import PeselRedactingFilter

        for log in (self.error_log, self.access_log):
            # setup() runs again on every reload: one filter per logger.
            if not any(isinstance(existing, PeselRedactingFilter) for existing in log.filters):
                log.addFilter(PeselRedactingFilter())


logger_class = PeselRedactingLogger


class ForwardedClientAddress:
    """WSGI middleware: on a request that came through the trusted reverse proxy, ``REMOTE_ADDR``
    becomes the client's address, the last one in ``X-Forwarded-For`` (the one the proxy added;
    nginx: ``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for``). The application reads
    ``REMOTE_ADDR`` for the audit log and the per-address login and registration limits
    (kierunek.core.audit.client_ip): without this, every visitor would have the proxy's address,
    and one address's failed logins would block everybody's. The header is ignored on a request
    from any other address, where anybody could have written it; an entry that is not an IP
    address is ignored too. One proxy in front: entries before the last are the client's own."""

    def __init__(self, app: Any, *, trusted: set[str]) -> None:
        self.app = app
        self.trusted = trusted

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded and environ.get("REMOTE_ADDR") in self.trusted:
            candidate = forwarded.rsplit(",", 1)[-1].strip()
            with contextlib.suppress(ValueError):
                environ["REMOTE_ADDR"] = str(ipaddress.ip_address(candidate))
        return self.app(environ, start_response)


def post_worker_init(worker: Any) -> None:
    worker.wsgi = ForwardedClientAddress(worker.wsgi, trusted=set(forwarded_allow_ips.split(",")))


def on_starting(server: Any) -> None:
    """Refuse to start when the production settings do not load or the static files' manifest is
    missing, with the step that fixes it, instead of starting workers that answer with errors."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import ManifestFilesMixin
    from django.utils.module_loading import import_string

    storage = import_string(settings.STORAGES["staticfiles"]["BACKEND"])
    if issubclass(storage, ManifestFilesMixin):
        manifest = Path(settings.STATIC_ROOT or "STATIC_ROOT is not set") / storage.manifest_name
        if not manifest.is_file():
            message = (
                f"The static files are not collected ({manifest} is missing): run `make static` "
                "(manage.py collectstatic --noinput) with the same settings, then start the server."
            )
            logging.getLogger("gunicorn.error").critical(message)
            raise SystemExit(1)
