"""Publishing is a decision, recorded: who may publish, withdraw and consent, and what
each step leaves behind (reports.workflow, reports.publishing)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from reports import workflow
from reports.models import Publication, ReportState, TransitionAction
from reports.revisions import report_touch
from roadmap.models import Role
from tests.factories import FrameworkFactory, member, secretariat_of

from .publishing_support import accept, step

pytestmark = pytest.mark.django_db

PUBLISH, WITHDRAW, CONSENT = (
    TransitionAction.PUBLISH,
    TransitionAction.WITHDRAW,
    TransitionAction.CONSENT,
)


@pytest.fixture
def accepted(report, focal, reviewer):
    return accept(report, focal=focal, reviewer=reviewer)


@pytest.fixture
def secretariat(report):
    return secretariat_of(report.cycle.framework, username="sam")


def test_secretariat_publishes_an_accepted_report(accepted, secretariat):
    record = step(accepted, secretariat, PUBLISH)

    publication = Publication.objects.get(report=accepted)
    assert publication.is_live and publication.revision == accepted.revision
    assert publication.published_by == secretariat
    assert publication.snapshot["country"]["code"] == accepted.country.code
    # Recorded as the other steps are, and the state stays.
    assert (record.action, record.from_state, record.to_state, record.revision) == (
        PUBLISH,
        ReportState.ACCEPTED,
        ReportState.ACCEPTED,
        accepted.revision,
    )
    accepted.refresh_from_db()
    assert accepted.state == ReportState.ACCEPTED


def test_admin_publishes_an_accepted_report(accepted, admin_user):
    step(accepted, admin_user, PUBLISH)
    assert Publication.objects.filter(report=accepted, withdrawn_at__isnull=True).count() == 1


@pytest.mark.parametrize(
    "who", ["reviewer", "focal", "alice", "other_secretariat", "charlie", "other_reviewer"]
)
def test_only_the_secretariat_and_admins_publish(accepted, who, request):
    if who == "other_secretariat":
        user = secretariat_of(FrameworkFactory(slug="programme-x"))
    else:
        user = request.getfixturevalue(who)

    assert PUBLISH not in workflow.allowed_actions(user, accepted)
    with pytest.raises(PermissionDenied):
        step(accepted, user, PUBLISH)
    assert not Publication.objects.exists()
    assert not accepted.transitions.filter(action=PUBLISH).exists()


def test_reviewer_cannot_withdraw(accepted, secretariat, reviewer):
    step(accepted, secretariat, PUBLISH)
    with pytest.raises(PermissionDenied):
        step(accepted, reviewer, WITHDRAW, "Not theirs to decide.")
    assert Publication.objects.get().is_live


def test_only_an_accepted_report_is_published(report, secretariat, focal):
    from .review_support import fill_required

    fill_required(report)
    step(report, focal, TransitionAction.SUBMIT)
    with pytest.raises(ValidationError):
        step(report, secretariat, PUBLISH)
    assert not Publication.objects.exists()


def test_a_second_publish_of_the_same_revision_publishes_nothing(accepted, secretariat):
    step(accepted, secretariat, PUBLISH)
    with pytest.raises(ValidationError) as refused:
        step(accepted, secretariat, PUBLISH)
    assert refused.value.code == "already_published"
    assert Publication.objects.count() == 1
    assert accepted.transitions.filter(action=PUBLISH).count() == 1


def test_withdrawing_needs_a_reason_and_is_recorded(accepted, secretariat):
    step(accepted, secretariat, PUBLISH)
    with pytest.raises(ValidationError):
        step(accepted, secretariat, WITHDRAW, "  ")
    assert Publication.objects.get().is_live

    record = step(accepted, secretariat, WITHDRAW, "A figure is under review.")

    publication = Publication.objects.get()
    assert not publication.is_live
    assert publication.withdrawn_by == secretariat
    assert publication.withdrawn_reason == "A figure is under review."
    assert record.reason == "A figure is under review." and record.action == WITHDRAW
    # Nothing left to withdraw; publishing again makes a new row.
    assert WITHDRAW not in workflow.allowed_actions(secretariat, accepted)
    step(accepted, secretariat, PUBLISH)
    assert Publication.objects.filter(withdrawn_at__isnull=True).count() == 1
    assert Publication.objects.count() == 2


def test_republishing_a_newer_revision_withdraws_the_older_at_the_same_instant(
    accepted, secretariat
):
    step(accepted, secretariat, PUBLISH)
    report_touch(report=accepted, carry_over=False)  # a correction (the revision grows)
    accepted.refresh_from_db()

    step(accepted, secretariat, PUBLISH)

    old, new = Publication.objects.order_by("pk")
    assert new.is_live and new.revision == accepted.revision
    assert not old.is_live and old.withdrawn_at == new.published_at
    assert old.revision < new.revision


def test_reopening_does_not_withdraw_the_publication(accepted, secretariat, reviewer):
    step(accepted, secretariat, PUBLISH)
    step(accepted, reviewer, TransitionAction.REOPEN, "One figure is wrong.")

    accepted.refresh_from_db()
    assert accepted.state == ReportState.RETURNED
    assert Publication.objects.get().is_live
    # While the country revises, the secretariat may still withdraw it.
    assert WITHDRAW in workflow.allowed_actions(secretariat, accepted)


class TestConsent:
    @pytest.fixture(autouse=True)
    def _needs_consent(self, report):
        framework = report.cycle.framework
        framework.publication_needs_consent = True
        framework.save()

    def test_publishing_waits_for_the_focal_points_consent(self, accepted, secretariat, focal):
        assert PUBLISH not in workflow.allowed_actions(secretariat, accepted)
        with pytest.raises(ValidationError) as refused:
            step(accepted, secretariat, PUBLISH)
        assert refused.value.code == "consent_needed"

        consent = step(accepted, focal, CONSENT)
        assert (consent.action, consent.revision, consent.by) == (
            CONSENT,
            accepted.revision,
            focal,
        )
        step(accepted, secretariat, PUBLISH)
        assert Publication.objects.get().revision == accepted.revision

    def test_a_consent_holds_for_its_revision_only(self, accepted, secretariat, focal):
        step(accepted, focal, CONSENT)
        report_touch(report=accepted, carry_over=False)
        accepted.refresh_from_db()
        with pytest.raises(ValidationError):
            step(accepted, secretariat, PUBLISH)
        assert CONSENT in workflow.allowed_actions(focal, accepted)

    def test_a_consent_is_given_once(self, accepted, focal):
        step(accepted, focal, CONSENT)
        assert CONSENT not in workflow.allowed_actions(focal, accepted)
        with pytest.raises(ValidationError):
            step(accepted, focal, CONSENT)
        assert accepted.transitions.filter(action=CONSENT).count() == 1

    @pytest.mark.parametrize("who", ["alice", "reviewer", "secretariat"])
    def test_only_the_focal_point_consents(self, accepted, who, request):
        user = request.getfixturevalue(who)
        with pytest.raises(PermissionDenied):
            step(accepted, user, CONSENT)


def test_no_consent_is_asked_when_the_framework_does_not_need_it(accepted, focal):
    assert CONSENT not in workflow.allowed_actions(focal, accepted)


def test_publishing_tells_the_focal_points_in_their_language(
    report, accepted, secretariat, focal, django_capture_on_commit_callbacks
):
    vi_focal = member(report, Role.FOCAL_POINT, username="vi-focal")
    from reports.models import MailPreference

    MailPreference.objects.create(user=vi_focal, language="vi")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        step(accepted, secretariat, PUBLISH)

    to = {tuple(m.to): m for m in mail.outbox}
    assert set(to) >= {("fiona@example.org",), ("vi-focal@example.org",)}
    assert "alice@example.org" not in {a for m in mail.outbox for a in m.to}
    assert "now public" in to[("fiona@example.org",)].subject
    assert "công khai" in to[("vi-focal@example.org",)].subject


def test_a_consent_tells_the_secretariat(
    report, accepted, secretariat, focal, django_capture_on_commit_callbacks
):
    framework = report.cycle.framework
    framework.publication_needs_consent = True
    framework.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        step(accepted, focal, CONSENT)
    assert [m.to for m in mail.outbox] == [[secretariat.email]]
