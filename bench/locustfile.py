"""The real mix at the deadline, for locust (``bench.load`` runs it headless):

- reporters (country staff) open sections of their report and autosave as the browser
  does: the whole form posted, the reply's revisions and digests applied, a conflict's
  stored revision taken so the next save is their merge (``bench.browser``);
  now and then the report hub, the home page and the PDF;
- reviewers read the reading view of reports they cover, comment on a question, download
  the PDF;
- the secretariat opens the monitoring board and the home page.

Everyone pauses between actions (``BENCH_WAIT`` seconds, "2,8" by default: a person
reads or types between two requests; the browser autosaves 3 s after typing stops).
A PDF download answered 202 (being prepared: no PDF kept yet) is counted apart, as
"pdf: 202 preparing", and is no error. Sign-in is not measured: each user starts with a
session made by ``bench.serverdb``.
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, between, events, task

from bench.browser import EntryForm, csrf_secret

with open(os.environ["BENCH_LOAD_DATA"], encoding="utf-8") as _file:
    DATA = json.load(_file)
_low, _high = (float(x) for x in os.environ.get("BENCH_WAIT", "2,8").split(","))
_turn = itertools.count()


class Person(HttpUser):
    abstract = True
    wait_time = between(_low, _high)
    username = ""

    def sign_in(self, username: str) -> None:
        sessions = DATA["sessions"][username]
        self.csrf = csrf_secret()
        # Plain cookies: the server marks its own Secure (production settings) and the
        # bench speaks HTTP on the loopback, where a browser's jar would not send those.
        self.client.cookies.set("sessionid", sessions[next(_turn) % len(sessions)])
        self.client.cookies.set("csrftoken", self.csrf)

    def post(self, url: str, data, *, name: str, **kwargs):
        return self.client.post(
            url,
            data=data,
            name=name,
            headers={"X-CSRFToken": self.csrf, "X-Requested-With": "fetch"},
            allow_redirects=False,
            **kwargs,
        )

    def pdf(self, url: str) -> None:
        with self.client.get(url, name="pdf", stream=True, catch_response=True) as response:
            if response.status_code == 202:
                response.success()
                events.request.fire(
                    request_type="GET",
                    name="pdf: 202 preparing",
                    response_time=response.elapsed.total_seconds() * 1000,
                    response_length=0,
                    exception=None,
                    context={},
                )
            elif response.status_code == 200:
                for _chunk in response.iter_content(65536):
                    pass


class Reporter(Person):
    weight = 6

    def on_start(self) -> None:
        self.report = random.choice(DATA["editors"])  # noqa: S311 - load mix
        self.sign_in(self.report["username"])
        self.open_section()

    def open_section(self) -> None:
        self.section = random.randrange(len(self.report["sections"]))  # noqa: S311
        response = self.client.get(self.report["sections"][self.section], name="section page")
        self.form = EntryForm(response.text) if response.status_code == 200 else None

    @task(2)
    def read_another_section(self) -> None:
        self.open_section()

    @task(6)
    def autosave(self) -> None:
        if self.form is None or not self.form.texts:
            self.open_section()
            return
        key = random.choice(self.form.texts)  # noqa: S311
        self.form.set(key, f"Typed at {random.random():.6f}: đã tổ chức tập huấn.")  # noqa: S311
        with self.post(
            self.form.action, self.form.body(), name="autosave", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return
            try:
                reply = response.json()
            except ValueError:
                response.failure("not JSON")
                return
            # A conflict or an error beside a field is the browser's business, not a
            # failure of the server: the reply was applied and the next save merges.
            self.form.apply(reply)

    @task(1)
    def report_hub(self) -> None:
        self.client.get(self.report["hub"], name="report hub")

    @task(1)
    def download(self) -> None:
        self.pdf(self.report["pdf"])

    @task(1)
    def home(self) -> None:
        self.client.get(DATA["home"], name="home")


class Reviewer(Person):
    weight = 3

    def on_start(self) -> None:
        self.sign_in("ilo-reviewer")

    def pick(self) -> dict:
        return random.choice(DATA["reviewed"])  # noqa: S311

    @task(4)
    def read(self) -> None:
        self.client.get(self.pick()["read"], name="reading view")

    @task(1)
    def comment(self) -> None:
        report = self.pick()
        body = {"item": random.choice(report["items"]), "body": "Please add the source."}  # noqa: S311
        with self.post(
            report["thread_new"], body, name="comment (new thread)", catch_response=True
        ) as response:
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}")

    @task(1)
    def download(self) -> None:
        self.pdf(random.choice(DATA["pdfs"]))  # noqa: S311


class Secretariat(Person):
    weight = 1

    def on_start(self) -> None:
        self.sign_in("secretariat")

    @task(3)
    def board(self) -> None:
        self.client.get(DATA["board"], name="board")

    @task(1)
    def home(self) -> None:
        self.client.get(DATA["home"], name="home")
