from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from .busy import database_busy, database_busy_response


class PolishFirstLocaleMiddleware(LocaleMiddleware):
    """Polish unless the person chose another language with the switch (the language cookie).
    The browser's Accept-Language is not used: a public service of a Polish region speaks Polish
    first, and English is one click away on every page."""

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class DatabaseBusyMiddleware:
    """A view that met a busy database (another transaction held the lock past the timeout)
    answers 503 with ``Retry-After`` and a message that says to try again, instead of 500.
    Exceptions raised outside views reach ``kierunek.core.busy.server_error``, and the JSON API
    has its own handler; all three answer with ``database_busy_response``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if database_busy(exception):
            return database_busy_response(request)
        return None


# Room for the form fields and multipart framing that travel with one file at the upload limit.
FORM_FIELDS_ALLOWANCE_BYTES = 256 * 1024


class RequestBodyLimitMiddleware:
    """Refuse with 413 a request whose declared body (Content-Length) is larger than one upload at
    ``KIERUNEK_UPLOAD_MAX_BYTES`` plus its form fields, before anything reads the body: CSRF and
    form parsing would otherwise stream the whole body to a temporary file first. A file just
    under the limit still reaches the form, which names the limit per file. The reverse proxy
    should refuse such bodies even earlier (nginx ``client_max_body_size``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        limit = settings.KIERUNEK_UPLOAD_MAX_BYTES + FORM_FIELDS_ALLOWANCE_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0  # Django reads an unparsable length as an empty body
        if declared <= limit:
            return self.get_response(request)
        message = _(
            "The request is too large (%(size)s MB). Files of up to %(limit)s MB are accepted: "
            "go back and choose a smaller file."
        ) % {
            "size": f"{declared / 1_048_576:.1f}".replace(".", ","),
            "limit": settings.KIERUNEK_UPLOAD_MAX_BYTES // 1_048_576,
        }
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=413)
        return render(request, "413.html", {"message": message}, status=413)
