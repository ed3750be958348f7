"""Changes since the return cover every kind of thing a report holds: answers, evidence,
statuses of next steps, activities (added, removed, each changed field), indicator values
and their break-downs, next steps; counted per kind at the top, each linked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from reports import workflow
from reports.layout import build_layout
from reports.models import (
    Activity,
    Answer,
    IndicatorValue,
    IndicatorValuePart,
    NextStep,
    QuestionKind,
    Transition,
)
from reports.selectors.changes import report_changes
from reports.services.areas import activity_places_name
from roadmap.models import Priority
from tests.factories import (
    ActivityFactory,
    AreaFactory,
    CycleFactory,
    IndicatorValueFactory,
    NextStepFactory,
    ReportFactory,
    questionnaire_for,
)

from .review_support import fill_required

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(report, focal, reviewer):
    """Submitted with two activities, a figure with a break-down and a next step, then
    returned for revision."""
    fill_required(report, text="Forty officials were trained.")
    code = report.country.code
    AreaFactory(country=report.country, code=f"{code}-HN", name="Ha Noi")
    AreaFactory(country=report.country, code=f"{code}-26", name="Thua Thien Hue", aliases="Huế")
    ActivityFactory(report=report, title="Training in Hanoi", places=["Hà Nội"])
    ActivityFactory(report=report, title="Workshop to drop")
    IndicatorValueFactory(
        report=report, value=2434, parts={"counselling": 541}, breakdown_partial=True
    )
    workflow.report_transition(report=report, user=focal, action="submit")
    workflow.report_transition(report=report, user=reviewer, action="return", reason="Fix")
    return report


def resubmit(report, focal):
    workflow.report_transition(report=report, user=focal, action="submit")


def counts(report) -> dict[str, int]:
    return {c.kind: c.count for c in report_changes(report=report).counts}


def test_an_untouched_resubmission_counts_no_change_of_any_kind(returned, focal):
    resubmit(returned, focal)
    assert set(counts(returned).values()) == {0}


def test_activity_added_removed_and_each_changed_field(returned, focal):
    kept = Activity.objects.get(title="Training in Hanoi")
    kept.participants_women = 30
    kept.save()
    activity_places_name(activity=kept, names=["Huế"])
    Activity.objects.get(title="Workshop to drop").delete()
    added = ActivityFactory(report=returned, title="New forum", kind=Activity.Kind.FORUM)
    resubmit(returned, focal)

    diff = report_changes(report=returned)
    rows = {row.title: row for row in diff.activities}
    assert {t: r.status for t, r in rows.items()} == {
        "Training in Hanoi": "changed",
        "New forum": "added",
        "Workshop to drop": "removed",
    }
    changed = {f.label: (f.old, f.new) for f in rows["Training in Hanoi"].fields}
    # The areas by code, named in the reader's language (English here).
    assert changed == {"Provinces": ("Ha Noi", "Thua Thien Hue"), "Women": ("32", "30")}
    assert rows["New forum"].anchor == f"activity-{added.pk}"
    assert rows["Workshop to drop"].anchor == "activities"
    assert counts(returned)["activity"] == 3


def test_indicator_value_and_break_down_changes(returned, focal):
    value = IndicatorValue.objects.get(report=returned)
    value.value = 2500
    value.save()
    # A returned report is edited again: its break-down parts change at the model layer.
    value.parts.all().delete()
    for order, (label, amount) in enumerate([("counselling", 600), ("referrals", 105)]):
        IndicatorValuePart.objects.create(value=value, label=label, amount=amount, order=order)
    resubmit(returned, focal)

    (row,) = report_changes(report=returned).indicators
    assert row.status == "changed"
    assert row.anchor == f"indicator-{value.indicator_id}"
    assert {f.label: (f.old, f.new) for f in row.fields} == {
        "Value": ("2434", "2500"),
        "Break-down: counselling": ("541", "600"),
        "Break-down: referrals": ("", "105"),
    }


def test_indicator_value_removed(returned, focal):
    IndicatorValue.objects.filter(report=returned).delete()
    resubmit(returned, focal)
    (row,) = report_changes(report=returned).indicators
    assert row.status == "removed"


def test_next_step_fields_and_a_new_next_step(returned, focal):
    step = NextStep.objects.get(report=returned)
    step.targets = "Five training courses"
    step.work_areas = ["child_labour", "forced_labour"]
    step.save()
    NextStepFactory(report=returned, title="Survey of brick kilns")
    resubmit(returned, focal)

    diff = report_changes(report=returned)
    rows = {row.title: row for row in diff.next_steps}
    assert rows["Survey of brick kilns"].status == "added"
    fields = {f.label: f.new for f in rows[step.title].fields}
    assert fields == {
        "Targets": "Five training courses",
        "Work areas": "Child labour, Forced labour",
    }
    # The next-steps question itself is compared row by row, not as one block of text.
    assert not any(c.key.startswith(f"q{step_question(returned)}") for c in diff.changed)


def step_question(report) -> int:
    layout = build_layout(report)
    return next(i.question.pk for i in layout.items() if i.question.kind == QuestionKind.NEXT_STEPS)


def test_evidence_and_plain_answers_are_counted_apart(returned, focal):
    layout = build_layout(returned)
    evidence = next(i for i in layout.items() if i.question.code == "evidence_detail")
    plain = next(i for i in layout.items() if i.question.code == "highlights")
    for item, text in ((evidence, "Police records."), (plain, "A good year.")):
        Answer.objects.update_or_create(
            report=returned, question=item.question, defaults={"text": text}
        )
    resubmit(returned, focal)
    found = counts(returned)
    assert found["evidence"] == 1
    assert found["answer"] == 1


def test_statuses_of_carried_next_steps_are_their_own_kind(report, focal, reviewer):
    previous = report.cycle
    # The report of the next cycle carries this report's next step and asks its status.
    later_cycle = CycleFactory(
        framework=previous.framework,
        starts_on=previous.ends_on + dt.timedelta(days=1),
        ends_on=previous.ends_on + dt.timedelta(days=365),
        deadline=previous.ends_on + dt.timedelta(days=400),
    )
    questionnaire_for(later_cycle)
    NextStepFactory(report=report)
    later = ReportFactory(country=report.country, cycle=later_cycle, roadmap=report.roadmap)
    fill_required(later)
    workflow.report_transition(report=later, user=focal, action="submit")
    workflow.report_transition(report=later, user=reviewer, action="return", reason="Fix")
    status_item = next(
        i
        for i in build_layout(later).items()
        if i.question.kind == QuestionKind.STATUS_PER_NEXT_STEP
    )
    other = [c.value for c in status_item.question.choices.all()][-1]
    Answer.objects.update_or_create(
        report=later,
        question=status_item.question,
        next_step=status_item.next_step,
        defaults={"value": other},
    )
    resubmit(later, focal)
    assert counts(later)["next_step_status"] == 1


def test_changes_page_counts_every_kind_and_links_each_change(client, returned, focal, reviewer):
    Activity.objects.get(title="Workshop to drop").delete()
    IndicatorValue.objects.filter(report=returned).update(value=1)
    resubmit(returned, focal)
    client.force_login(reviewer)
    html = client.get(reverse("reports:changes", args=[returned.pk])).content.decode()
    assert 'data-kind="activity"' in html and 'href="#changes-activity"' in html
    assert 'href="#changes-indicator"' in html
    read = reverse("reports:read", args=[returned.pk])
    assert f'{read}#activities"' in html
    value = IndicatorValue.objects.get(report=returned)
    assert f'{read}#indicator-{value.indicator_id}"' in html
    assert f'id="indicator-{value.indicator_id}"' in client.get(read).content.decode()


def test_a_submission_kept_before_rows_were_says_so(returned, focal):
    first = Transition.objects.filter(report=returned, action="submit").get()
    for key in ("activities", "indicators", "next_steps"):
        first.snapshot.pop(key)
    first.save(update_fields=["snapshot"])
    resubmit(returned, focal)
    diff = report_changes(report=returned)
    assert not diff.rows_recorded and diff.rows == []


def test_question_wording_is_in_the_readers_language(client, returned, focal, reviewer):
    item = next(build_layout(returned).items())
    Answer.objects.filter(pk=item.answer.pk).update(text="Forty-five officials were trained.")
    resubmit(returned, focal)
    with translation.override("vi"):
        vietnamese = next(build_layout(returned).items()).text
    assert vietnamese != item.text
    client.force_login(reviewer)
    url = reverse("reports:changes", args=[returned.pk])
    assert vietnamese in client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()


@pytest.mark.parametrize("activities", [1, 6])
def test_changes_page_queries_do_not_grow_with_the_rows(
    client, returned, focal, reviewer, django_assert_num_queries, activities
):
    priorities = list(Priority.objects.filter(roadmap=returned.roadmap)[:activities])
    for n in range(activities):
        ActivityFactory(report=returned, title=f"Extra {n}").priorities.set(priorities[: n + 1])
    resubmit(returned, focal)
    client.force_login(reviewer)
    url = reverse("reports:changes", args=[returned.pk])
    client.get(url)
    with django_assert_num_queries(QUERIES):
        assert client.get(url).status_code == 200


# Session, user, the report (+ its questionnaire), the reader's access, the submissions,
# the layout (one: the carried next steps; its structure kept, reports.structure; issue
# 25: was six), the names of priorities, of indicators and of the areas the activities
# name.
QUERIES = 9
