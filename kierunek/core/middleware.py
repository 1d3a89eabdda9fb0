from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


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
