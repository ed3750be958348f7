"""Evidence files: attach one (from the section, activities or indicator page), download
one (anyone who may read the report: ``selectors.evidence.evidence_for``, 404 otherwise),
remove one or say whether it may be shown on the public pages (while the report is a
draft or returned).

A download is always an attachment, with the type the portal detected and
``nosniff``: a file is never shown inside the portal's pages, whatever it holds.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from .. import permissions
from ..evidence.model import FROZEN_MESSAGE
from ..forms.evidence import EvidenceForm
from ..layout import build_layout
from ..models import Evidence, Report
from ..selectors.evidence import attached_to, evidence_for, first_items
from ..selectors.reports import report_for
from ..services.evidence import (
    EvidenceTarget,
    evidence_add,
    evidence_delete,
    evidence_set_public,
)

KINDS = ("question", "activity", "indicator")


def _target(report: Report, kind: str, target_pk: int) -> tuple[EvidenceTarget, str, str]:
    """The target a URL names (404 unless it is of this report), how the page names it,
    and the page to go back to."""
    if kind == "activity":
        activity = report.activities.filter(pk=target_pk).first()
        if activity is None:
            raise Http404
        back = reverse("reports:activities", args=[report.pk]) + f"#activity-{activity.pk}"
        return (
            EvidenceTarget(activity=activity),
            _("Activity: %(title)s") % {"title": activity.title},
            back,
        )
    if kind == "indicator":
        value = report.indicator_values.select_related("indicator").filter(pk=target_pk).first()
        if value is None:
            raise Http404
        back = reverse("reports:indicators", args=[report.pk])
        return (
            EvidenceTarget(indicator_value=value),
            _("Indicator: %(name)s") % {"name": value.indicator.shown_name},
            back,
        )
    item = first_items(layout=build_layout(report, with_answers=False)).get(target_pk)
    if kind != "question" or item is None:
        raise Http404
    back = reverse("reports:section", args=[report.pk, item.question.section.order])
    label = _("Question %(number)s: %(text)s") % {"number": item.number, "text": item.text}
    return EvidenceTarget(question=item.question), label, back + "#evidence"


@require_http_methods(["GET", "POST"])
def evidence_add_view(request: HttpRequest, pk: int, kind: str, target_pk: int) -> HttpResponse:
    report = report_for(user=request.user, pk=pk, for_parts=True)
    target, label, back = _target(report, kind, target_pk)
    if not permissions.can_edit_part(request.user, report, **target.part()):
        # A contributor learns nothing of parts that are not theirs.
        if not permissions.can_view_report(request.user, report):
            raise Http404
        raise PermissionDenied
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            evidence = evidence_add(
                report=report,
                user=request.user,
                target=target,
                title=form.cleaned_data["title"],
                language=form.cleaned_data["language"],
                upload=form.cleaned_data["file"],
                key=form.cleaned_data["key"],
                is_public=form.cleaned_data["is_public"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("File “%(title)s” attached.") % {"title": evidence})
            return redirect(back)
    return render(
        request,
        "reports/evidence/add.html",
        {"report": report, "form": form, "target_label": label, "back": back},
        status=400 if form.errors else 200,
    )


def _ascii_name(title: str, extension: str, fallback: str) -> str:
    """A file name any browser and proxy takes: ASCII letters, digits, dots and dashes."""
    folded = unicodedata.normalize("NFKD", title.replace("đ", "d").replace("Đ", "D"))
    stem = re.sub(r"[^A-Za-z0-9.]+", "-", folded.encode("ascii", "ignore").decode())
    stem = stem.strip(".-")[:80].strip(".-") or fallback
    return f"{stem}.{extension}"


def download_headers(evidence: Evidence) -> dict[str, str]:
    """The headers of a download: an attachment under a safe ASCII name, the title in
    UTF-8 beside it (``filename*``), the detected type, and no sniffing."""
    extension = evidence.file_type
    ascii_name = _ascii_name(evidence.title, extension, f"evidence-{evidence.pk}")
    utf8_name = quote(f"{evidence.title}.{extension}", safe="")
    return {
        "Content-Type": evidence.media_type,
        "Content-Disposition": (
            f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{utf8_name}"
        ),
        "X-Content-Type-Options": "nosniff",
    }


@require_safe
def evidence_download(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    evidence = evidence_for(user=request.user, report_pk=pk, pk=evidence_pk)
    try:
        handle = evidence.file.open("rb")
    except OSError:
        # Its row without its file (a database restored without its media): say it is not
        # there, rather than fail.
        raise Http404 from None
    response = FileResponse(handle)
    for header, value in download_headers(evidence).items():
        response[header] = value
    return response


def _back(report: Report, evidence: Evidence, questions: dict) -> str:
    """The page a file was attached on."""
    if evidence.activity_id:
        return reverse("reports:activities", args=[report.pk])
    if evidence.indicator_value_id:
        return reverse("reports:indicators", args=[report.pk])
    item = questions.get(evidence.question_id)
    if item is None:
        return reverse("reports:read", args=[report.pk])
    return reverse("reports:section", args=[report.pk, item.question.section.order]) + "#evidence"


@require_http_methods(["GET", "POST"])
def evidence_delete_view(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    evidence = evidence_for(user=request.user, report_pk=pk, pk=evidence_pk)
    report = evidence.report
    if not permissions.can_change_evidence(request.user, report):
        raise PermissionDenied
    questions = first_items(layout=build_layout(report, with_answers=False))
    label = attached_to(evidence, questions=questions)
    back = _back(report, evidence, questions)
    if request.method == "POST":
        try:
            evidence_delete(evidence=evidence, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("File “%(title)s” removed.") % {"title": evidence})
            return redirect(back)
    return render(
        request,
        "reports/evidence/confirm_delete.html",
        {"report": report, "evidence": evidence, "target_label": label, "back": back},
    )


@require_POST
def evidence_public_view(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    """The control beside each file: ``is_public`` says the state wanted ("1" or "0"), not
    a flip, so a form sent twice leaves the file as the first one did."""
    evidence = evidence_for(user=request.user, report_pk=pk, pk=evidence_pk)
    report = evidence.report
    refused = not permissions.can_change_evidence(request.user, report)
    if refused and (
        report.is_editable_state or not permissions.is_country_member(request.user, report)
    ):
        raise PermissionDenied
    back = _back(report, evidence, _questions(report, evidence))
    if refused:
        # The country's own report, handed in since the page was shown: say why.
        messages.error(request, str(FROZEN_MESSAGE))
        return redirect(back)
    wanted = request.POST.get("is_public") == "1"
    try:
        evidence_set_public(evidence=evidence, user=request.user, is_public=wanted)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        done = (
            _("“%(title)s” may be shown on the public pages once the report is published.")
            if wanted
            else _("“%(title)s” will not be shown on the public pages.")
        )
        messages.success(request, done % {"title": evidence})
    return redirect(back)


def _questions(report: Report, evidence: Evidence) -> dict:
    """The questions ``_back`` looks a file's section up in: only a question's file needs
    them (the laid-out report is kept per process, but an activity's file skips it)."""
    if evidence.question_id is None:
        return {}
    return first_items(layout=build_layout(report, with_answers=False))
