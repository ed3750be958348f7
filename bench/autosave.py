"""Autosave under concurrency, through gunicorn on PostgreSQL (``bench.server``): editors,
one thread each with a session of its own, save different answers of section I of one
report (Viet Nam 2022-2023) again and again, as the browser does (the whole form posted,
the answer's revision and digest applied). Two runs:

- paced: each editor saves, then pauses ``BENCH_AUTOSAVE_PAUSE`` seconds (1 s by default:
  three times as often as a browser can, which saves 3 s after the typing stops);
- flat out: no pause, every editor saving as fast as the server answers (the queue at two
  gunicorn workers shows, not only the report's lock).

Then every final value is checked in the database: the text of each editor's last
acknowledged save, its revision grown by exactly the number of acknowledged saves, one
history record per save. A save missing there is "lost", one applied twice "duplicated".
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import threading
import time
from urllib.parse import urlencode

from bench import server as bench_server
from bench.browser import EntryForm, csrf_secret
from bench.core import Figure

EDITORS = int(os.environ.get("BENCH_EDITORS", "10"))
SAVES = int(os.environ.get("BENCH_AUTOSAVES", "20"))
PAUSE = float(os.environ.get("BENCH_AUTOSAVE_PAUSE", "1.0"))


def percentile(samples: list[float], p: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Editor(threading.Thread):
    def __init__(self, *, index: int, port: int, session: str, page: str, pause: float):
        super().__init__()
        self.index, self.port, self.page, self.pause = index, port, page, pause
        csrf = csrf_secret()
        self.headers = {
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "X-Requested-With": "fetch",
            "Host": "127.0.0.1",
        }
        self.key = ""
        self.latencies: list[float] = []
        self.acked: list[str] = []  # texts the server said it saved, in order
        self.refused = 0
        self.failures: list[str] = []
        self.form: EntryForm | None = None

    def load(self, conn: http.client.HTTPConnection) -> None:
        conn.request("GET", self.page, headers=self.headers)
        response = conn.getresponse()
        html = response.read().decode()
        if response.status != 200:
            raise RuntimeError(f"{self.page}: HTTP {response.status}")
        self.form = EntryForm(html)
        self.key = self.form.texts[self.index]

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            assert self.form is not None
            for n in range(SAVES):
                text = f"Editor {self.index}, save {n}: đã tổ chức tập huấn cho cán bộ."
                self.form.set(self.key, text)
                body = urlencode(self.form.body())
                headers = self.headers | {"Content-Type": "application/x-www-form-urlencoded"}
                start = time.perf_counter()
                conn.request("POST", self.form.action, body=body, headers=headers)
                response = conn.getresponse()
                payload = response.read()
                self.latencies.append((time.perf_counter() - start) * 1000)
                if response.status != 200:
                    self.failures.append(f"HTTP {response.status}")
                    continue
                reply = json.loads(payload)
                self.form.apply(reply)
                if reply["ok"] and self.key in reply["items"]:
                    self.acked.append(text)
                else:
                    self.refused += 1
                if self.pause:
                    time.sleep(self.pause)
        except Exception as exc:  # reported by the caller
            self.failures.append(repr(exc))
        finally:
            conn.close()


def _warm(server: bench_server.Server, editors: list[Editor]) -> None:
    """Load each editor's page, then warm both workers (templates, connections): the form
    posted unchanged writes nothing."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    for e in editors:
        e.load(conn)
    first = editors[0]
    for _ in range(4):
        headers = first.headers | {"Content-Type": "application/x-www-form-urlencoded"}
        conn.request("POST", first.form.action, body=urlencode(first.form.body()), headers=headers)
        conn.getresponse().read()
    conn.close()


def _lost_and_duplicated(editors: list[Editor], before: dict, after: dict) -> tuple[int, int]:
    """Saves acknowledged but not kept, and saves kept more often than acknowledged."""
    lost = duplicated = 0
    for e in editors:
        old = before.get(e.key, {"revision": 0, "history": 0})
        new = after.get(e.key, {"text": "", "revision": 0, "history": 0})
        saved = len(e.acked)
        if saved and new["text"] != e.acked[-1]:
            lost += 1
        grown = min(new["revision"] - old["revision"], new["history"] - old["history"])
        most = max(new["revision"] - old["revision"], new["history"] - old["history"])
        lost += max(0, saved - grown)
        duplicated += max(0, most - saved)
    return lost, duplicated


def _round(server: bench_server.Server, *, pause: float, label: str) -> list[Figure]:
    editor = next(e for e in server.data["editors"] if e["label"] == "VN 2022-2023")
    sessions = server.data["sessions"][editor["username"]]
    editors = [
        Editor(
            index=i,
            port=server.port,
            session=sessions[i % len(sessions)],
            page=editor["sections"][0],
            pause=pause,
        )
        for i in range(EDITORS)
    ]
    _warm(server, editors)
    keys = [e.key for e in editors]
    before = server.db("answers", str(editor["report"]), *keys)
    start = time.perf_counter()
    for e in editors:
        e.start()
    for e in editors:
        e.join()
    elapsed = time.perf_counter() - start
    after = server.db("answers", str(editor["report"]), *keys)

    lost, duplicated = _lost_and_duplicated(editors, before, after)
    latencies = [ms for e in editors for ms in e.latencies]
    failures = [f for e in editors for f in e.failures]
    name = f"autosave, {EDITORS} editors x {SAVES} saves, {label}"
    figures = [
        Figure(f"{name}: p50", percentile(latencies, 50)),
        Figure(f"{name}: p95", percentile(latencies, 95)),
        Figure(f"{name}: p99", percentile(latencies, 99)),
        Figure(f"{name}: mean", statistics.fmean(latencies) if latencies else float("nan")),
        Figure(f"{name}: saves/s", len(latencies) / elapsed, "saves/s"),
        Figure(f"{name}: acknowledged", sum(len(e.acked) for e in editors), "saves"),
        Figure(f"{name}: refused (conflict/error)", sum(e.refused for e in editors), "saves"),
        Figure(f"{name}: HTTP failures", len(failures), "requests"),
        Figure(f"{name}: lost", lost, "saves"),
        Figure(f"{name}: duplicated", duplicated, "saves"),
    ]
    if failures:
        print(f"  first failure: {failures[0]}")
    return figures


def run() -> list[Figure]:
    server = bench_server.start()
    return _round(server, pause=PAUSE, label=f"a save each {PAUSE:g} s") + _round(
        server, pause=0, label="flat out"
    )
