"""Keeping the index in step: ``sync_reports`` makes a report's entries exactly its texts
now, in a fixed number of queries whatever its size: six reads (answers, next steps,
activities and their areas, indicator values, comments, the stored entries; one more for
the reports' places unless the writer's report has its cycle loaded), then at most one
insert, one update and one delete.

Called in the transaction of every write (``search.signals``), by ``search_reindex`` and
by the data migration. A whole report is compared each time, so any way its rows changed
is caught by the next write, and a text that is gone leaves no entry behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from reports.layout import item_key
from reports.models import Activity, Answer, Comment, IndicatorValue, NextStep, Report

from .folding import index_form, normalize
from .models import HitKind, SearchEntry


@dataclass(frozen=True)
class Text:
    key: str
    kind: str
    field: str
    text: str
    anchor: str
    answer_id: int | None = None
    next_step_id: int | None = None
    activity_id: int | None = None
    indicator_value_id: int | None = None
    comment_id: int | None = None
    question_id: int | None = None
    priority_id: int | None = None


def _answers(ids: list[int]) -> Iterator[tuple[int, Text]]:
    rows = (
        Answer.objects.filter(report_id__in=ids)
        .exclude(text="")
        .values_list("pk", "report_id", "question_id", "priority_id", "next_step_id", "text")
    )
    for pk, report_id, question_id, priority_id, next_step_id, text in rows:
        # A carried next step's status narrative is a next step's text.
        kind = HitKind.NEXT_STEP if next_step_id else HitKind.ANSWER
        anchor = "item-" + item_key(question_id, priority_id, next_step_id)
        yield (
            report_id,
            Text(
                f"answer:{pk}:text",
                kind,
                "text",
                text,
                anchor,
                answer_id=pk,
                question_id=question_id,
                priority_id=priority_id,
                next_step_id=next_step_id,
            ),
        )


def _next_steps(ids: list[int]) -> Iterator[tuple[int, Text]]:
    rows = NextStep.objects.filter(report_id__in=ids).values_list(
        "pk", "report_id", "title", "targets", "evidence"
    )
    for pk, report_id, *texts in rows:
        for field, text in zip(("title", "targets", "evidence"), texts, strict=True):
            yield (
                report_id,
                Text(
                    f"next_step:{pk}:{field}",
                    HitKind.NEXT_STEP,
                    field,
                    text,
                    f"next-step-{pk}",
                    next_step_id=pk,
                ),
            )


def _area_names(activity: Activity) -> str:
    names = []
    for area in activity.areas.all():
        names.extend(dict.fromkeys(area.in_every_language("name").values()))
    names.extend(str(n) for n in activity.unlisted_areas or [])
    return "; ".join(names)


def _activities(ids: list[int]) -> Iterator[tuple[int, Text]]:
    rows = (
        Activity.objects.filter(report_id__in=ids)
        .only("pk", "report_id", "title", "description", "organisers", "partners", "unlisted_areas")
        .prefetch_related("areas")
    )
    for a in rows:
        texts = {
            "title": a.title,
            "description": a.description,
            "partners": "; ".join(t for t in (a.organisers, a.partners) if t),
            "areas": _area_names(a),
        }
        for field, text in texts.items():
            yield (
                a.report_id,
                Text(
                    f"activity:{a.pk}:{field}",
                    HitKind.ACTIVITY,
                    field,
                    text,
                    f"activity-{a.pk}",
                    activity_id=a.pk,
                ),
            )


def _indicator_values(ids: list[int]) -> Iterator[tuple[int, Text]]:
    rows = IndicatorValue.objects.filter(report_id__in=ids).values_list(
        "pk", "report_id", "indicator_id", "note", "source"
    )
    for pk, report_id, indicator_id, note, source in rows:
        for field, text in (("note", note), ("source", source)):
            yield (
                report_id,
                Text(
                    f"indicator:{pk}:{field}",
                    HitKind.INDICATOR,
                    field,
                    text,
                    f"indicator-{indicator_id}",
                    indicator_value_id=pk,
                ),
            )


def _comments(ids: list[int]) -> Iterator[tuple[int, Text]]:
    rows = Comment.objects.filter(thread__report_id__in=ids).values_list(
        "pk",
        "thread_id",
        "thread__report_id",
        "body",
        "thread__question_id",
        "thread__priority_id",
        "thread__next_step_id",
        "thread__activity_id",
        "thread__indicator_value_id",
    )
    for pk, thread_id, report_id, body, question_id, priority_id, step_id, act_id, iv_id in rows:
        yield (
            report_id,
            Text(
                f"comment:{pk}:body",
                HitKind.COMMENT,
                "body",
                body,
                f"thread-{thread_id}",
                comment_id=pk,
                question_id=question_id,
                priority_id=priority_id,
                next_step_id=step_id,
                activity_id=act_id,
                indicator_value_id=iv_id,
            ),
        )


SOURCES = (_answers, _next_steps, _activities, _indicator_values, _comments)


def texts_of(report_ids: list[int]) -> dict[str, tuple[int, Text]]:
    """Every non-blank text of the reports, by entry key: five reads (and the areas)."""
    found: dict[str, tuple[int, Text]] = {}
    for source in SOURCES:
        for report_id, text in source(report_ids):
            clean = normalize(text.text).strip()
            if clean:
                found[text.key] = (report_id, _with_text(text, clean))
    return found


def _with_text(text: Text, clean: str) -> Text:
    return Text(**{**text.__dict__, "text": clean})


def sync_reports(reports: Iterable[Report | int]) -> None:
    """Make the entries of ``reports`` exactly their texts now (see the module)."""
    reports = list(reports)
    ids = sorted({r if isinstance(r, int) else r.pk for r in reports})
    if not ids:
        return
    places = _places(reports, ids)
    wanted = texts_of(ids)
    stored = {
        key: (pk, text)
        for pk, key, text in SearchEntry.objects.filter(report_id__in=ids).values_list(
            "pk", "key", "text"
        )
    }
    new, changed = [], []
    for key, (report_id, text) in wanted.items():
        entry = _entry(text, report_id, places[report_id])
        if key not in stored:
            new.append(entry)
        elif stored[key][1] != text.text:
            entry.pk = stored[key][0]
            changed.append(entry)
    gone = [pk for key, (pk, _text) in stored.items() if key not in wanted]
    if gone:
        SearchEntry.objects.filter(pk__in=gone).delete()
    if changed:
        SearchEntry.objects.bulk_update(changed, ["text", "folded"], batch_size=500)
    if new:
        SearchEntry.objects.bulk_create(new, batch_size=500)


def _places(reports: list[Report | int], ids: list[int]) -> dict[int, tuple[int, int, int]]:
    """Each report's country, cycle and framework: from the reports given when their cycle
    is loaded (the writers' case: no query), else read in one query."""
    if all(isinstance(r, Report) and Report.cycle.is_cached(r) for r in reports):
        return {r.pk: (r.country_id, r.cycle_id, r.cycle.framework_id) for r in reports}
    rows = Report.objects.filter(pk__in=ids).values_list(
        "pk", "country_id", "cycle_id", "cycle__framework_id"
    )
    return {pk: (country, cycle, framework) for pk, country, cycle, framework in rows}


def _entry(text: Text, report_id: int, place: tuple[int, int, int]) -> SearchEntry:
    country_id, cycle_id, framework_id = place
    return SearchEntry(
        key=text.key,
        kind=text.kind,
        field=text.field,
        report_id=report_id,
        answer_id=text.answer_id,
        next_step_id=text.next_step_id,
        activity_id=text.activity_id,
        indicator_value_id=text.indicator_value_id,
        comment_id=text.comment_id,
        question_id=text.question_id,
        priority_id=text.priority_id,
        anchor=text.anchor,
        country_id=country_id,
        cycle_id=cycle_id,
        framework_id=framework_id,
        is_comment=text.kind == HitKind.COMMENT,
        text=text.text,
        folded=index_form(text.text),
    )


def reindex_all(*, batch: int = 50) -> int:
    """Every report's entries made anew (``search_reindex``, after a restore): the
    number of reports."""
    ids = list(Report.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        sync_reports(ids[start : start + batch])
    return len(ids)
