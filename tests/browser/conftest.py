"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium) against Django's live
server, and axe-core checks every page a test visits."""

import os
import re
import threading
import time
from collections.abc import Iterator

import pytest

# Playwright's sync API runs an event loop in this thread; the tests' own ORM calls are still
# synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, sync_playwright

from tests.reference_data import load_reference_data

CHROMIUM = os.environ.get("KIERUNEK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
BLOCKING_IMPACTS = {"serious", "critical"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run `make test`, which installs it (Debian package chromium)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _Requests:
    """The live server's requests in progress, counted around its WSGI application.

    Closing a page can send one last request: Wagtail's page editor releases its editing session
    with a beacon when the page goes away, and that request arrives while the context closes. The
    test's teardown then empties the database: SQLite's shared in-memory database refuses the flush
    while the request writes, and on PostgreSQL a request that writes after the flush would leave
    its row to the next test. So the page's teardown waits until the server has been idle for a
    moment before the database is emptied."""

    SETTLE = 0.15  # seconds without a request after the browser context is closed
    LIMIT = 10.0  # seconds at most, so that a request that never ends cannot hang the run

    def __init__(self, app):
        self.app = app
        self.busy = 0
        self.last = time.monotonic()
        self.changed = threading.Condition()

    def __call__(self, environ, start_response):
        with self.changed:
            self.busy += 1
        try:
            return self.app(environ, start_response)
        finally:
            with self.changed:
                self.busy -= 1
                self.last = time.monotonic()
                self.changed.notify_all()

    def settle(self) -> None:
        closed = time.monotonic()
        deadline = closed + self.LIMIT
        with self.changed:
            while time.monotonic() < deadline:
                quiet_since = max(closed, self.last)
                if not self.busy and time.monotonic() - quiet_since >= self.SETTLE:
                    return
                self.changed.wait(timeout=self.SETTLE)


def _requests(live_server) -> _Requests:
    server = live_server.thread.httpd
    app = server.get_app()
    if not isinstance(app, _Requests):
        app = _Requests(app)
        server.set_app(app)
    return app


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:
    requests = _requests(live_server)
    context = browser.new_context(base_url=live_server.url, locale="pl-PL")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
    requests.settle()


_axe = Axe()


def assert_accessible(page: Page) -> None:
    """No serious or critical axe-core violation on the page as it is now."""
    results = _axe.run(page)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    report = "\n".join(
        f"{v['impact']}: {v['id']} — {v['help']} ({len(v['nodes'])} nodes: "
        f"{', '.join(str(n['target']) for n in v['nodes'][:3])})"
        for v in blocking
    )
    assert not blocking, f"axe-core on {page.url}:\n{report}"


@pytest.fixture(autouse=True)
def reference_data(transactional_db) -> None:
    """Browser tests run in transactional databases, which Django empties after each test."""
    load_reference_data()


def activate_from_mail(page: Page, email: str) -> None:
    """Open the activation link that registration mailed to ``email`` and press the button, as
    the person does in their mail program and then in the browser."""
    from django.core import mail

    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    link = next(line for line in message.body.splitlines() if "/rejestracja/aktywuj/" in line)
    page.goto(link[link.index("/rejestracja/") :])
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("Aktywuj i zaloguj|Activate and log in")).click()
