"""Upload a Word file into a draft, check the preview, import what is ticked."""

import re

import pytest
from django.urls import reverse

from reports.layout import build_layout
from reports.models import Activity, Answer, IndicatorValue, PendingWordImport
from reports.services.answers import AnswerInput, section_save

from .helpers import filled_export, upload

pytestmark = pytest.mark.django_db


def _item(report, code, position=0):
    return [i for i in build_layout(report).items() if i.question.code == code][position]


def _upload(client, report, data, name="report.docx"):
    return client.post(
        reverse("reports:word_import", args=[report.pk]), {"file": upload(data, name)}
    )


def _preview_form(client, url) -> dict:
    """The hidden revision/digest fields and the ticked boxes, as a browser would send them."""
    page = client.get(url).content.decode()
    data = dict(re.findall(r'name="((?:rev|orig)-[^"]+)" value="([^"]*)"', page))
    data["accept"] = re.findall(r'name="accept" value="([^"]+)"[^>]*checked', page)
    return data


@pytest.mark.parametrize("who", ["alice", "bob", "focal"])
def test_country_staff_upload_and_see_a_preview(client, report, who, request):
    client.force_login(request.getfixturevalue(who))
    highlights = _item(report, "highlights")
    response = _upload(
        client, report, filled_export(report, {highlights.display_number: "Our highlight."})
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert f'data-testid="preview-{highlights.key}" data-status="new"' in page
    assert "Our highlight." in page


def test_an_outsider_gets_404_and_a_reviewer_may_download_but_not_import(
    client, report, charlie, reviewer
):
    data = filled_export(report, {})
    client.force_login(charlie)
    assert _upload(client, report, data).status_code == 404
    assert client.get(reverse("reports:word_export", args=[report.pk])).status_code == 404
    # Returned for revision: the reviewer reads it, only the country edits it.
    report.state, report.submitted_at = "returned", report.created_at
    report.save()
    client.force_login(reviewer)
    assert _upload(client, report, data).status_code == 403
    assert client.get(reverse("reports:word_export", args=[report.pk])).status_code == 200


def test_ticked_answers_are_saved_with_the_file_in_the_audit_trail(client, report, alice):
    client.force_login(alice)
    highlights, lessons = _item(report, "highlights"), _item(report, "lessons")
    data = filled_export(
        report, {highlights.display_number: "From Word.", lessons.display_number: "Skipped."}
    )
    url = _upload(client, report, data, name="Viet Nam draft.docx")["Location"]
    form = _preview_form(client, url)
    form["accept"] = [highlights.key]  # all but one: the lessons are skipped
    response = client.post(url, {**form, "import_selected": "1"}, follow=True)
    assert "1 answer imported from Viet Nam draft.docx." in response.content.decode()
    saved = Answer.objects.get(report=report, question=highlights.question)
    assert saved.text == "From Word." and saved.updated_by == alice
    assert not Answer.objects.filter(report=report, question=lessons.question).exists()
    record = saved.history.latest()
    assert record.history_user == alice
    assert record.history_change_reason == "Word file: Viet Nam draft.docx"
    assert not PendingWordImport.objects.exists()  # confirmed: gone
    history = client.get(reverse("reports:history", args=[report.pk])).content.decode()
    assert "From Word." in history
    assert '<span data-testid="change-reason">Word file: Viet Nam draft.docx</span>' in history


def test_what_was_typed_in_the_portal_is_kept_unless_ticked(client, report, alice):
    highlights = _item(report, "highlights")
    Answer.objects.create(report=report, question=highlights.question, text="Typed in the portal")
    client.force_login(alice)
    data = filled_export(report, {highlights.display_number: "From Word."})
    url = _upload(client, report, data)["Location"]
    page = client.get(url).content.decode()
    assert f'data-testid="preview-{highlights.key}" data-status="changed"' in page
    assert f'value="{highlights.key}" id="accept-{highlights.key}">' in page  # not ticked
    client.post(url, {**_preview_form(client, url), "import_selected": "1"})
    assert Answer.objects.get(report=report, question=highlights.question).text == (
        "Typed in the portal"
    )


def test_import_all_replaces_after_the_person_chose_it(client, report, alice):
    highlights = _item(report, "highlights")
    Answer.objects.create(report=report, question=highlights.question, text="Typed in the portal")
    client.force_login(alice)
    url = _upload(client, report, filled_export(report, {highlights.display_number: "From Word."}))[
        "Location"
    ]
    client.post(url, {**_preview_form(client, url), "import_all": "1"})
    assert Answer.objects.get(report=report, question=highlights.question).text == "From Word."


def test_a_colleagues_save_after_the_preview_is_a_conflict(client, report, alice, bob):
    highlights, lessons = _item(report, "highlights"), _item(report, "lessons")
    client.force_login(alice)
    data = filled_export(
        report, {highlights.display_number: "From Word.", lessons.display_number: "Lessons."}
    )
    url = _upload(client, report, data)["Location"]
    form = _preview_form(client, url)
    section = build_layout(report).section(highlights.question.section.order)
    section_save(
        report=report,
        user=bob,
        layout_section=section,
        answers=[
            AnswerInput(highlights.key, "Bob's text", None, 0, form[f"orig-{highlights.key}"])
        ],
    )
    response = client.post(url, {**form, "import_selected": "1"}, follow=True)
    page = response.content.decode()
    assert f"Someone changed questions {highlights.display_number}" in page
    assert Answer.objects.get(report=report, question=highlights.question).text == "Bob's text"
    assert Answer.objects.get(report=report, question=lessons.question).text == "Lessons."


def test_activities_and_figures_are_not_guessed_into_records(client, report, alice):
    item = _item(report, "priority_progress")
    client.force_login(alice)
    text = "Training for 40 trainees (32 women and 8 men) on 3 March 2023; 2,434 calls."
    url = _upload(client, report, filled_export(report, {item.display_number: text}))["Location"]
    client.post(url, {**_preview_form(client, url), "import_selected": "1"})
    assert Answer.objects.get(report=report, priority=item.priority).text == text
    assert not Activity.objects.filter(report=report).exists()
    assert not IndicatorValue.objects.filter(report=report).exists()


def test_text_in_the_file_is_shown_never_rendered(client, report, alice):
    item = _item(report, "highlights")
    client.force_login(alice)
    data = filled_export(report, {item.display_number: "<script>alert(1)</script><b>x</b>"})
    page = client.get(_upload(client, report, data)["Location"]).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_expired_import_sends_back_to_the_upload(client, report, alice):
    client.force_login(alice)
    response = client.get(reverse("reports:word_preview", args=[report.pk, "nope"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:word_import", args=[report.pk])


def test_the_report_page_offers_word_in_and_out(client, report, alice, reviewer):
    client.force_login(alice)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'data-testid="word-import"' in page and 'data-testid="word-export"' in page
    report.state = "submitted"
    report.save()
    client.force_login(reviewer)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'data-testid="word-import"' not in page and 'data-testid="word-export"' in page


def test_download_as_word_comes_in_the_readers_language(client, report, alice):
    client.force_login(alice)
    response = client.get(
        reverse("reports:word_export", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="vi"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        f"{report.country.code}-{report.cycle.code}-r{report.revision}-vi.docx"
        in response["Content-Disposition"]
    )
