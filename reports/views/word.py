"""Word in and out: download a report as a pre-filled .docx; upload a filled one, see
what it would change question by question, and import what the person accepts.

Access: reading the report (``selectors.reports.report_for``, 404 otherwise) for the download;
``permissions.can_import_word`` (403 otherwise) for the upload and the preview.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from .. import permissions
from ..documents.printer import pdf_language
from ..forms.word import HistoryImportForm, WordUploadForm
from ..layout import build_layout
from ..models import MAX_ANSWER_LENGTH, PendingWordImport, Report
from ..selectors.reports import report_for
from ..services.word_import import history_import, word_import_apply
from ..word import pending, stream
from ..word.matcher import layouts_for, match_document
from ..word.preview import CHANGED, NEW, PREVIEW_CHARS, SAME, preview_rows
from ..word.writer import CONTENT_TYPE, docx_filename, render_docx

NOTES = {
    "joined": lambda numbers: (
        _(
            "The file answers this question more than once (its questions %(numbers)s): the "
            "answers are joined."
        )
        % {"numbers": ", ".join(numbers)}
    ),
    "several_marked": lambda numbers: _("Several options are marked: the first one was taken."),
    "cut": lambda numbers: (
        _(
            "The file's answer is longer than an answer can be: only its first %(count)s "
            "characters would be imported. Shorten it in the portal after importing, or in the "
            "file before uploading it again."
        )
        % {"count": number_format(MAX_ANSWER_LENGTH, force_grouping=True)}
    ),
}


@require_GET
def word_export(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(user=request.user, pk=pk)
    language = pdf_language(request.LANGUAGE_CODE)
    response = HttpResponse(render_docx(report, language), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{docx_filename(report, language)}"'
    return response


def _importable(request: HttpRequest, pk: int) -> Report:
    report = report_for(user=request.user, pk=pk)
    if not permissions.can_import_word(request.user, report):
        raise PermissionDenied
    return report


@require_http_methods(["GET", "POST"])
def word_import(request: HttpRequest, pk: int) -> HttpResponse:
    report = _importable(request, pk)
    form = WordUploadForm(request.POST or None, request.FILES or None, report=report)
    if request.method == "POST" and form.is_valid():
        match = match_document(form.document, layouts_for(report))
        token = pending.keep(
            user=request.user,
            report=report,
            source=form.cleaned_data["file"].name[:200],
            match=match,
            file_revision=form.document.properties.get("version", ""),
            file_cut=form.document.cut,
        )
        return redirect("reports:word_preview", pk=report.pk, token=token)
    return render(
        request,
        "reports/word/upload.html",
        {"report": report, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def word_preview(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    report = _importable(request, pk)
    held = pending.get(user=request.user, report_pk=report.pk, token=token)
    if held is None:
        messages.warning(
            request,
            _(
                "This import is no longer open: it was imported or cancelled, it expired "
                "(imports are kept for 8 hours), or it was started by someone else. Upload "
                "the file again."
            ),
        )
        return redirect("reports:word_import", pk=report.pk)
    if request.method == "POST" and "cancel" in request.POST:
        pending.drop(user=request.user, token=token)
        messages.info(request, _("Import cancelled: nothing was saved."))
        return redirect("reports:detail", pk=report.pk)
    if request.method == "POST":
        return _apply(request, report, held)
    return _preview_page(request, report, held)


def _apply(request: HttpRequest, report: Report, held: PendingWordImport) -> HttpResponse:
    """Import the ticked (or every new and changed) answer of ``held``."""
    rows = preview_rows(build_layout(report), held.proposals)
    if "import_all" in request.POST:
        accepted = [r.key for r in rows if r.status in (NEW, CHANGED)]
    else:
        accepted = request.POST.getlist("accept")
    seen = {}
    for key in accepted:
        try:
            revision = int(request.POST.get(f"rev-{key}", "0"))
        except ValueError:
            revision = -1  # a tampered form can only make its own save a conflict
        seen[key] = (revision, request.POST.get(f"orig-{key}", ""))
    outcome = word_import_apply(
        report=report,
        user=request.user,
        proposals=held.proposals,
        accepted=accepted,
        seen=seen,
        source=held.source,
    )
    count = len(outcome.saved)
    messages.success(
        request,
        ngettext(
            "%(count)d answer imported from %(file)s.",
            "%(count)d answers imported from %(file)s.",
            count,
        )
        % {"count": count, "file": held.source},
    )
    if not outcome.conflicts:
        pending.drop(user=request.user, token=held.token)
        return redirect("reports:detail", pk=report.pk)
    items = build_layout(report).item_by_key()
    messages.warning(
        request,
        _(
            "Someone changed questions %(numbers)s since you opened this page: they were "
            "not imported. Check them below and import them again if you still want to."
        )
        % {"numbers": ", ".join(items[k].display_number for k in outcome.conflicts)},
    )
    return redirect("reports:word_preview", pk=report.pk, token=held.token)


def _preview_page(request: HttpRequest, report: Report, held: PendingWordImport) -> HttpResponse:
    rows = preview_rows(build_layout(report), held.proposals)
    for row in rows:
        proposal = row.proposal or {}
        row.notes = [NOTES[code](proposal.get("sources", [])) for code in proposal.get("notes", [])]
    counts = {status: sum(1 for r in rows if r.status == status) for status in (NEW, CHANGED, SAME)}
    stale = (
        held.from_portal
        and held.file_revision.isdigit()
        and int(held.file_revision) < report.revision
    )
    return render(
        request,
        "reports/word/preview.html",
        {
            "report": report,
            "rows": rows,
            "counts": counts,
            "source": held.source,
            "unmatched": held.unmatched,
            "unmatched_left_out": held.unmatched_left_out,
            "file_cut": held.file_cut,
            "max_text": number_format(stream.MAX_TEXT_CHARS, force_grouping=True),
            "from_portal": held.from_portal,
            "file_revision": held.file_revision if stale else "",
            "preview_chars": number_format(PREVIEW_CHARS, force_grouping=True),
        },
    )


@require_http_methods(["GET", "POST"])
def history_import_page(request: HttpRequest) -> HttpResponse:
    """An admin loads a country's report of a past cycle from Word, as history."""
    if not permissions.can_import_history(request.user):
        raise PermissionDenied
    form = HistoryImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            report, match = history_import(
                country=form.cleaned_data["country"],
                cycle=form.cleaned_data["cycle"],
                user=request.user,
                data=form.data_bytes,
                source=form.cleaned_data["file"].name[:200],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _(
                    "The report was imported as accepted history: %(answers)d answers, "
                    "%(steps)d next steps; %(loose)d paragraphs answered no question."
                )
                % {
                    "answers": report.answers.count(),
                    "steps": report.next_steps.count(),
                    "loose": len(match.unmatched),
                },
            )
            return redirect("reports:detail", pk=report.pk)
    return render(
        request,
        "reports/word/history_import.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
