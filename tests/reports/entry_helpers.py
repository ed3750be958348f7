"""Helpers for the entry tests: post a section as the page would (every field as loaded,
then the changes a person makes)."""

from __future__ import annotations

from django.urls import reverse

from reports.forms.entry import SectionForm
from reports.layout import Item, build_layout
from reports.models import Report
from reports.structure import structure_changed
from roadmap.structure import structure_changed as roadmap_structure_changed


def forget_structure(report: Report) -> None:
    """New structure tokens for the report's questionnaire and roadmap (as an admin's
    write gives them): the next page reads their structure, as a cold start would."""
    roadmap_structure_changed(report.roadmap_id)
    structure_changed(report.cycle.questionnaire.pk)


def layout_of(report: Report):
    return build_layout(Report.objects.with_context().get(pk=report.pk))


def item(report: Report, code: str, index: int = 0) -> Item:
    """The ``index``-th item of question ``code`` (per priority / next step)."""
    return [i for i in layout_of(report).items() if i.question.code == code][index]


def section_url(report: Report, order: int, name: str = "reports:section") -> str:
    return reverse(name, args=[report.pk, order])


def section_data(report: Report, order: int, **changes) -> dict:
    """The section form as the page loads it, with ``changes`` (field name -> value)."""
    form = SectionForm(section=layout_of(report).section(order))
    data: dict = {}
    for name in form.fields:
        value = form[name].initial
        data[name] = "" if value is None else value
    for formset in form.formsets.values():
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].initial
        for row in formset.forms:
            for name in row.fields:
                value = row[name].initial
                if value not in (None, False):  # as a browser: no value, nothing sent
                    data[row.add_prefix(name)] = value
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
