"""reports.services.evidence and the model's freeze: every path that writes evidence
checks the file first, keeps a retried upload once, and leaves a handed-in report's
files as they were."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from reports.models import Evidence, Question, Report, ReportState
from reports.services.evidence import EvidenceTarget, evidence_add, evidence_delete
from tests.factories import ActivityFactory, CountryFactory, report_with_form
from tests.reports import evidence_samples as samples

pytestmark = pytest.mark.django_db


def question_of(report: Report, code: str = "evidence_detail") -> Question:
    return Question.objects.get(section__questionnaire__cycle=report.cycle, code=code)


def attach(report, user, *, content=None, name="survey.pdf", key=None, **target) -> Evidence:
    target = target or {"question": question_of(report)}
    return evidence_add(
        report=report,
        user=user,
        target=EvidenceTarget(**target),
        title="Survey of child labour in An Giang",
        language="en",
        upload=samples.upload(name, samples.pdf() if content is None else content),
        key=key,
    )


def hand_in(report: Report, state: str = ReportState.SUBMITTED) -> None:
    Report.objects.filter(pk=report.pk).update(state=state, submitted_at=timezone.now())
    report.refresh_from_db()


def test_an_upload_is_kept_under_a_name_the_portal_makes(report, alice):
    evidence = attach(report, alice, name="../../etc/passwd.pdf")
    assert evidence.file.name.startswith(f"evidence/{report.pk}/")
    assert evidence.file.name.endswith(".pdf") and "passwd" not in evidence.file.name
    assert evidence.original_name == "passwd.pdf"
    assert evidence.file.read() == samples.pdf()
    assert (evidence.file_type, evidence.size, evidence.uploaded_by) == (
        "pdf",
        0 + len(samples.pdf()),
        alice,
    )
    assert evidence.is_public is False


def test_an_upload_bumps_the_report_revision_for_its_pdf(report, alice):
    before = report.revision
    attach(report, alice)
    report.refresh_from_db()
    assert report.revision == before + 1


def test_a_retried_upload_keeps_one_file(report, alice, settings):
    key = uuid.uuid4()
    first = attach(report, alice, key=key)
    again = attach(report, alice, key=key)
    assert again.pk == first.pk
    assert Evidence.objects.count() == 1
    files = list((settings.MEDIA_ROOT / "evidence" / str(report.pk)).iterdir())
    assert len(files) == 1


def test_a_refused_upload_keeps_nothing_and_says_which_fields(report, alice, settings):
    with pytest.raises(ValidationError) as caught:
        evidence_add(
            report=report,
            user=alice,
            target=EvidenceTarget(question=question_of(report)),
            title="  ",
            language="fr",
            upload=samples.upload("report.pdf", b"not a pdf"),
        )
    assert set(caught.value.error_dict) == {"title", "language", "file"}
    assert not Evidence.objects.exists()
    assert not (settings.MEDIA_ROOT / "evidence").exists()


def test_an_image_is_kept_reencoded(report, alice):
    evidence = attach(report, alice, content=samples.png(trailing=samples.PAYLOAD), name="a.png")
    kept = evidence.file.read()
    assert evidence.file_type == "png" and samples.PAYLOAD not in kept
    assert evidence.size == len(kept)


def test_colleague_may_attach_and_outsider_and_reviewer_may_not(
    report, alice, bob, charlie, reviewer
):
    assert attach(report, bob).uploaded_by == bob
    for user in (charlie, reviewer):
        with pytest.raises(PermissionDenied):
            attach(report, user)


def test_a_row_of_another_report_is_refused(report, alice):
    other = ActivityFactory(report=report_with_form(country=CountryFactory(), priorities=1))
    with pytest.raises(PermissionDenied):
        attach(report, alice, activity=other)


def test_an_upload_to_a_handed_in_report_is_refused(report, alice):
    activity = ActivityFactory(report=report)
    hand_in(report)
    with pytest.raises(PermissionDenied):
        attach(report, alice, activity=activity)


def test_deletion_is_refused_once_handed_in_and_allowed_again_when_returned(report, alice):
    evidence = attach(report, alice)
    hand_in(report)
    evidence.report = report
    with pytest.raises(PermissionDenied):
        evidence_delete(evidence=evidence, user=alice)
    # Below the service: the model refuses too, whatever path deletes or changes it.
    with pytest.raises(ValidationError), transaction.atomic():
        Evidence.objects.filter(pk=evidence.pk).delete()
    with pytest.raises(ValidationError), transaction.atomic():
        evidence.delete()
    evidence.title = "Renamed"
    with pytest.raises(ValidationError):
        evidence.save()
    assert Evidence.objects.get(pk=evidence.pk).title == "Survey of child labour in An Giang"

    hand_in(report, ReportState.RETURNED)
    evidence_delete(evidence=Evidence.objects.get(pk=evidence.pk), user=alice)
    assert not Evidence.objects.exists()


def test_a_returned_report_may_add_more(report, alice):
    attach(report, alice)
    hand_in(report, ReportState.RETURNED)
    attach(report, alice)
    assert report.evidence.count() == 2


def test_public_is_frozen_with_a_handed_in_report_by_every_path(report, alice):
    """One rule, where the row is written: the service refuses (tested with the view),
    and so do ``save`` (even of that one field) and a queryset's ``update``."""
    evidence = attach(report, alice)
    hand_in(report, ReportState.ACCEPTED)
    evidence.is_public = True
    with pytest.raises(ValidationError), transaction.atomic():
        evidence.save(update_fields=["is_public"])
    with pytest.raises(ValidationError), transaction.atomic():
        Evidence.objects.filter(pk=evidence.pk).update(is_public=True)
    assert not Evidence.objects.get(pk=evidence.pk).is_public


def test_a_queryset_may_change_files_of_an_open_report(report, alice):
    evidence = attach(report, alice)
    assert Evidence.objects.filter(pk=evidence.pk).update(is_public=True) == 1


def test_bulk_create_into_a_handed_in_report_is_refused(report, alice):
    evidence = attach(report, alice)
    hand_in(report, ReportState.SUBMITTED)
    copy = Evidence(
        report=report,
        question=evidence.question,
        title="Copy",
        language=evidence.language,
        file=evidence.file.name,
        file_type=evidence.file_type,
        size=evidence.size,
        sha256=evidence.sha256,
        uploaded_by=alice,
    )
    with pytest.raises(ValidationError), transaction.atomic():
        Evidence.objects.bulk_create([copy])
    assert report.evidence.count() == 1


def test_removing_a_whole_report_takes_its_files(
    report, alice, settings, django_capture_on_commit_callbacks
):
    evidence = attach(report, alice)
    stored = settings.MEDIA_ROOT / evidence.file.name
    hand_in(report, ReportState.ACCEPTED)
    with pytest.raises(ValidationError), transaction.atomic():
        Evidence.objects.filter(report=report).delete()
    with django_capture_on_commit_callbacks(execute=True):
        report.delete()
    assert not Evidence.objects.exists()
    assert not stored.exists()


def test_a_deleted_file_leaves_the_storage(
    report, alice, settings, django_capture_on_commit_callbacks
):
    evidence = attach(report, alice)
    stored = settings.MEDIA_ROOT / evidence.file.name
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        evidence_delete(evidence=evidence, user=alice)
    assert not stored.exists()


def test_the_database_refuses_a_file_on_two_targets(report, alice):
    from django.db import IntegrityError

    evidence = attach(report, alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.filter(pk=evidence.pk).update(activity=ActivityFactory(report=report))
