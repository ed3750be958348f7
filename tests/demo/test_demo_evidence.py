"""demo.evidence: Viet Nam's 2022-2023 report carries a few evidence files, small valid
PDFs attached through the upload's own service, which its reviewer downloads."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from demo.evidence import FILES
from reports.models import Evidence, EvidenceLanguage
from tests.demo_day import freeze_today

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    freeze_today(monkeypatch, dt.date(2026, 12, 6))


def test_viet_nams_accepted_report_has_its_evidence_files(client):
    call_command("seed_demo", stdout=io.StringIO())
    files = list(Evidence.objects.select_related("report__cycle", "activity"))
    assert [f.title for f in files] == [title for title, *_rest in FILES]
    assert {f.report.cycle.code for f in files} == {"2022-2023"}
    assert {f.language for f in files} == {EvidenceLanguage.ENGLISH, EvidenceLanguage.VIETNAMESE}
    assert any(f.activity_id for f in files) and any(f.question_id for f in files)
    for evidence in files:
        reader = PdfReader(io.BytesIO(evidence.file.read()))
        assert len(reader.pages) == 1 and reader.pages[0].extract_text()
    # Seeding again adds none.
    call_command("seed_demo", stdout=io.StringIO())
    assert Evidence.objects.count() == len(files)

    client.force_login(get_user_model().objects.get(username="ilo-reviewer"))
    first = files[0]
    response = client.get(reverse("reports:evidence", args=[first.report_id, first.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
