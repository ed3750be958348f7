import pytest

from reports.models import Report
from tests.demo_day import DRAFT_DAY, freeze_today


@pytest.fixture
def demo_report(db, monkeypatch, demo_snapshot):
    """Viet Nam's 2022-2023 draft as the demo loads it during that cycle (the seed Word
    document is that report): 14 priorities (the seed's repeated one held once), five next
    steps carried over from 2021-2022, partly answered."""
    freeze_today(monkeypatch, DRAFT_DAY)
    demo_snapshot.load(DRAFT_DAY)
    return Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)
