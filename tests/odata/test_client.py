"""The feed opened by a real OData v4 client (python-odata: $metadata first, then entity
sets, a filter, following @odata.nextLink as Power BI does) against the live test server."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from roadmap.models import Role
from tests.factories import (
    ActivityFactory,
    CycleFactory,
    ReportFactory,
    member,
    report_with_form,
)

pytestmark = pytest.mark.django_db(transaction=True)

CLIENT = Path(__file__).with_name("odata_client.py")


def test_a_real_odata_client_reads_metadata_filters_and_pages(
    live_server, client, settings, tmp_path
):
    settings.ODATA_PAGE_SIZE = 2  # three activities per cycle: two pages
    first = report_with_form(priorities=4)
    later_cycle = CycleFactory(starts_on=first.cycle.starts_on.replace(year=2023))
    later = ReportFactory(country=first.country, cycle=later_cycle, roadmap=first.roadmap)
    for report in (first, later):
        for n in range(3):
            ActivityFactory(report=report, title=f"{report.cycle.code} activity {n}")
    report_with_form(priorities=4)  # another country's: not read
    client.force_login(member(first, Role.FOCAL_POINT))

    found = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-I",
                str(CLIENT),
                f"{live_server.url}/odata/v4/alliance87/",
                client.cookies["sessionid"].value,
                first.cycle.code,
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
    )

    assert found["entity_sets"] == sorted(
        [
            "Countries",
            "Reports",
            "Answers",
            "NextSteps",
            "Activities",
            "Participants",
            "IndicatorValues",
        ]
    )
    # The filter applied, and the client followed @odata.nextLink to the third row.
    assert found["activity_titles"] == [f"{first.cycle.code} activity {n}" for n in range(3)]
    assert sorted(count for _id, count in found["women_rows"]) == [32] * 6
    assert found["participants_count"] == 12  # women and men of six activities
    assert sorted(found["reports"]) == sorted(
        [[first.pk, first.cycle.code, "draft"], [later.pk, later.cycle.code, "draft"]]
    )
