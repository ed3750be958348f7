from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import localize
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from .. import permissions, quality, workflow
from ..layout import ReportLayout, build_layout
from ..models import Report, TransitionAction
from ..publishing import PUBLISHING_ACTIONS
from ..selectors.handover import report_handover
from ..selectors.publications import publication_status
from ..selectors.reports import report_for, report_history_facts, report_steps


@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A report's home: state, deadline, completeness per section, what you may do."""
    report = report_for(user=request.user, pk=pk)
    layout = build_layout(report)
    transitions = report_steps(report=report)
    actions = workflow.allowed_actions(request.user, report)
    can_edit = permissions.can_edit_report(request.user, report)
    sections = _section_rows(report, layout)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            # Four times on the page, two dates formatted each time.
            "cycle_label": report.cycle.label,
            "layout": layout,
            "sections": sections,
            # The checks before submission, for those who may fix them.
            "problems": _problem_rows(layout, sections) if can_edit else None,
            "can_edit": can_edit,
            "can_import_word": permissions.can_import_word(request.user, report),
            "can_assign": permissions.can_manage_assignments(request.user, report),
            "actions": actions,
            "may_submit": TransitionAction.SUBMIT in actions,
            "reviewing": bool(
                {TransitionAction.ACCEPT, TransitionAction.RETURN, TransitionAction.REOPEN}
                & set(actions)
            ),
            "transitions": transitions,
            "publication": publication_status(report=report, transitions=transitions),
            "publishing_actions": [a for a in actions if a in PUBLISHING_ACTIONS],
            # Who submits, and whether a reporter marked it ready: for the country's staff.
            "handover": (
                report_handover(report=report)
                if permissions.is_country_member(request.user, report)
                else None
            ),
            "can_mark_ready": permissions.can_mark_ready_for_focal_point(request.user, report),
            "can_see_owed": permissions.can_see_owed(request.user, report),
            **report_history_facts(report=report, transitions=transitions),
        },
    )


def _section_rows(report: Report, layout: ReportLayout) -> list[dict[str, str]]:
    """The hub's list of sections, each with its link and its count of answered items:
    made here in one pass, as the template's ``url`` and ``blocktranslate`` tags made
    them at a few times the cost (issue 25). Same message, so the same translation."""
    answered = gettext("%(answered)s of %(total)s answered")
    return [
        {
            "url": reverse("reports:section", args=[report.pk, section.section.order]),
            "title": section.title,
            "answered": answered
            % {"answered": localize(section.answered_count), "total": localize(len(section.items))},
        }
        for section in layout.sections
    ]


def _problem_rows(
    layout: ReportLayout, sections: list[dict[str, str]]
) -> dict[str, list[dict[str, str]]]:
    """``quality.report_problems``, blocking first, each with the link to its field: on
    its section's page, whose link ``_section_rows`` has made already."""
    urls = {s.section.order: row["url"] for s, row in zip(layout.sections, sections, strict=True)}
    rows: dict[str, list[dict[str, str]]] = {"blocking": [], "flags": []}
    for problem in quality.report_problems(layout):
        rows["blocking" if problem.blocking else "flags"].append(
            {
                "url": f"{urls[problem.section_order]}#{problem.field_id}",
                "number": problem.item.display_number,
                "message": problem.message,
            }
        )
    return rows
