"""Viet Nam's evidence files in the demo: small PDFs made at seeding time, attached through
the same service as the upload page (``reports.services.evidence.evidence_add``), so
they pass the same checks and are kept in the same storage.

The titles follow the evidence the real 2022-2023 report names for question 29 (surveys,
case studies, reports of ministries); the texts inside the PDFs are written for the demo.
"""

from __future__ import annotations

import uuid

from django.core.files.base import ContentFile

from reports.layout import build_layout
from reports.models import Evidence, EvidenceLanguage, Report
from reports.services.evidence import EvidenceTarget, evidence_add

# (title, language, question code or None for the first activity, lines of the PDF)
FILES: list[tuple[str, str, str | None, list[str]]] = [
    (
        "MOLISA report on the National Programme on Child Protection 2021-2030, first year",
        EvidenceLanguage.ENGLISH,
        "evidence_detail",
        [
            "Ministry of Labour, Invalids and Social Affairs",
            "National Programme on Child Protection 2021-2030: report on the first year",
            "Provinces reporting: 63. Children supported by child protection services.",
        ],
    ),
    (
        "Báo cáo đánh giá thực hiện Quyết định 782 về phòng ngừa, giảm thiểu lao động trẻ em",
        EvidenceLanguage.VIETNAMESE,
        "evidence_detail",
        [
            "Bo Lao dong - Thuong binh va Xa hoi",
            "Bao cao danh gia thuc hien Quyet dinh 782/QD-TTg",
            "Chuong trinh phong ngua, giam thieu lao dong tre em giai doan 2021-2025",
        ],
    ),
    (
        "Survey design note: forced labour in the agricultural value chain (GSO and ILO)",
        EvidenceLanguage.ENGLISH,
        "evidence_challenges",
        [
            "General Statistics Office and ILO",
            "Survey on forced labour in the agricultural value chain: design note",
        ],
    ),
    (
        "Forum on international commitments to end child labour: programme and attendance",
        EvidenceLanguage.ENGLISH,
        None,
        [
            "Forum on international commitments to child labour prevention and elimination",
            "Ha Noi, 27 May 2022. 120 participants from MOLISA, VCCI, VCA, ILO and FAO.",
        ],
    ),
]


# Marked "may be shown on the public pages" by the country: the ministries' published
# reports and the forum's programme. The survey's design note stays internal.
PRIVATE_TITLES = {
    "Survey design note: forced labour in the agricultural value chain (GSO and ILO)",
}


def small_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF showing ``lines`` (ASCII) in Helvetica: a few hundred bytes,
    made in microseconds (WeasyPrint would take a second per file at every seeding)."""
    text = "".join(
        f"BT /F1 11 Tf 56 {780 - 18 * n} Td ({_escape(line)}) Tj ET\n"
        for n, line in enumerate(lines)
    ).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _escape(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def attach(report: Report, user) -> None:
    """Attach the demo's files to ``report`` (a draft), once: a second seeding finds them
    by their client keys, made from the titles."""
    if Evidence.objects.filter(report=report).exists():
        return
    questions = {item.question.code: item.question for item in build_layout(report).items()}
    activity = report.activities.order_by("starts_on", "pk").first()
    for title, language, code, lines in FILES:
        if code is None:
            if activity is None:
                continue
            target = EvidenceTarget(activity=activity)
        else:
            target = EvidenceTarget(question=questions[code])
        upload = ContentFile(small_pdf(lines), name=f"{code or 'activity'}.pdf")
        evidence_add(
            report=report,
            user=user,
            target=target,
            title=title,
            language=language,
            upload=upload,
            key=uuid.uuid5(uuid.NAMESPACE_URL, f"pathfinder-demo:{report.pk}:{title}"),
            is_public=title not in PRIVATE_TITLES,
        )
