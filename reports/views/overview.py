from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .. import permissions, selectors, workflow
from ..layout import build_layout
from ..selectors_review import report_is_late


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A report's home: state, deadline, completeness per section, what you may do."""
    report = selectors.report_for(request.user, pk)
    layout = build_layout(report)
    transitions = list(report.transitions.select_related("by"))
    first_submission = next((t.at for t in transitions if t.action == "submit"), None)
    actions = workflow.allowed_actions(request.user, report)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "layout": layout,
            "can_edit": permissions.can_edit_report(request.user, report),
            "actions": actions,
            "reviewing": bool({"accept", "return", "reopen"} & set(actions)),
            "transitions": transitions,
            "submissions": sum(1 for t in transitions if t.action == "submit"),
            "is_late": report_is_late(
                report, first_submitted_at=first_submission, today=timezone.localdate()
            ),
        },
    )
