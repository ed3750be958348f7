"""The admin shows report content but never writes it: answers, activities, next steps,
indicator values, comments and the audit trail change only through the services and the
workflow, which check the report's state and bump its revision."""

from __future__ import annotations

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from reports import workflow
from reports.models import (
    Activity,
    Answer,
    Comment,
    CommentThread,
    IndicatorValue,
    NextStep,
    Report,
    Transition,
)
from tests.factories import ActivityFactory, IndicatorValueFactory

from .review_support import fill_required

pytestmark = pytest.mark.django_db

MODELS = [Answer, Activity, NextStep, IndicatorValue, CommentThread, Transition]


@pytest.fixture
def content(report, focal, reviewer):
    """A submitted report with one row of every kind the admin shows."""
    fill_required(report)
    ActivityFactory(report=report)
    IndicatorValueFactory(report=report)
    workflow.report_transition(report=report, user=focal, action="submit")
    thread = CommentThread.objects.create(
        report=report, question=report.answers.first().question, created_by=reviewer
    )
    Comment.objects.create(thread=thread, author=reviewer, body="Please give the source.")
    return report


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


def url(model, view: str, *args) -> str:
    return reverse(f"admin:reports_{model._meta.model_name}_{view}", args=args)


def fingerprint(model) -> list[dict]:
    return [model_to_dict(o) for o in model.objects.order_by("pk")]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_report_content_admin_shows_but_refuses_every_write(staff, content, model):
    obj = model.objects.first()
    before = fingerprint(model), content.revision, Comment.objects.count()
    data = {k: v for k, v in model_to_dict(obj).items() if v is not None}

    assert staff.get(url(model, "changelist")).status_code == 200
    assert staff.get(url(model, "changelist"), {"q": "x"}).status_code == 200
    assert staff.get(url(model, "change", obj.pk)).status_code == 200
    assert staff.post(url(model, "change", obj.pk), data).status_code == 403
    assert staff.post(url(model, "add"), data).status_code == 403
    assert staff.post(url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    staff.post(
        url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )

    content.refresh_from_db()
    assert (fingerprint(model), content.revision, Comment.objects.count()) == before


@pytest.mark.parametrize("model", [Answer, Activity, NextStep, IndicatorValue])
def test_history_revert_is_not_a_write_path(staff, content, model):
    obj = model.objects.first()
    version = obj.history.earliest()
    before = fingerprint(model)
    data = {k: v for k, v in model_to_dict(obj).items() if v is not None}
    history_url = url(model, "simple_history", obj.pk, version.pk)

    assert staff.get(history_url).status_code == 200
    assert staff.post(history_url, data).status_code == 403
    assert fingerprint(model) == before


def test_comments_inline_is_read_only(staff, content):
    thread = CommentThread.objects.get()
    response = staff.get(url(CommentThread, "change", thread.pk))

    (comments,) = response.context["inline_admin_formsets"]
    assert not comments.has_change_permission
    assert not comments.has_add_permission
    assert not comments.has_delete_permission
    assert "Please give the source." in response.content.decode()


def test_a_report_is_not_edited_in_the_admin(staff, content):
    other = content.roadmap.__class__.objects.create(
        country=content.country, framework=content.roadmap.framework, version=2, title="v2"
    )
    data = {"country": content.country_id, "cycle": content.cycle_id, "roadmap": other.pk}

    assert staff.get(url(Report, "change", content.pk)).status_code == 200
    assert staff.post(url(Report, "change", content.pk), data).status_code == 403
    content.refresh_from_db()
    assert content.roadmap_id != other.pk


def test_a_handed_in_report_is_not_deleted_in_the_admin(staff, content):
    staff.post(url(Report, "delete", content.pk), {"post": "yes"})
    staff.post(
        url(Report, "changelist"),
        {"action": "delete_selected", "_selected_action": [content.pk], "post": "yes"},
    )
    assert Report.objects.filter(pk=content.pk).exists()
