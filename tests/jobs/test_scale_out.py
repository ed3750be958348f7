"""Scale-out: two web instances (gunicorn on two ports) and two workers on one database,
one Redis and one MEDIA_ROOT. A session signed in through one instance works on the
other; a PDF asked for on one instance is rendered by a worker and served by both."""

from __future__ import annotations

import http.cookiejar
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from roadmap.models import Role
from tests.factories import PASSWORD, member, report_with_form

from .conftest import ROOT, eventually

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def web(worker_env):
    """start() -> the base URL of a new gunicorn instance on the shared database."""
    processes = []

    def start() -> str:
        port = free_port()
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "pathfinder.wsgi",
                    "--workers",
                    "1",
                    "--bind",
                    f"127.0.0.1:{port}",
                ],
                cwd=ROOT,
                env=worker_env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        url = f"http://127.0.0.1:{port}"

        def answers():
            try:
                urllib.request.urlopen(f"{url}/accounts/login/", timeout=2)  # noqa: S310
            except OSError:  # not listening yet, or still loading (a timeout)
                return None
            return True

        eventually(answers, timeout=60)
        return url

    yield start
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=30)


class Browser:
    """Cookies shared across ports, as a browser shares them across one host's ports."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str):
        try:
            return self.opener.open(url, timeout=30)
        except urllib.error.HTTPError as error:
            return error

    def sign_in(self, base: str, username: str) -> None:
        page = self.get(f"{base}/accounts/login/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        data = urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        request = urllib.request.Request(  # noqa: S310
            f"{base}/accounts/login/", data=data, headers={"Referer": f"{base}/accounts/login/"}
        )
        self.opener.open(request, timeout=30)


def test_two_web_instances_and_two_workers_share_sessions_and_pdfs(web, workers):
    report = report_with_form(priorities=4)
    alice = member(report, Role.REPORTER, username="alice")
    workers(2)
    first, second = web(), web()
    browser = Browser()

    browser.sign_in(first, "alice")
    home = browser.get(f"{second}/").read().decode()
    # Signed in through the first instance, known to the second (sessions in the database).
    assert f'data-testid="user-name">{alice.get_full_name()}<' in home

    asked = browser.get(f"{first}/reports/{report.pk}/pdf/")
    assert asked.status == 202  # being prepared: a worker renders it

    def served_by(base):
        response = browser.get(f"{base}/reports/{report.pk}/pdf/")
        return response if response.status == 200 else None

    from_second = eventually(lambda: served_by(second), timeout=120)
    from_first = served_by(first)
    assert from_second.headers["Content-Type"] == "application/pdf"
    assert from_first.read() == from_second.read()
