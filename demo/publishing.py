"""What the demo's public pages show: Viet Nam's accepted 2022-2023 report, published
after its focal point consented, and the latest accepted report of a few monitoring
countries. Every step goes through ``reports.workflow`` (the consent and publish steps a
person takes on the report's pages), so the demo holds the same rows, audit trail and
queued jobs as real use. Called by ``seed_demo``; a second seeding publishes nothing
twice."""

from __future__ import annotations

from reports import publishing, workflow
from reports.models import Report, ReportState, TransitionAction
from roadmap.models import Framework, Role

# Besides Viet Nam: the monitoring countries whose latest accepted report is public.
PUBLISHED_COUNTRIES = ("CL", "UG", "NP")


def load(*, framework: Framework, users: dict) -> int:
    """Publish the demo's public reports; the number published now."""
    if not framework.publication_needs_consent:
        framework.publication_needs_consent = True
        framework.save(update_fields=["publication_needs_consent", "updated_at"])
    published = 0
    reports = [_accepted(framework, "VN", year=2022)]
    reports += [_accepted(framework, code) for code in PUBLISHED_COUNTRIES]
    for report in reports:
        if report is not None and _publish(report, users["secretariat"]):
            published += 1
    return published


def _accepted(framework: Framework, code: str, *, year: int | None = None) -> Report | None:
    """The country's accepted report of the cycle starting in ``year``, else its latest."""
    reports = Report.objects.with_context().filter(
        country__code=code, cycle__framework=framework, state=ReportState.ACCEPTED
    )
    if year is not None:
        reports = reports.filter(cycle__starts_on__year=year)
    return reports.order_by("-cycle__starts_on").first()


def _focal_point(report: Report):
    membership = (
        report.country.memberships.filter(role=Role.FOCAL_POINT)
        .select_related("user")
        .order_by("user__username")
        .first()
    )
    return membership.user if membership is not None else None


def _publish(report: Report, secretariat) -> bool:
    """Consent (by the country's focal point) where needed, then publish."""
    if publishing.check(report, TransitionAction.CONSENT) is None:
        focal = _focal_point(report)
        if focal is None:
            return False
        workflow.report_transition(report=report, user=focal, action=TransitionAction.CONSENT)
    if publishing.check(report, TransitionAction.PUBLISH) is not None:
        return False  # public already (a second seeding)
    workflow.report_transition(report=report, user=secretariat, action=TransitionAction.PUBLISH)
    return True
