"""A database that is busy for a moment answers 503 with ``Retry-After``, never 500.

On SQLite one connection writes at a time: a writer waits up to the busy timeout (settings) for the
lock and then fails with ``OperationalError: database is locked``. On PostgreSQL a statement that
waits for a row or table lock longer than ``lock_timeout`` fails with SQLSTATE 55P03. Neither means
the request was wrong or the code is broken: the same request succeeds a few seconds later. So the
person is told that, in their language, with a way back to what they were doing, and a client of
the API gets JSON and a ``Retry-After`` it can act on.

One place decides what counts as busy (``database_busy``) and how the answer looks
(``database_busy_response``); the middleware, the 500 and 400 handlers and the API's exception
handler only call them.
"""

from __future__ import annotations

import logging
import sys

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

# Long jobs write in short transactions, so the lock is free again well within this.
RETRY_AFTER_SECONDS = 5

# SQLite's messages for a lock another connection holds: SQLITE_BUSY ("database is locked"), and
# SQLITE_LOCKED between connections of one shared cache ("database table is locked", "database
# schema is locked").
_SQLITE_BUSY_MESSAGES = ("database is locked", "database table is locked", "database schema is locked")
# PostgreSQL: lock_not_available (lock_timeout or NOWAIT).
_POSTGRESQL_BUSY_STATES = frozenset({"55P03"})


def database_busy(error: BaseException | None) -> bool:
    """Whether ``error``, or an error it was raised from or while handling, says only that another
    transaction holds a lock we waited for too long. The chain matters: Django turns a session it
    could not save into ``SessionInterrupted`` (400), raised while handling the database's error."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        if _busy(error):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def _busy(error: BaseException) -> bool:
    if not isinstance(error, DatabaseError):
        return False
    cause = error.__cause__
    state = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if state in _POSTGRESQL_BUSY_STATES:
        return True
    message = str(error).lower()
    return any(text in message for text in _SQLITE_BUSY_MESSAGES)


def _message() -> str:
    return _(
        "The service is very busy for a moment and could not finish your request. "
        "Please try again in a few seconds."
    )


def database_busy_response(request: HttpRequest) -> HttpResponse:
    """503 with ``Retry-After``: JSON under /api/, otherwise a page whose button repeats the request
    (a GET) or goes back to the form (anything else). The page renders without the database, which
    is the thing that is busy."""
    logger.warning("Database busy, answered 503: %s %s", request.method, request.path)
    response: HttpResponse
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": _message(), "code": "database_busy"}, status=503)
    else:
        again = request.get_full_path() if request.method in ("GET", "HEAD") else request.path
        response = HttpResponse(
            render_to_string(
                "core/busy.html",
                {
                    "LANGUAGE_CODE": get_language(),
                    "message": _message(),
                    "again": again,
                    "retry_after": RETRY_AFTER_SECONDS,
                },
            ),
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """The 500 handler (``handler500``). Django calls it for any exception no view or middleware
    answered, inside the ``except`` block, so the exception is at hand: a busy database raised
    outside a view (the session saved after the login view, for instance) still answers 503."""
    if database_busy(sys.exc_info()[1]):
        return database_busy_response(request)
    return defaults.server_error(request, template_name)


def bad_request(request: HttpRequest, exception: Exception, template_name: str = "400.html") -> HttpResponse:
    """The 400 handler (``handler400``): a session that could not be saved because the database was
    busy is not a bad request, and answers 503 like any other busy moment."""
    if database_busy(exception):
        return database_busy_response(request)
    return defaults.bad_request(request, exception, template_name)


def api_database_error(request: HttpRequest, error: DatabaseError | type[DatabaseError]) -> HttpResponse:
    """Exception handler of the JSON API for ``DatabaseError``: django-ninja catches exceptions
    before any middleware sees them. Anything but a busy database goes on as before. (The type of
    ``error`` is the one django-ninja declares for its handlers.)"""
    if not isinstance(error, DatabaseError) or not database_busy(error):
        raise error
    return database_busy_response(request)
