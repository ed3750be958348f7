import pytest

from reports.models import Report


@pytest.fixture
def demo_report(db, demo_snapshot):
    """Viet Nam's 2022-2023 draft as the demo loads it: 14 priorities (the seed's repeated
    one held once), five next steps carried over from 2021-2022, partly answered."""
    demo_snapshot.load()
    return Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)
