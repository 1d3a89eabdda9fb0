"""URLconf of the HTTP benchmark's server only (benchmarks/http_settings.py): the real site's URLs
and handlers, plus ``/benchmark/hello``, a view that does nothing, so that its rate is what the
server, the middleware and the client cost without any page."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import *  # noqa: F403 - the site's urlpatterns and error handlers
from config.urls import urlpatterns as site_urlpatterns


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"hello", content_type="text/plain")


urlpatterns = [path("benchmark/hello", hello), *site_urlpatterns]
