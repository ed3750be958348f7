import io

import pytest
from django.core.management import call_command

from reports.models import Report
from tests.demo_day import DRAFT_DAY, freeze_today


@pytest.fixture
def demo_report(db, monkeypatch):
    """Viet Nam's 2022-2023 draft as the demo loads it during that cycle (the seed Word
    document is that report): 14 priorities (the seed's repeated one held once), five next
    steps carried over from 2021-2022, partly answered."""
    freeze_today(monkeypatch, DRAFT_DAY)
    call_command("seed_demo", stdout=io.StringIO())
    return Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)
