"""A report's audit trail: every recorded change (answers, next steps, activities,
indicator values, reviews) newest first, one page at a time, each with its old and new
values as the person saw them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import CharField, F, OuterRef, QuerySet, Subquery, Value
from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from roadmap.models import Priority, WorkArea

from ..layout import ReportLayout, key_of
from ..models import Activity, Answer, IndicatorValue, NextStep, Report, Transition, is_blank
from ..resolution import Resolution, reason_label, resolution_reason
from ..textdiff import word_diff

HISTORY_SOURCES: dict[str, Any] = {
    "answer": Answer.history.model,
    "next_step": NextStep.history.model,
    "activity": Activity.history.model,
    "indicator_value": IndicatorValue.history.model,
}

# Fields worth showing when they change, per source, with their labels.
HISTORY_FIELDS: dict[str, list[str]] = {
    "answer": ["text", "value"],
    "next_step": ["title", "targets", "evidence", "work_areas", "order"],
    "activity": list(Activity.DESCRIBING_FIELDS),
    # The break-down's parts are rows of their own, without a history of their own: the
    # value's record shows the flag and any old text kept (migration 0021).
    "indicator_value": ["value", "breakdown_partial", "breakdown_text", "source", "note"],
}

SOURCE_LABELS = {
    "answer": _("Answer"),
    "next_step": _("Next step"),
    "activity": _("Activity"),
    "indicator_value": _("Indicator value"),
    "transition": _("Review"),
}


def history_union(*, report: Report) -> QuerySet:
    """Every recorded change of the report, newest first, as rows of (source, row id,
    time, user id): one UNION query the paginator can count and slice in the database."""
    columns = ("h_source", "h_id", "h_at", "h_user")
    parts = [
        model.objects.filter(report_id=report.pk)
        .annotate(
            h_source=Value(source, output_field=CharField()),
            h_id=F("history_id"),
            h_at=F("history_date"),
            h_user=F("history_user_id"),
        )
        .values_list(*columns)
        .order_by()
        for source, model in HISTORY_SOURCES.items()
    ]
    transitions = (
        Transition.objects.filter(report_id=report.pk)
        .annotate(
            h_source=Value("transition", output_field=CharField()),
            h_id=F("pk"),
            h_at=F("at"),
            h_user=F("by_id"),
        )
        .values_list(*columns)
        .order_by()
    )
    return transitions.union(*parts, all=True).order_by("-h_at", "-h_id")


@dataclass
class FieldChange:
    name: str
    label: str
    old: Any
    new: Any
    is_text: bool

    @property
    def html(self) -> SafeString:
        return word_diff(str(self.old), str(self.new))


@dataclass
class HistoryEntry:
    source: str
    at: dt.datetime
    user: Any
    kind: str  # "created", "changed", "deleted", or a transition action
    subject: str
    changes: list[FieldChange] = field(default_factory=list)
    transition: Transition | None = None
    # Why, when the change came with a reason (e.g. "Word file: VN draft.docx").
    reason: str = ""
    # A conflict settled by taking the colleague's text: a record with no change.
    took_theirs: bool = False

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS[self.source])


TEXT_FIELDS = {"text", "targets", "evidence", "description", "note", "title"}


def _choice_labels(items: dict, record: Any, value: Any) -> Any:
    """A historical answer's choice value(s) by label, as the person saw them."""
    item = items.get(key_of(record))
    if item is None or is_blank(value):
        return value
    labels = item.question.labels_of(value)
    return labels if isinstance(value, list) else labels[0]


# Stored codes the history shows by label, as the forms did: a model field's own choices,
# and the work areas a next step lists (a JSON list of WorkArea codes).
LIST_CHOICES = {("next_step", "work_areas"): WorkArea}

# As the activity list and review pages write a date ("1 Aug 2022", "1 Tháng 8 2022"), not
# the locale's long format ("Aug. 1, 2022").
DATE_FORMAT = "j M Y"


def _labelled(source: str, name: str, value: Any) -> Any:
    """``value`` of field ``name`` with its stored code(s) replaced by their labels."""
    if is_blank(value):
        return value
    if (source, name) in LIST_CHOICES:
        labels = dict(LIST_CHOICES[(source, name)].choices)
        return [str(labels.get(v, v)) for v in value] if isinstance(value, list) else value
    model_field = HISTORY_SOURCES[source]._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return value


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_display(v)}" for k, v in value.items())
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        # 17000.00 reads as "17,000" (or "17.000" in Vietnamese), as the form shows it.
        return number_format(
            value.normalize() if isinstance(value, Decimal) else value, force_grouping=True
        )
    if isinstance(value, dt.date):
        return date_format(value, DATE_FORMAT)
    return str(value)


def _subject(source: str, record: Any, items: dict) -> str:
    if source == "answer":
        item = items.get(key_of(record))
        if item is None:
            return str(_("A question no longer in the report"))
        return f"{item.display_number}. {item.text}"
    if source == "indicator_value":
        return record.indicator.shown_name if record.indicator else ""
    return record.title


def _activity_many(records: dict, previous: dict) -> dict[tuple[str, int], str]:
    """(field, historical activity id) -> what it held then, as text: the priorities it
    served ("Theme 1.2, ...") and its provinces ("Hà Nội, ...", in the reader's language).
    django-simple-history keeps each many-to-many in a table of its own. Two queries."""
    history_ids = [r.history_id for (source, _pk), r in records.items() if source == "activity"]
    history_ids += [
        r.history_id for (source, _pk), r in previous.items() if source == "activity" and r
    ]
    if not history_ids:
        return {}
    through = Activity.history.model.priorities.model
    rows = list(
        through.objects.filter(history_id__in=history_ids).values_list("history_id", "priority_id")
    )
    priorities = Priority.objects.select_related("theme").in_bulk({p for _h, p in rows})
    served: dict[tuple[str, int], list[str]] = defaultdict(list)
    for history_id, priority_id in rows:
        priority = priorities.get(priority_id)
        if priority is not None:
            served[("priorities", history_id)].append(priority.short_label)
    # The areas joined in the same query: a page of activities costs one query more, not two.
    area_rows = Activity.history.model.areas.model.objects.filter(history_id__in=history_ids)
    for row in area_rows.select_related("area"):
        served[("areas", row.history_id)].append(row.area.shown_name)
    return {key: ", ".join(sorted(labels)) for key, labels in served.items()}


def _fetch_records(rows: list[tuple]) -> tuple[dict, dict]:
    """The page's records by (source, id), and each one's previous record: per source two
    queries (the page's records and their predecessors), one for transitions."""
    ids: dict[str, list[int]] = defaultdict(list)
    for source, pk, _at, _user_id in rows:
        ids[source].append(pk)
    records: dict[tuple[str, int], Any] = {}
    previous: dict[tuple[str, int], Any] = {}
    for source, pks in ids.items():
        if source == "transition":
            for t in Transition.objects.filter(pk__in=pks):
                records[(source, t.pk)] = t
            continue
        model = HISTORY_SOURCES[source]
        prior = (
            model.objects.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date"))
            .order_by("-history_date", "-history_id")
            .values("history_id")[:1]
        )
        page = model.objects.filter(history_id__in=pks).annotate(prior_id=Subquery(prior))
        if source == "indicator_value":
            page = page.select_related("indicator")
        page = list(page)
        prior_ids = [r.prior_id for r in page if r.prior_id]
        earlier = model.objects.in_bulk(prior_ids)
        for r in page:
            records[(source, r.history_id)] = r
            if r.prior_id:
                previous[(source, r.history_id)] = earlier.get(r.prior_id)
    return records, previous


def _fetch_users(rows: list[tuple], records: dict) -> dict[int, Any]:
    """Everyone the page names, in one query."""
    user_ids = {user_id for _source, _pk, _at, user_id in rows if user_id}
    # Rows written outside a request (imports, the demo loader) have no history user; an
    # answer still says who last saved it.
    for (source, _pk), record in records.items():
        if source == "answer" and record.history_user_id is None and record.updated_by_id:
            user_ids.add(record.updated_by_id)
    return get_user_model().objects.in_bulk(user_ids)


def _field_changes(
    *, source: str, kind: str, record: Any, before: Any, items: dict
) -> list[FieldChange]:
    """The fields of ``record`` that differ from ``before``, labelled as the forms show them."""
    changes = []
    model = HISTORY_SOURCES[source]
    for name in HISTORY_FIELDS[source]:
        new = getattr(record, name)
        old = getattr(before, name) if before is not None else None
        if source == "answer" and name == "value":
            old, new = _choice_labels(items, record, old), _choice_labels(items, record, new)
        else:
            old, new = _labelled(source, name, old), _labelled(source, name, new)
        if kind == "deleted":
            old, new = new, None
        if before is not None and old == new and kind != "deleted":
            continue
        if before is None and kind == "created" and new in (None, "", [], {}):
            continue
        changes.append(
            FieldChange(
                name=name,
                label=str(model._meta.get_field(name).verbose_name),
                old=_display(old),
                new=_display(new),
                is_text=name in TEXT_FIELDS,
            )
        )
    return changes


def _many_change(*, name: str, record: Any, before: Any, served: dict) -> FieldChange | None:
    """An activity's served priorities or its provinces, when they changed (kept apart by
    simple-history)."""
    old_served = served.get((name, before.history_id), "") if before is not None else ""
    new_served = served.get((name, record.history_id), "")
    if old_served == new_served:
        return None
    return FieldChange(
        name=name,
        label=str(Activity._meta.get_field(name).verbose_name),
        old=old_served,
        new=new_served,
        is_text=False,
    )


def _transition_subject(record: Transition) -> str:
    """ "Submitted → Accepted"; a step that keeps the state (publishing) by its name and
    the revision it concerned: "Publish · revision 7"."""
    if record.from_state == record.to_state and record.revision is not None:
        return _("%(action)s · revision %(revision)d") % {
            "action": record.get_action_display(),
            "revision": record.revision,
        }
    return f"{record.get_from_state_display()} → {record.get_to_state_display()}"


def _transition_entry(*, record: Transition, at: dt.datetime, user: Any) -> HistoryEntry:
    return HistoryEntry(
        source="transition",
        at=at,
        user=user,
        kind=record.action,
        subject=_transition_subject(record),
        transition=record,
    )


def _change_entry(
    *,
    source: str,
    record: Any,
    before: Any,
    at: dt.datetime,
    user: Any,
    items: dict,
    served: dict[tuple[str, int], str],
) -> HistoryEntry:
    """One recorded change of an answer, next step, activity or indicator value."""
    kind = {"+": "created", "~": "changed", "-": "deleted"}[record.history_type]
    changes = _field_changes(source=source, kind=kind, record=record, before=before, items=items)
    if source == "activity":
        for name in ("areas", "priorities"):
            change = _many_change(name=name, record=record, before=before, served=served)
            if change is not None:
                changes.append(change)
    return HistoryEntry(
        source=source,
        at=at,
        user=user,
        kind=kind,
        subject=_subject(source, record, items),
        changes=changes,
        reason=reason_label(record.history_change_reason or ""),
        took_theirs=record.history_change_reason == resolution_reason(Resolution.THEIRS),
    )


def history_entries(
    *, rows: list[tuple], report: Report, layout: ReportLayout
) -> list[HistoryEntry]:
    """Turn one page of ``history_union`` rows into entries with old -> new values.
    Per source two queries (the page's records and each one's previous record), plus
    users and transitions: fixed, whatever the page holds."""
    records, previous = _fetch_records(rows)
    served = _activity_many(records, previous)
    users = _fetch_users(rows, records)
    items = layout.item_by_key()

    entries = []
    for source, pk, at, user_id in rows:
        record = records.get((source, pk))
        if record is None:
            continue
        if user_id is None and source == "answer":
            user_id = record.updated_by_id
        user = users.get(user_id)
        if source == "transition":
            entries.append(_transition_entry(record=record, at=at, user=user))
            continue
        entries.append(
            _change_entry(
                source=source,
                record=record,
                before=previous.get((source, pk)),
                at=at,
                user=user,
                items=items,
                served=served,
            )
        )
    return entries
