"""Browser tests: Playwright (Python) driving Debian's Chromium against live_server.

Never `playwright install`: the network is closed and .ci/run installs Debian's chromium.
"""

import os

import pytest

from tests.demo_day import DRAFT_DAY, freeze_today

# Playwright's sync API runs an event loop in this thread; the live server's ORM calls
# from test code are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_PASSWORD = "pathfinder-demo"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _jobs_wait_for_a_worker(queued_jobs):
    """Jobs (mail, PDF renders) queue as they do for a worker in production, rather than
    running inside the live server's requests; a test that needs one runs the queue."""
    return queued_jobs


@pytest.fixture
def demo_day():
    """The day the demo is seeded and browsed on (``tests.demo_day``): during 2022-2023,
    whose Viet Nam report is the draft the entry, review and Word tests work on. A module
    overrides it to see another day."""
    return DRAFT_DAY


@pytest.fixture
def demo(transactional_db, demo_snapshot, monkeypatch, demo_day):
    """The demo data as seeded on ``demo_day``, loaded into the live server's database
    (copied from the session's snapshot of that day, tests/demo_snapshot.py)."""
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    freeze_today(monkeypatch, demo_day)
    demo_snapshot.load(demo_day)


@pytest.fixture
def sign_in(browser, live_server, demo):
    """sign_in("vn-reporter") -> a Playwright page signed in as that demo account, each in
    its own browser context (its own cookies), so two people can work side by side."""
    contexts = []

    def _sign_in(username: str, locale: str = "en-GB"):
        context = browser.new_context(locale=locale, base_url=live_server.url)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield _sign_in
    for context in contexts:
        context.close()
