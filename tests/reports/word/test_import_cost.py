"""The preview and the import cost the same number of queries whatever the roadmap's size."""

import pytest
from django.urls import reverse

from tests.factories import member, report_with_form

from .helpers import filled_export, upload

pytestmark = pytest.mark.django_db


def _pending(client, size):
    report = report_with_form(priorities=size)
    owner = member(report, username=f"owner{size}")
    client.force_login(owner)
    answers = {str(n): f"Done for priority {n}." for n in range(1, size + 1)}
    response = client.post(
        reverse("reports:word_import", args=[report.pk]),
        {"file": upload(filled_export(report, answers))},
    )
    return report, response["Location"]


@pytest.mark.parametrize("size", [5, 40])
def test_the_preview_costs_the_same_whatever_the_roadmap(client, django_assert_num_queries, size):
    _report, url = _pending(client, size)
    # session, user, roles, report, the pending import; the layout (carried steps, answers,
    # own next steps; its structure kept since the upload: reports.structure; issue 25:
    # was 13, with sections, questions, choices, priorities and the previous cycle).
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.content.decode().count('data-status="new"') == size


@pytest.mark.parametrize("size", [5, 40])
def test_the_import_costs_the_same_whatever_the_roadmap(client, django_assert_num_queries, size):
    report, url = _pending(client, size)
    # The layout twice (the view's choice of items, the service's under the lock), the
    # lock, one section saved in bulk (its answers read, then their revisions checked
    # again under the lock), the report touched, the pending import read and deleted (the
    # session is no longer written), the search index in step (search.index: six reads
    # and one insert): no query per item. Issue 25: was 42, the layout's structure now
    # kept (reports.structure).
    with django_assert_num_queries(32):
        client.post(url, {"import_all": "1"})
    assert report.answers.count() == size
