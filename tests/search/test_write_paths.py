"""Every module that writes the texts the search indexes tells the index, in the same
transaction: through ``report_touch`` (which sends ``texts_changed``) or by sending it
itself. A new write path that does neither fails here, so it cannot leave the index
behind unnoticed (bulk writes and ``QuerySet.update`` fire no model signal)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INDEXED = r"(Answer|NextStep|Activity|IndicatorValue|Comment)"
WRITES = re.compile(
    rf"\b{INDEXED}\.objects\.(create|bulk_create|bulk_update|update|get_or_create|update_or_create)\b"
    rf"|_with_history\(\s*[\w.]+,\s*{INDEXED}\b"
    r"|\.(answers|next_steps|activities|indicator_values)\.(create|update|bulk_create)\("
)
# The demo's modules write directly; the command that runs them tells the index of every
# report at its end (seed_demo.py), inside its transaction.
TOLD_BY_SEED_DEMO = {"demo/monitoring.py", "demo/today.py"}


def _writers() -> dict[str, str]:
    found = {}
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(("tests/", "bench/", ".venv/", "node_modules/")):
            continue
        if "/migrations/" in relative:
            continue
        text = path.read_text(encoding="utf-8")
        if WRITES.search(text):
            found[relative] = text
    return found


def test_every_writer_of_indexed_texts_tells_the_index():
    writers = _writers()
    assert "reports/services/answers.py" in writers  # the check sees the bulk writes

    silent = [
        name
        for name, text in writers.items()
        if name not in TOLD_BY_SEED_DEMO
        and "report_touch(" not in text
        and "texts_changed.send(" not in text
    ]
    assert silent == []


def test_seed_demo_tells_the_index_of_every_report():
    text = (ROOT / "demo/management/commands/seed_demo.py").read_text(encoding="utf-8")
    assert "texts_changed.send(sender=Report, reports=list(Report.objects.all()))" in text
