from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import permissions, selectors, workflow
from ..layout import build_layout
from ..selectors_review import report_history_facts


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A report's home: state, deadline, completeness per section, what you may do."""
    report = selectors.report_for(request.user, pk)
    layout = build_layout(report)
    transitions = list(report.transitions.select_related("by"))
    actions = workflow.allowed_actions(request.user, report)
    return render(
        request,
        "reports/detail.html",
        {
            "report": report,
            "layout": layout,
            "can_edit": permissions.can_edit_report(request.user, report),
            "can_import_word": permissions.can_import_word(request.user, report),
            "actions": actions,
            "reviewing": bool({"accept", "return", "reopen"} & set(actions)),
            "transitions": transitions,
            **report_history_facts(report, transitions),
        },
    )
