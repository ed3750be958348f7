import datetime as dt

import pytest
from django.urls import reverse

from reports.models import Questionnaire
from tests.factories import CycleFactory, FrameworkFactory, PriorityFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_cycle_ending_before_it_starts_is_refused_at_the_field(staff_client):
    response = staff_client.post(
        reverse("admin:reports_reportingcycle_add"),
        {
            "framework": FrameworkFactory().pk,
            "starts_on": "2022-05-01",
            "ends_on": "2021-04-30",
            "opens_on": "2023-03-01",
            "deadline": "2023-06-30",
        },
    )
    assert response.status_code == 200
    assert (
        "The period must end after it starts."
        in response.context["adminform"].form.errors["ends_on"]
    )


def roadmap_post(roadmap, priorities):
    theme = roadmap.themes.first()
    data = {
        "country": roadmap.country_id,
        "framework": roadmap.framework_id,
        "version": 1,
        "title": roadmap.title,
        "themes-TOTAL_FORMS": 1,
        "themes-INITIAL_FORMS": 1,
        "themes-0-id": theme.pk,
        "themes-0-roadmap": roadmap.pk,
        "themes-0-number": theme.number,
        "themes-0-name": theme.name,
        "priorities-TOTAL_FORMS": len(priorities),
        "priorities-INITIAL_FORMS": 0,
        "indicatorbaselines-TOTAL_FORMS": 0,
        "indicatorbaselines-INITIAL_FORMS": 0,
        "indicatortargets-TOTAL_FORMS": 0,
        "indicatortargets-INITIAL_FORMS": 0,
    }
    for i, (number, text) in enumerate(priorities):
        data.update(
            {
                f"priorities-{i}-theme": theme.pk,
                f"priorities-{i}-number": number,
                f"priorities-{i}-order": number,
                f"priorities-{i}-text": text,
                f"priorities-{i}-is_active": "on",
            }
        )
    return data


def test_priority_repeating_another_is_refused(staff_client):
    theme = ThemeFactory(name="Child labour prevention in agriculture")
    url = reverse("admin:roadmap_roadmap_change", args=[theme.roadmap.pk])
    text = "Increase awareness raising on the legal framework."
    response = staff_client.post(url, roadmap_post(theme.roadmap, [(3, text), (4, text.upper())]))
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][1].formset.errors
    assert any("repeats priority" in str(e.get("text", "")) for e in errors)
    assert theme.roadmap.priorities.count() == 0


def test_gap_in_numbering_is_saved_with_a_warning(staff_client):
    theme = ThemeFactory(name="Education")
    url = reverse("admin:roadmap_roadmap_change", args=[theme.roadmap.pk])
    response = staff_client.post(
        url,
        roadmap_post(theme.roadmap, [(1, "One"), (2, "Two"), (3, "Three"), (5, "Five")]),
        follow=True,
    )
    assert theme.roadmap.priorities.count() == 4
    assert any("skips priority number(s) 4" in str(m) for m in response.context["messages"])


def test_priority_admin_lists_priorities(staff_client):
    PriorityFactory(text="Establish a national forum")
    response = staff_client.get(reverse("admin:roadmap_priority_changelist") + "?q=forum")
    assert "Establish a national forum" in response.content.decode()


def test_admin_copies_a_questionnaire_to_a_new_cycle(staff_client, report):
    target = CycleFactory(starts_on=dt.date(2023, 5, 1))
    source = report.cycle.questionnaire
    response = staff_client.post(
        reverse("admin:reports_questionnaire_copy", args=[source.pk]), {"cycle": target.pk}
    )
    copy = Questionnaire.objects.get(cycle=target)
    assert response.status_code == 302
    assert copy.sections.count() == source.sections.count()


def test_duplicate_report_is_refused_in_the_admin(staff_client, report):
    response = staff_client.post(
        reverse("admin:reports_report_add"),
        {"country": report.country_id, "cycle": report.cycle_id, "roadmap": report.roadmap_id},
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "already has a report for this cycle" in errors["cycle"][0]


def test_admin_opens_the_reports_of_a_cycle(staff_client, report):
    from reports.models import Report
    from reports.services import questionnaire_copy

    target = CycleFactory(starts_on=dt.date(2023, 5, 1))
    questionnaire_copy(source=report.cycle.questionnaire, cycle=target)
    response = staff_client.post(
        reverse("admin:reports_reportingcycle_changelist"),
        {"action": "open_reports", "_selected_action": [target.pk]},
        follow=True,
    )
    assert Report.objects.filter(cycle=target, country=report.country).exists()
    assert any("1 report(s) opened" in str(m) for m in response.context["messages"])


def test_admin_renders_a_cycles_pdfs_in_the_background(staff_client, report, queued_jobs):
    from reports.models import KeptDocument

    response = staff_client.post(
        reverse("admin:reports_reportingcycle_changelist"),
        {"action": "render_pdfs", "_selected_action": [report.cycle.pk]},
        follow=True,
    )
    assert any("1 render job queued" in str(m) for m in response.context["messages"])
    assert not KeptDocument.objects.exists()  # not rendered in the request

    queued_jobs.run()

    assert set(KeptDocument.objects.values_list("subject_id", "language")) == {
        (report.pk, "en"),
        (report.pk, "vi"),
    }
