"""Playwright driving Debian's Chromium against Django's live server.

Chromium is never downloaded: it must be at /usr/bin/chromium (``scripts/test.sh``
installs Debian's package when it can). Screenshots go to the git-ignored .screenshots/.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

# Playwright's sync API runs an event loop in this thread; the test code still talks to
# the database synchronously, which is safe here because nothing else shares the loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("HEARTWORK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".screenshots"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
BLOCKING_IMPACTS = {"serious", "critical"}

# Assertions wait for the page as long as actions do: CI shares two cores with the server.
expect.set_options(timeout=10_000)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI but was not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}; install Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=list(VIEWPORTS), ids=list(VIEWPORTS))
def viewport(request) -> str:
    return request.param


class Browse:
    """Opens browser contexts at one viewport, and checks and photographs pages."""

    def __init__(self, chromium, base_url: str, viewport: str, test_name: str) -> None:
        self.chromium, self.base_url, self.viewport = chromium, base_url, viewport
        self.test_name = re.sub(r"[^a-z0-9]+", "-", test_name.lower()).strip("-")
        self.contexts = []
        self.axe = Axe()
        self.shots = 0

    def new_page(self):
        context = self.chromium.new_context(
            viewport=VIEWPORTS[self.viewport], base_url=self.base_url
        )
        # The quick-exit target is a neutral outside site; here it answers locally.
        context.route(
            "http://neutral.invalid/**",
            lambda route: route.fulfill(body="<h1>Weather</h1>", content_type="text/html"),
        )
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    def check(self, page, label: str) -> None:
        """Screenshot the page and fail on serious or critical accessibility problems."""
        self.shots += 1
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{self.test_name}-{self.shots:02d}-{label}.png"
        try:
            page.screenshot(path=path, full_page=True)
        except PlaywrightError:
            # Chromium now and then fails a full-page capture on a busy machine ("Unable to
            # capture screenshot"); the picture is for people to look at, so try once more.
            page.wait_for_timeout(500)
            page.screenshot(path=path, full_page=True)
        results = self.axe.run(page)
        blocking = [
            v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS
        ]
        assert blocking == [], f"{label}: " + "; ".join(f"{v['id']}: {v['help']}" for v in blocking)

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browse(chromium, live_server, viewport, request):
    helper = Browse(chromium, live_server.url, viewport, request.node.name)
    yield helper
    helper.close()


def sign_up(page, *, email: str, name: str, password: str = "a-long-browser-password-1") -> None:
    page.goto("/signup/")
    page.fill("#id_email", email)
    page.fill("#id_display_name", name)
    page.fill("#id_password1", password)
    page.fill("#id_password2", password)
    page.click("button:has-text('Sign up')")


def log_in(page, *, email: str, password: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main button:has-text('Log in')")


@pytest.fixture
def people(transactional_db):
    """Alice and Bob, sharing a partner bond, each able to log in with the test password."""
    from heartwork.bonds.models import Bond
    from heartwork.domain.bonds import BondKind
    from tests.conftest import join, make_person

    alice, bob = make_person("alice@example.com", "Alice"), make_person("bob@example.com", "Bob")
    bond = Bond.objects.create(kind=BondKind.PARTNER, created_by=alice)
    join(bond, alice, "Alice & Bob")
    join(bond, bob, "Alice & Bob")
    return alice, bob, bond


def open_as(browse, email, url, *, javascript=True):
    """A new browser, logged in as ``email``, at ``url``."""
    from tests.conftest import PASSWORD

    if javascript:
        page = browse.new_page()
    else:
        context = browse.chromium.new_context(
            viewport=VIEWPORTS[browse.viewport], base_url=browse.base_url, java_script_enabled=False
        )
        browse.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
    log_in(page, email=email, password=PASSWORD)
    page.wait_for_url("**/today/")
    page.goto(url)
    return page
