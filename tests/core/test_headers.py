"""Response headers and request limits: the Content-Security-Policy every page is served under,
pages that keep to it (no inline script, handler or style), and oversized bodies refused unread."""

import io
import json
import re
import subprocess
import sys
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.test.client import FakePayload, encode_multipart

from kierunek.accounts.models import Role, User
from kierunek.core.middleware import FORM_FIELDS_ALLOWANCE_BYTES
from kierunek.providers.models import Certificate
from tests.accounts.factories import DEFAULT_PASSWORD
from tests.providers.factories import ProviderFactory, provider_staff_of
from tests.test_deploy import ROOT, prod_env
from tests.test_url_sweep import ALL_URLS

# The policy, written out independently of the settings.
EXPECTED_POLICY = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
}


def parse_policy(header: str) -> dict[str, set[str]]:
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = set(sources)
    return directives


# --- the policy --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/", "/logowanie/", "/uslugi/", "/static/core/kierunek.css", "/nie-ma-takiej-strony/"]
)
def test_pages_carry_the_policy(client, path):
    response = client.get(path)

    policy = parse_policy(response["Content-Security-Policy"])
    assert policy == EXPECTED_POLICY
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]


PRINT_THE_POLICY = """
import json
import django
django.setup()
from django.conf import settings
print(json.dumps({"policy": settings.CONTENT_SECURITY_POLICY, "middleware": settings.MIDDLEWARE}))
"""


def test_production_settings_enforce_the_policy():
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", PRINT_THE_POLICY], cwd=ROOT, env=prod_env(), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    directives = {name: set(sources) for name, sources in loaded["policy"]["DIRECTIVES"].items()}
    assert directives == EXPECTED_POLICY
    assert "csp.middleware.CSPMiddleware" in loaded["middleware"]
    assert "REPORT_ONLY" not in json.dumps(loaded["policy"])


# --- pages that keep to it -----------------------------------------------------------------------

# Script blocks that carry data the browser never executes.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCodeFinder(HTMLParser):
    """Everything in a page that a policy without 'unsafe-inline' refuses, or that htmx would
    evaluate: inline scripts, on*="" handlers, hx-on attributes, javascript: URLs, style
    attributes and <style> blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and "src" not in values and values.get("type") not in DATA_SCRIPT_TYPES:
            self.problems.append(f"inline <script> {values}")
        if tag == "style":
            self.problems.append("<style> block")
        for name, value in attrs:
            if name.startswith("on") or name.startswith(("hx-on", "data-hx-on")):
                self.problems.append(f"<{tag} {name}=...>")
            if name == "style":
                self.problems.append(f'<{tag} style="{value}">')
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")


# Paths a crawl does not follow: they change state on GET, are not pages, or are not ours (the
# CMS admin's error-test page raises on purpose, to try the error reporting).
SKIP_PREFIXES = ("/api/", "/static/", "/i18n/", "/admin/logout/", "/wyloguj", "/cms-admin/failwhale/")
SKIP_SUFFIXES = (".pdf", ".csv", ".json", ".xml", ".png", ".jpg", ".svg", ".txt")
PAGES_PER_ROLE = 60
# Pages of one shape (/uslugi/158/, /uslugi/178/?page=2) share a template: two of each are enough.
VISITS_PER_SHAPE = 2


def shape(url: str) -> str:
    return re.sub(r"[0-9]+", "N", urlsplit(url).path)


def crawl(client: Client, start: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """Visit the pages reachable by links from ``start`` (breadth first, at most PAGES_PER_ROLE)
    and return the HTML pages seen and the problems found on each."""
    queue = deque(start)
    seen: set[str] = set()
    per_shape: Counter[str] = Counter()
    pages: list[str] = []
    problems: dict[str, list[str]] = {}
    while queue and len(pages) < PAGES_PER_ROLE:
        url = urldefrag(queue.popleft())[0]
        if url in seen or per_shape[shape(url)] >= VISITS_PER_SHAPE:
            continue
        seen.add(url)
        per_shape[shape(url)] += 1
        response = client.get(url, follow=True)
        if response.redirect_chain:  # judged by where it landed: the login page once, not per next=
            url = response.redirect_chain[-1][0]
            if url in seen or per_shape[shape(url)] >= VISITS_PER_SHAPE:
                continue
            seen.add(url)
            per_shape[shape(url)] += 1
        if response.status_code >= 500:
            problems[url] = [f"status {response.status_code}"]
            continue
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        if getattr(response, "streaming", False):
            continue
        pages.append(url)
        if "Content-Security-Policy" not in response:
            problems[url] = ["no Content-Security-Policy header"]
        finder = InlineCodeFinder()
        finder.feed(response.content.decode())
        if finder.problems:
            problems.setdefault(url, []).extend(finder.problems)
        for link in finder.links:
            if link.startswith("/") and not link.startswith("//"):
                target = urlsplit(link).path
                if not target.startswith(SKIP_PREFIXES) and not target.endswith(SKIP_SUFFIXES):
                    queue.append(link)
    return pages, problems


SAMPLE_SEGMENTS = {"1", "x", "00000000-0000-0000-0000-000000000000"}


def parameterless_urls(*, admin: bool) -> list[str]:
    """The project's URLs that need no object: its own pages first, the admin site's last."""
    paths = [
        path
        for _name, path in ALL_URLS
        if not SAMPLE_SEGMENTS & set(path.split("/"))
        and not path.startswith(SKIP_PREFIXES)
        and not path.endswith(SKIP_SUFFIXES)
    ]
    own = [path for path in paths if not path.startswith("/admin/")]
    return own + ([path for path in paths if path.startswith("/admin/")] if admin else [])


@pytest.fixture
def demo_site(db):
    """The small demo: every role, with the records their pages list (plans, services, cases)."""
    call_command("seed_demo", size="small", no_progress=True, stdout=io.StringIO(), stderr=io.StringIO())


def log_in_as(client: Client, role: Role, login_staff) -> None:
    user = User.objects.filter(role=role, is_active=True).order_by("pk")[0]
    user.set_password(DEFAULT_PASSWORD)
    user.save(update_fields=["password"])
    if role == Role.PARTICIPANT:
        client.force_login(user)
    else:
        login_staff(client, user)  # the real login, second factor included


def test_pages_of_every_role_have_no_inline_code(demo_site, login_staff):
    """Given the demo site, when each role (and an anonymous visitor) walks its pages (the
    project's URLs without parameters, then every link they lead to), then no page carries code
    or styles that the policy would refuse, and each carries the policy. One test for all roles:
    the demo is built once."""
    walked: dict[str, list[str]] = {}
    problems: dict[str, list[str]] = {}
    for role in [None, *Role]:
        client = Client()
        if role is None:
            start = ["/", "/api/v1/docs", *parameterless_urls(admin=False)]
        else:
            log_in_as(client, role, login_staff)
            start = ["/panel/", *parameterless_urls(admin=role == Role.ADMINISTRATOR)]
        pages, found = crawl(client, start)
        walked[role or "anonymous"] = pages
        problems.update({f"{role or 'anonymous'} {url}": lines for url, lines in found.items()})

    # The walk reached each role's own pages, not only a login form.
    assert all(len(pages) >= 8 for pages in walked.values()), {r: len(p) for r, p in walked.items()}
    assert not problems, "\n".join(f"{where}: {lines}" for where, lines in problems.items())


def test_the_finder_sees_what_the_policy_refuses():
    finder = InlineCodeFinder()
    finder.feed(
        '<script>alert(1)</script><script src="/static/a.js"></script>'
        '<script type="application/json">{}</script><button onclick="go()">'
        '<div hx-on:click="go()"></div><p style="color: red"></p><style>p{}</style>'
        '<a href="javascript:go()">x</a>'
    )
    assert len(finder.problems) == 6, finder.problems


# --- oversized bodies ----------------------------------------------------------------------------


class UnreadPayload(FakePayload):
    """A request body that records whether anything read it."""

    def __init__(self, content: bytes) -> None:
        super().__init__(content)
        self.was_read = False

    def read(self, size: int = -1, /) -> bytes:
        self.was_read = True
        return super().read(size)

    def readline(self, size: int | None = -1, /) -> bytes:
        self.was_read = True
        return super().readline(size)


PDF = b"%PDF-1.4\n" + b"0" * 100
MEGABYTE = 1_048_576


def certificate_form(scan_bytes: bytes) -> dict[str, object]:
    scan = io.BytesIO(scan_bytes)
    scan.name = "iso.pdf"
    return {
        "kind": "iso_9001",
        "number": "PL-9001/2026/17",
        "issuer": "Jednostka Certyfikująca",
        "valid_from": "2026-01-01",
        "valid_to": "2029-01-01",
        "scan": scan,
    }


@pytest.fixture
def provider_client(client, login_staff, settings):
    settings.KIERUNEK_UPLOAD_MAX_BYTES = MEGABYTE
    login_staff(client, provider_staff_of(ProviderFactory()))
    return client


@pytest.mark.django_db
def test_an_oversized_upload_is_refused_before_its_body_is_read(provider_client):
    """Given a body larger than one upload at the limit plus its form fields, when it is posted
    to an upload form, then the answer is 413 with the limit, the body was never read and
    nothing was saved."""
    body = encode_multipart(
        "BoUnDaRy", certificate_form(PDF + b"0" * (MEGABYTE + FORM_FIELDS_ALLOWANCE_BYTES))
    )
    body_type = "multipart/form-data; boundary=BoUnDaRy"

    payload = UnreadPayload(body)
    response = provider_client.generic(
        "POST",
        "/instytucja/certyfikaty/",
        data=body,
        content_type=body_type,
        **{"wsgi.input": payload},
    )

    assert response.status_code == 413
    page = response.content.decode()
    assert "Żądanie jest za duże (1,3 MB). Przyjmujemy pliki do 1 MB" in page
    assert not payload.was_read
    assert not Certificate.objects.exists()
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_a_file_over_the_limit_but_within_the_allowance_reaches_the_form(provider_client):
    """The form, not the middleware, refuses a file a little over the limit: it says which
    file and what the limit is, next to the other fields the person filled in."""
    body = encode_multipart("BoUnDaRy", certificate_form(PDF + b"0" * (MEGABYTE + 3000)))

    payload = UnreadPayload(body)
    response = provider_client.generic(
        "POST",
        "/instytucja/certyfikaty/",
        data=body,
        content_type="multipart/form-data; boundary=BoUnDaRy",
        **{"wsgi.input": payload},
    )

    assert response.status_code == 200
    assert "jest za duży" in response.content.decode()
    assert payload.was_read
    assert not Certificate.objects.exists()


@pytest.mark.django_db
def test_the_refusal_speaks_english_when_chosen_and_json_to_the_api(client, settings):
    settings.KIERUNEK_UPLOAD_MAX_BYTES = 3 * 1_048_576
    big = b"0" * (3 * 1_048_576 + FORM_FIELDS_ALLOWANCE_BYTES + 1)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    payload = UnreadPayload(big)
    page = client.generic("POST", "/logowanie/", data=big, **{"wsgi.input": payload})
    api = client.generic(
        "POST", "/api/v1/services", data=big, content_type="application/json", **{"wsgi.input": payload}
    )

    assert page.status_code == 413
    assert "The request is too large (3,3 MB). Files of up to 3 MB are accepted" in page.content.decode()
    assert api.status_code == 413
    assert api.json()["detail"].startswith("The request is too large")
    assert not payload.was_read
    assert not User.objects.exists()
