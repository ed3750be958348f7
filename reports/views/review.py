"""Review pages: the reviewer queue, the reading view, state changes, comment threads,
what changed since the last submission, and the audit trail.

Views stay thin: access through ``selectors.reports.report_for`` (404 unless readable), writes
through ``reports.workflow`` and ``reports.services.comments``, which check again.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import permissions, publishing, workflow
from ..forms.review import CommentForm, QueueFilterForm, ThreadForm, TransitionForm
from ..layout import build_layout
from ..models import CommentThread, Report, TransitionAction
from ..publishing import PUBLISHING_ACTIONS
from ..selectors.changes import report_changes
from ..selectors.evidence import evidence_rows
from ..selectors.history import history_entries, history_union
from ..selectors.publications import publication_status
from ..selectors.queue import queue_filter_choices, queue_queryset, queue_rows
from ..selectors.reading import reading_rows, reading_sections, rows_with_threads
from ..selectors.reports import report_for, report_history_facts
from ..selectors.threads import (
    comment_target,
    open_threads,
    thread_key,
    threads_by_item,
)
from ..services import comments as comment_services
from ..undecodable import marks_undecodable_bytes, split_undecodable

QUEUE_PAGE_SIZE = 50
HISTORY_PAGE_SIZE = 50


def _next_url(request: HttpRequest, default: str) -> str:
    """Where to go after a form posted from another page (an entry page, say)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    """Reports handed in by the countries the reviewer covers, oldest submission first."""
    if not permissions.can_use_review_queue(request.user):
        raise PermissionDenied(_("The review queue is for reviewers."))
    cycles, countries = queue_filter_choices(user=request.user)
    form = QueueFilterForm(
        request.GET or {"state": "submitted"}, cycles=cycles, countries=countries
    )
    form.is_valid()  # invalid values are dropped below, not shown as errors
    filters = {name: form.cleaned_data.get(name) for name in ("cycle", "country")}
    reports = queue_queryset(
        user=request.user,
        **filters,
        state=form.cleaned_data.get("state") or "",
        sort=form.cleaned_data.get("sort") or "oldest",
    )
    page = Paginator(reports, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reports/review/queue.html",
        {
            "form": form,
            "page": page,
            "rows": queue_rows(reports=list(page.object_list)),
            "query": _query_without_page(request),
        },
    )


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _transition_forms(actions: list[str]) -> list[tuple[str, object]]:
    """The decisions on the report (submit, return, accept, reopen); publishing has its
    own panel (``reports/includes/publication_panel.html``)."""
    return [
        (action, TransitionForm(rule=workflow.RULES[action], auto_id=f"id_{action}_%s"))
        for action in actions
        if action not in PUBLISHING_ACTIONS
    ]


@require_GET
def read(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole report on one page, with its threads, history and the actions allowed."""
    report = report_for(user=request.user, pk=pk)
    layout = build_layout(report)
    threads = threads_by_item(report=report)
    activities, values, agencies = reading_rows(report=report, layout=layout)
    # Without the answers each submission kept (``snapshot``, for the diff): the page
    # never shows them, and a report handed in often would read them all (issue 25).
    transitions = list(
        report.transitions.select_related("by").defer("snapshot").order_by("at", "pk")
    )
    facts = report_history_facts(report=report, transitions=transitions)
    actions = workflow.allowed_actions(request.user, report)
    return render(
        request,
        "reports/review/read.html",
        {
            "report": report,
            "layout": layout,
            "sections": reading_sections(layout=layout, threads=threads, agencies=agencies),
            "open_threads": open_threads(layout=layout, threads=threads),
            "activities": activities,
            "indicator_values": values,
            **rows_with_threads(activities=activities, values=values, threads=threads),
            "evidence": evidence_rows(
                report=report, layout=layout, activities=activities, values=values
            ),
            "transitions": transitions,
            "has_previous_submission": facts["submissions"] > 1,
            "is_late": facts["is_late"],
            "late_reason": facts["late_reason"],
            "change_note": facts["change_note"],
            "transition_forms": _transition_forms(actions),
            "publication": publication_status(report=report, transitions=transitions),
            "publishing_actions": [a for a in actions if a in PUBLISHING_ACTIONS],
            "can_comment": permissions.can_comment(request.user, report),
            "can_edit": permissions.can_edit_report(request.user, report),
            "is_reviewer": permissions.is_reviewer_of(request.user, report),
            **_search_context(request),
        },
    )


def _search_context(request: HttpRequest) -> dict[str, str]:
    """A reading view opened from a search hit (``?q=``): the words to mark (the template
    reads them with the search app's ``search_marks`` tags; no query) and the way back to
    the results, with their filters when the browser says it came from them."""
    query = request.GET.get("q", "").strip()
    if not query:
        return {}
    search_url = reverse("search:search")
    back = request.META.get("HTTP_REFERER", "")
    came_from_search = (
        url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        and urlsplit(back).path == search_url
    )
    if not came_from_search:
        back = f"{search_url}?{urlencode({'q': query})}"
    return {"search_query": query, "search_back": back}


@require_http_methods(["GET", "POST"])
def transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Confirm and take one step of the workflow. Everything is checked again in
    ``workflow.report_transition``; a refused step changes nothing and says why."""
    report = report_for(user=request.user, pk=pk)
    rule = workflow.RULES.get(action)
    if rule is None:
        raise Http404
    read_url = reverse("reports:read", args=[report.pk])
    if not workflow.may(request.user, report, action):
        messages.error(request, _refusal(request.user, report, action))
        return redirect(read_url)
    form = TransitionForm(request.POST or None, rule=rule)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.report_transition(
                report=report,
                user=request.user,
                action=action,
                reason=form.cleaned_data["reason"],
            )
        except PermissionDenied as refused:
            messages.error(request, str(refused) or _("You may not do this on this report."))
            return redirect(read_url)
        except ValidationError as invalid:
            if hasattr(invalid, "error_dict"):
                form.add_error(None, invalid)
            else:
                messages.error(request, " ".join(invalid.messages))
                return redirect(read_url)
        else:
            messages.success(request, _done_message(action))
            return redirect(read_url)
    # Open threads warn before Accept and Submit (they never block).
    warn = action in (TransitionAction.ACCEPT, TransitionAction.SUBMIT)
    return render(
        request,
        "reports/review/transition.html",
        {
            "report": report,
            "rule": rule,
            "action": action,
            "form": form,
            "open_threads": open_threads(
                layout=build_layout(report), threads=threads_by_item(report=report)
            )
            if warn
            else [],
        },
        status=400 if form.errors else 200,
    )


def _refusal(user, report: Report, action: str) -> str:
    rule = workflow.RULES[action]
    if action in PUBLISHING_ACTIONS and report.state in rule.sources:
        refused = publishing.check(report, action)
        if refused is not None and publishing.holds_role(user, report, action):
            return " ".join(refused.messages)
    if report.state not in rule.sources:
        return _("This report is %(state)s: it cannot be changed that way now.") % {
            "state": report.get_state_display().lower()
        }
    return _("You may not do this on this report.")


def _done_message(action: str) -> str:
    return {
        TransitionAction.SUBMIT: _("The report was submitted. Its reviewers have been notified."),
        TransitionAction.RETURN: _("The report was returned to the country for revision."),
        TransitionAction.ACCEPT: _("The report was accepted."),
        TransitionAction.REOPEN: _("The report was reopened for revision."),
        TransitionAction.PUBLISH: _(
            "The report is on the public pages. Its focal point has been told; the public "
            "PDF is being prepared."
        ),
        TransitionAction.WITHDRAW: _("The report was withdrawn from the public pages."),
        TransitionAction.CONSENT: _(
            "Thank you: the secretariat may now publish this revision of the report."
        ),
    }[action]


def _posted(request: HttpRequest) -> tuple[QueryDict | None, set[str]]:
    """The POST (None on GET) with bytes that were not UTF-8 found (see undecodable)."""
    if request.method != "POST":
        return None, set()
    return split_undecodable(request)


@marks_undecodable_bytes
@require_http_methods(["GET", "POST"])
def thread_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a thread on one item of the report. GET shows the form on its own page
    (and POST errors come back to it)."""
    report = report_for(user=request.user, pk=pk)
    layout = build_layout(report, with_answers=False)
    data, undecodable = _posted(request)
    key = (data or request.GET).get("item") or ""
    target = comment_target(report=report, layout=layout, key=key)
    if target is None:
        raise Http404
    form = ThreadForm(data, initial={"item": key}, undecodable=undecodable)
    if request.method == "POST" and form.is_valid():
        try:
            thread = comment_services.thread_start(
                report=report,
                user=request.user,
                body=form.cleaned_data["body"],
                key=form.cleaned_data["key"],
                **target.kwargs,
            )
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            messages.success(request, _("Your comment was posted."))
            default = thread.get_absolute_url()
            return HttpResponseRedirect(_next_url(request, default))
    return render(
        request,
        "reports/review/comment_form.html",
        {
            "report": report,
            "target": target,
            "form": form,
            "next": _next_url(request, ""),
        },
        status=400 if form.errors else 200,
    )


def _thread(report: Report, thread_pk: int) -> CommentThread:
    return get_object_or_404(
        CommentThread.objects.select_related("report", "question"),
        pk=thread_pk,
        report=report,
    )


@marks_undecodable_bytes
@require_http_methods(["GET", "POST"])
def thread_reply(request: HttpRequest, pk: int, thread_pk: int) -> HttpResponse:
    report = report_for(user=request.user, pk=pk)
    thread = _thread(report, thread_pk)
    data, undecodable = _posted(request)
    form = CommentForm(data, undecodable=undecodable)
    if request.method == "POST" and form.is_valid():
        try:
            comment_services.comment_add(
                thread=thread,
                user=request.user,
                body=form.cleaned_data["body"],
                key=form.cleaned_data["key"],
            )
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            messages.success(request, _("Your reply was posted."))
            default = thread.get_absolute_url()
            return HttpResponseRedirect(_next_url(request, default))
    layout = build_layout(report, with_answers=False)
    target = comment_target(report=report, layout=layout, key=thread_key(thread))
    return render(
        request,
        "reports/review/comment_form.html",
        {
            "report": report,
            "target": target,
            "thread": thread,
            "form": form,
            "next": _next_url(request, ""),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def thread_resolve(request: HttpRequest, pk: int, thread_pk: int) -> HttpResponse:
    """Mark a thread resolved, or (``resolved=0``) open it again."""
    report = report_for(user=request.user, pk=pk)
    thread = _thread(report, thread_pk)
    resolved = request.POST.get("resolved", "1") != "0"
    comment_services.thread_resolve(thread=thread, user=request.user, resolved=resolved)
    messages.success(
        request,
        _("The thread was marked resolved.") if resolved else _("The thread was opened again."),
    )
    default = thread.get_absolute_url()
    return HttpResponseRedirect(_next_url(request, default))


@require_GET
def changes(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed between the last two submissions: answers, evidence, statuses of next
    steps, activities, indicator values, next steps."""
    report = report_for(user=request.user, pk=pk)
    return render(
        request,
        "reports/review/changes.html",
        {"report": report, "diff": report_changes(report=report)},
    )


@require_GET
def history(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's audit trail: every change of what the country wrote, every step of
    the review, newest first."""
    report = report_for(user=request.user, pk=pk)
    page = Paginator(history_union(report=report), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    layout = build_layout(report, with_answers=False)
    return render(
        request,
        "reports/review/history.html",
        {
            "report": report,
            "page": page,
            "entries": history_entries(rows=list(page.object_list), report=report, layout=layout),
        },
    )
