"""Contributors of other agencies on Viet Nam's newest draft (issue 24): the agencies its
2022-2023 report names as sources (question 31), a person of each, and parts assigned to
them in every state, written through the assignment services as the focal point and the
contributors would (``reports.services.assignments``).

Which report: Viet Nam's newest draft, the current cycle's (or, seeded during 2022-2023,
the 2022-2023 report). Left alone once it has assignments. People and agencies are
invented for the demo; the agencies are those the report names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from reports.assignment_models import Assignment, AssignmentTarget
from reports.models import IndicatorValue, Report, ReportState
from reports.services import assignments as assigning
from reports.services.activities import IndicatorValueData, indicator_values_save
from roadmap.models import Agency, Country, Indicator, Membership, Priority, Role

AGENCIES = {
    "mps": ("Ministry of Public Security", "Bộ Công an"),
    "gso": ("General Statistics Office", "Tổng cục Thống kê"),
    "poverty": (
        "National Target Office for Poverty Reduction",
        "Văn phòng Quốc gia về giảm nghèo",
    ),
}

# username, first, last, email, agency
CONTRIBUTORS = [
    ("vn-police", "Lê Văn", "Thắng", "thang@mps.example", "mps"),
    ("vn-statistics", "Phạm Thị", "Lan", "lan@gso.example", "gso"),
    ("vn-poverty", "Đỗ Minh", "Tuấn", "tuan@poverty.example", "poverty"),
]

RETURN_NOTE = (
    "Please add the number of cases investigated in 2022, as in last year's report, and "
    "say which provinces the figures cover."
)


def newest_draft(country: Country) -> Report | None:
    return (
        Report.objects.filter(country=country, state=ReportState.DRAFT)
        .order_by("-cycle__starts_on")
        .first()
    )


def load(*, country: Country, users: dict, password: str, now: dt.datetime) -> dict:
    """The three contributors (returned by username, for the accounts list) and their
    assignments on the newest draft."""
    people = _people(country, password)
    report = newest_draft(country)
    if report is None or Assignment.objects.filter(report=report).exists():
        return people
    focal = users["vn-focal"]
    today = timezone.localdate(now)
    priorities = list(
        Priority.objects.filter(roadmap=report.roadmap, is_active=True).order_by(
            "theme__number", "number"
        )
    )
    trafficking = [p for p in priorities if p.theme.number == 2]
    indicator = Indicator.objects.filter(country=country, is_active=True).order_by("order").first()

    def give(kind: str, target_id: int, person, due_in: int, note: str = "") -> Assignment:
        [made] = assigning.assign(
            report=report,
            user=focal,
            kind=kind,
            target_id=target_id,
            assignees=[person],
            due_on=today + dt.timedelta(days=due_in),
            note=note,
        )
        return made

    police, statistics, poverty = (people[c[0]] for c in CONTRIBUTORS)
    # The Ministry of Public Security: two trafficking priorities, one sent back with a
    # note after it was marked ready, the other still to write (due in ten days).
    sent_back = give(AssignmentTarget.PRIORITY, trafficking[0].pk, police, 10)
    assigning.assignment_mark_ready(assignment=sent_back, user=police)
    assigning.assignment_send_back(assignment=sent_back, user=focal, note=RETURN_NOTE)
    give(AssignmentTarget.PRIORITY, trafficking[-1].pk, police, 10)
    # The General Statistics Office: an indicator, its figure given, handed in, accepted.
    if indicator is not None:
        accepted = give(AssignmentTarget.INDICATOR, indicator.pk, statistics, -5)
        stored = IndicatorValue.objects.filter(report=report, indicator=indicator).first()
        row = IndicatorValueData(
            indicator=indicator,
            revision=stored.revision if stored else 0,
            value=Decimal(2434),
            source="General Statistics Office, hotline records",
        )
        indicator_values_save(report=report, rows=[row], user=statistics)
        assigning.assignment_mark_ready(assignment=accepted, user=statistics)
        assigning.assignment_accept(assignment=accepted, user=focal)
    # The poverty office: a priority marked ready, and one overdue.
    poverty_priorities = [p for p in priorities if "poverty" in p.text.lower()]
    ready = give(AssignmentTarget.PRIORITY, poverty_priorities[0].pk, poverty, 3)
    assigning.assignment_mark_ready(assignment=ready, user=poverty)
    if len(poverty_priorities) > 1:
        give(AssignmentTarget.PRIORITY, poverty_priorities[1].pk, poverty, -3)
    return people


def _people(country: Country, password: str) -> dict:
    User = get_user_model()
    people = {}
    for username, first, last, email, key in CONTRIBUTORS:
        name, name_vi = AGENCIES[key]
        agency, _ = Agency.objects.get_or_create(
            country=country, name=name, defaults={"translations": {"vi": {"name": name_vi}}}
        )
        user, _ = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "email": email}
        )
        user.set_password(password)
        user.save()
        Membership.objects.get_or_create(
            user=user, country=country, defaults={"role": Role.CONTRIBUTOR, "agency": agency}
        )
        people[username] = user
    return people
