"""Activities of a report: the form's validation, the pages, stale saves, permissions."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from reports.forms.activities import ActivityForm, parse_provinces
from reports.models import Activity, Report, ReportState
from reports.services.activities import ActivityData, activity_update
from roadmap.models import Priority
from tests.factories import ActivityFactory, AreaFactory, PriorityFactory, report_with_form

pytestmark = pytest.mark.django_db


def valid_post(report: Report, **overrides) -> dict:
    priorities = list(Priority.objects.filter(roadmap=report.roadmap).order_by("pk")[:2])
    data = {
        "title": "Training for enterprise staff",
        "kind": Activity.Kind.TRAINING,
        "starts_on": "2023-03-01",
        "ends_on": "2023-03-02",
        "unlisted_areas": "Đà Nẵng, Quảng Nam",
        "organisers": "ILO; VCCI",
        "partners": "Enterprises of 9 central provinces",
        "participants_women": "32",
        "participants_men": "8",
        "participants_total": "40",
        "priorities": [str(p.pk) for p in priorities],
        "description": "Codes of conduct.",
    }
    data.update(overrides)
    return data


def submitted(report: Report) -> Report:
    report.state = ReportState.SUBMITTED
    report.submitted_at = timezone.now()
    report.save()
    return report


# --- The form ---------------------------------------------------------------------------


def bound(report: Report, **overrides) -> ActivityForm:
    return ActivityForm(valid_post(report, **overrides), report=report)


def test_a_complete_activity_is_valid(report):
    form = bound(report)
    assert form.is_valid(), form.errors
    data = form.to_data()
    # The country has no list: the names are kept as typed, "not in the list".
    assert (data.coverage, data.unlisted_areas) == ("areas", ["Đà Nẵng", "Quảng Nam"])
    assert data.starts_on == dt.date(2023, 3, 1)
    assert len(data.priorities) == 2


def test_end_date_before_start_is_refused_at_the_end_date(report):
    form = bound(report, ends_on="2023-02-01")
    assert not form.is_valid()
    # The framework's rule gives the message (the database refuses it anyway).
    assert form.errors.as_data()["ends_on"][0].code == "activity_end_after_start"
    assert form.errors["ends_on"] == ["An activity cannot end before it starts."]


def test_women_and_men_above_the_total_are_refused_at_the_total(report):
    form = bound(report, participants_women="32", participants_men="8", participants_total="30")
    assert not form.is_valid()
    assert form.errors["participants_total"] == [
        "Women (32) and men (8) together cannot exceed the total (30)."
    ]


def test_a_total_above_women_and_men_is_fine_the_rest_are_of_unknown_sex(report):
    assert bound(report, participants_total="55").is_valid()


@pytest.mark.parametrize("field", ["participants_women", "participants_men", "participants_total"])
def test_negative_participant_numbers_are_refused(report, field):
    form = bound(report, **{field: "-1"})
    assert not form.is_valid()
    assert form.errors.as_data()[field][0].code == "min_value"


def test_an_empty_total_is_filled_from_women_and_men(report):
    form = bound(report, participants_total="")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["participants_total"] == 40


def test_an_empty_total_with_only_women_given_counts_the_women(report):
    form = bound(report, participants_men="", participants_total="")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["participants_total"] == 32


def test_no_participant_figures_at_all_is_allowed(report):
    form = bound(report, participants_women="", participants_men="", participants_total="")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["participants_total"] is None


def test_a_priority_of_another_roadmap_is_refused(report):
    foreign = PriorityFactory()
    form = bound(report, priorities=[str(foreign.pk)])
    assert not form.is_valid()
    assert form.errors.as_data()["priorities"][0].code == "invalid_choice"


def test_only_active_priorities_of_the_report_roadmap_are_offered(report):
    retired = Priority.objects.filter(roadmap=report.roadmap).first()
    retired.is_active = False
    retired.save()
    PriorityFactory()  # another roadmap's
    form = ActivityForm(report=report)
    offered = {p.pk for p in form.fields["priorities"].queryset}
    expected = set(
        Priority.objects.filter(roadmap=report.roadmap, is_active=True).values_list("pk", flat=True)
    )
    assert offered == expected
    # Grouped by theme for the checkboxes: four themes in the report's roadmap.
    assert len(form.fields["priorities"].widget.choices) == 4


def test_a_retired_priority_already_served_stays_on_the_edit_form(report):
    priority = Priority.objects.filter(roadmap=report.roadmap).first()
    activity = ActivityFactory(report=report)
    activity.priorities.add(priority)
    priority.is_active = False
    priority.save()
    form = ActivityForm(report=report, activity=activity)
    assert priority in form.fields["priorities"].queryset


def test_provinces_are_trimmed_and_deduplicated():
    decomposed = unicodedata.normalize("NFD", "Hà Nội")
    assert parse_provinces(" Hà Nội ,An  Giang,, hà nội;" + decomposed + "\nĐà Nẵng") == [
        "Hà Nội",
        "An Giang",
        "Đà Nẵng",
    ]


def test_a_description_over_20000_characters_is_refused(report):
    form = bound(report, description="x" * 20_001)
    assert not form.is_valid()
    assert form.errors.as_data()["description"][0].code == "max_length"


# --- Adding, editing, deleting ------------------------------------------------------------


def test_the_owner_adds_an_activity(client, report, alice):
    client.force_login(alice)
    before = report.revision
    response = client.post(reverse("reports:activity_add", args=[report.pk]), valid_post(report))
    assert response.status_code == 302
    assert response.url == reverse("reports:activities", args=[report.pk])
    activity = report.activities.get()
    assert activity.title == "Training for enterprise staff"
    assert activity.unlisted_areas == ["Đà Nẵng", "Quảng Nam"]
    assert (activity.participants_women, activity.participants_men) == (32, 8)
    assert activity.priorities.count() == 2
    report.refresh_from_db()
    assert report.revision == before + 1


def test_an_invalid_activity_is_shown_again_with_the_text_typed(client, report, alice):
    client.force_login(alice)
    response = client.post(
        reverse("reports:activity_add", args=[report.pk]),
        valid_post(report, participants_total="30", description="Một mô tả dài"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Women (32) and men (8) together cannot exceed the total (30)." in html
    assert 'href="#id_participants_total"' in html  # the error summary links to the field
    assert "Một mô tả dài" in html
    assert 'value="Training for enterprise staff"' in html
    assert not report.activities.exists()


def test_a_colleague_edits_an_activity(client, report, bob):
    activity = ActivityFactory(report=report, title="Old title")
    client.force_login(bob)
    url = reverse("reports:activity_edit", args=[report.pk, activity.pk])
    page = client.get(url)
    assert 'value="Old title"' in page.content.decode()
    before = report.revision
    response = client.post(url, valid_post(report, title="New title", revision="1"))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "New title"
    assert activity.revision == 2
    report.refresh_from_db()
    assert report.revision == before + 1


def test_a_save_on_a_stale_revision_is_refused_showing_both_versions(client, report, alice, bob):
    activity = ActivityFactory(report=report, title="Loaded title", participants_total=40)
    # Bob saves first, while Alice still has revision 1 open.
    activity_update(
        activity=activity,
        revision=1,
        data=ActivityData(
            title="Bob's title",
            kind=Activity.Kind.TRAINING,
            starts_on=activity.starts_on,
            participants_women=32,
            participants_men=8,
            participants_total=45,
        ),
    )
    client.force_login(alice)
    url = reverse("reports:activity_edit", args=[report.pk, activity.pk])
    response = client.post(url, valid_post(report, title="Alice's title", revision="1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="conflict"' in html
    assert "Bob&#x27;s title" in html  # stored now
    assert 'value="Alice&#x27;s title"' in html  # what she typed, still in the form
    assert 'name="revision" value="2"' in html  # saving again, having compared, applies hers
    activity.refresh_from_db()
    assert activity.title == "Bob's title"

    again = client.post(url, valid_post(report, title="Alice's title", revision="2"))
    assert again.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.revision) == ("Alice's title", 3)


def test_saving_an_activity_deleted_meanwhile_keeps_the_text_and_offers_to_add_it(
    client, report, alice
):
    activity = ActivityFactory(report=report)
    url = reverse("reports:activity_edit", args=[report.pk, activity.pk])
    client.force_login(alice)
    assert client.get(url).status_code == 200
    activity.delete()  # a colleague deletes it while Alice types
    response = client.post(url, valid_post(report, title="Kept text", revision="1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="conflict"' in html
    assert 'value="Kept text"' in html
    assert f'action="{reverse("reports:activity_add", args=[report.pk])}"' in html
    assert client.get(url).status_code == 404


def test_delete_asks_for_confirmation_then_deletes(client, report, alice):
    activity = ActivityFactory(report=report, title="To remove")
    client.force_login(alice)
    url = reverse("reports:activity_delete", args=[report.pk, activity.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "To remove" in page.content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()
    before = report.revision
    response = client.post(url, {"revision": "1"})
    assert response.status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    report.refresh_from_db()
    assert report.revision == before + 1


def test_delete_on_a_stale_revision_shows_the_activity_as_it_is_now(client, report, alice):
    activity = ActivityFactory(report=report, title="Before")
    Activity.objects.filter(pk=activity.pk).update(title="Changed by Bob", revision=2)
    client.force_login(alice)
    url = reverse("reports:activity_delete", args=[report.pk, activity.pk])
    response = client.post(url, {"revision": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="conflict"' in html
    assert "Changed by Bob" in html
    assert 'name="revision" value="2"' in html
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_html_in_a_description_is_shown_as_text(client, report, alice):
    ActivityFactory(report=report, description='<script>alert("x")</script><b>bold</b>')
    client.force_login(alice)
    html = client.get(reverse("reports:activities", args=[report.pk])).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<script>alert" not in html


# --- Permissions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("alice", 200), ("bob", 200), ("focal", 200), ("charlie", 404), ("admin_user", 200)],
)
def test_who_may_see_the_activities_of_a_draft(client, report, request, who, status):
    ActivityFactory(report=report)
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("reports:activities", args=[report.pk])).status_code == status


def test_a_reviewer_does_not_see_a_draft_never_handed_in(client, report, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("reports:activities", args=[report.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, report):
    response = client.get(reverse("reports:activities", args=[report.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_owner_sees_edit_and_delete_links(client, report, alice):
    activity = ActivityFactory(report=report)
    client.force_login(alice)
    html = client.get(reverse("reports:activities", args=[report.pk])).content.decode()
    assert reverse("reports:activity_edit", args=[report.pk, activity.pk]) in html
    assert reverse("reports:activity_delete", args=[report.pk, activity.pk]) in html
    assert reverse("reports:activity_add", args=[report.pk]) in html


@pytest.mark.parametrize("who", ["alice", "reviewer", "admin_user"])
def test_a_submitted_report_is_read_only(client, report, request, who):
    activity = ActivityFactory(report=report)
    submitted(report)
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("reports:activities", args=[report.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert activity.title in html
    assert reverse("reports:activity_edit", args=[report.pk, activity.pk]) not in html
    assert reverse("reports:activity_add", args=[report.pk]) not in html


@pytest.mark.parametrize("who", ["alice", "reviewer", "admin_user"])
def test_crafted_writes_on_a_submitted_report_get_403_and_change_nothing(
    client, report, request, who
):
    activity = ActivityFactory(report=report, title="Handed in")
    submitted(report)
    revision = Report.objects.get(pk=report.pk).revision
    client.force_login(request.getfixturevalue(who))
    post = valid_post(report, title="Sneaked in", revision="1")
    urls = [
        reverse("reports:activity_add", args=[report.pk]),
        reverse("reports:activity_edit", args=[report.pk, activity.pk]),
        reverse("reports:activity_delete", args=[report.pk, activity.pk]),
    ]
    for url in urls:
        assert client.post(url, post).status_code == 403
    activity.refresh_from_db()
    assert activity.title == "Handed in"
    assert report.activities.count() == 1
    assert Report.objects.get(pk=report.pk).revision == revision


def test_a_reviewer_never_edits_even_a_returned_report(client, report, reviewer):
    report.state = ReportState.RETURNED
    report.submitted_at = timezone.now()
    report.save()
    client.force_login(reviewer)
    response = client.post(reverse("reports:activity_add", args=[report.pk]), valid_post(report))
    assert response.status_code == 403
    assert not report.activities.exists()


def test_crafted_writes_on_another_countrys_report_get_404(client, report, charlie):
    activity = ActivityFactory(report=report, title="Theirs")
    client.force_login(charlie)
    post = valid_post(report, revision="1")
    assert client.post(reverse("reports:activity_add", args=[report.pk]), post).status_code == 404
    edit = reverse("reports:activity_edit", args=[report.pk, activity.pk])
    assert client.post(edit, post).status_code == 404
    delete = reverse("reports:activity_delete", args=[report.pk, activity.pk])
    assert client.post(delete, {"revision": "1"}).status_code == 404
    activity.refresh_from_db()
    assert activity.title == "Theirs"
    assert report.activities.count() == 1


def test_an_activity_of_another_report_is_not_found_through_this_one(client, report, alice):
    elsewhere = ActivityFactory()  # another country's report
    client.force_login(alice)
    url = reverse("reports:activity_edit", args=[report.pk, elsewhere.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, valid_post(report, revision="1")).status_code == 404


def test_a_crafted_post_with_a_foreign_priority_is_refused_at_the_field(client, report, alice):
    foreign = PriorityFactory()
    client.force_login(alice)
    response = client.post(
        reverse("reports:activity_add", args=[report.pk]),
        valid_post(report, priorities=[str(foreign.pk)]),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not report.activities.exists()


# --- Cost -------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_costs_the_same_number_of_queries_however_many_activities(
    client, django_assert_num_queries, count
):
    report = report_with_form(priorities=15)
    from tests.factories import member

    owner = member(report)
    priorities = list(Priority.objects.filter(roadmap=report.roadmap))
    AreaFactory(country=report.country, name="An Giang")
    for i in range(count):
        activity = ActivityFactory(report=report, places=["An Giang", f"P{i % 5}"])
        activity.priorities.set(priorities[i % 15 : i % 15 + 2])
    client.force_login(owner)
    # 1 session, 2 user, 3 memberships (roles), 4 report with country/cycle/roadmap,
    # 5 activities, 6 their priorities with themes, 7 their areas, 8 the report's evidence
    # files.
    with django_assert_num_queries(8):
        response = client.get(reverse("reports:activities", args=[report.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('class="badge rounded-pill') >= count


# --- The services, as the last line of defence ------------------------------------------


def test_the_service_refuses_a_priority_of_another_roadmap(report):
    from reports.services.activities import activity_create

    data = ActivityData(
        title="T", kind="training", starts_on=dt.date(2023, 1, 1), priorities=[PriorityFactory()]
    )
    with pytest.raises(ValidationError) as caught:
        activity_create(report=report, data=data)
    assert caught.value.code == "foreign_priority"
    assert not report.activities.exists()


def test_the_service_refuses_writes_once_the_report_is_handed_in(report):
    from reports.services.activities import activity_create, activity_delete

    activity = ActivityFactory(report=report)
    # The page was opened while a draft; the report was submitted before the save arrived.
    stale_copy = Report.objects.get(pk=report.pk)
    submitted(report)
    data = ActivityData(title="Late", kind="training", starts_on=dt.date(2023, 1, 1))
    for write in (
        lambda: activity_create(report=stale_copy, data=data),
        lambda: activity_update(activity=activity, revision=1, data=data),
        lambda: activity_delete(activity=activity, revision=1),
    ):
        with pytest.raises(ValidationError) as caught:
            write()
        assert caught.value.code == "report_locked"
    activity.refresh_from_db()
    assert activity.title != "Late"
    assert report.activities.count() == 1


def test_the_model_constraint_still_guards_participants(report):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityFactory(
            report=report, participants_women=30, participants_men=20, participants_total=40
        )
