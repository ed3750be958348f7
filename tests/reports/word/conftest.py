import io

import pytest
from django.core.management import call_command

from reports.models import Report


@pytest.fixture
def demo_report(db):
    """Viet Nam's 2022-2023 draft as the demo loads it: 14 priorities (the seed's repeated
    one held once), five next steps carried over from 2021-2022, partly answered."""
    call_command("seed_demo", stdout=io.StringIO())
    return Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)
