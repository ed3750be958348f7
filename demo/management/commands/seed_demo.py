"""Load the demo: Viet Nam, its roadmap, the cycles from 2020-2021 to the one containing
today with their questionnaires, the 2021-2022 report (accepted, with its five next steps),
the 2022-2023 report (accepted, with activities and indicator values), the current cycle's
report (a draft just started, carrying over the 2022-2023 next steps), and the demo
accounts.

The newest cycle is the one containing the day the command runs (cycles run May to April;
reporting opens when the period starts and closes on 30 June after it ends), so the demo
always shows a cycle under way with its deadline ahead.

Idempotent: run it again and nothing is duplicated, nor is anything a demo user typed
overwritten (rows are created only when missing). Passwords are (re)set every run so the
password ``make run`` prints is always the right one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from demo import contributors as demo_contributors
from demo import data as demo
from demo import evidence as demo_evidence
from demo import monitoring as demo_monitoring
from demo import publishing as demo_publishing
from demo import targets as demo_targets
from demo import today as demo_today
from demo import vietnamese as demo_vi
from demo.areas import demo_areas, name_places
from reports import services
from reports.data import PROGRAMME_FILE, QUESTIONNAIRE_FILE
from reports.layout import build_layout
from reports.models import (
    Activity,
    Answer,
    NextStep,
    Question,
    Questionnaire,
    Report,
    ReportingCycle,
    ReportState,
    Transition,
    TransitionAction,
)
from reports.revisions import texts_changed
from roadmap.models import (
    Country,
    Framework,
    Indicator,
    Membership,
    Priority,
    Roadmap,
    Role,
    Theme,
    WorkArea,
)

DEFAULT_DEMO_PASSWORD = "pathfinder-demo"  # noqa: S105 - demo accounts only, printed by make run

ACCOUNTS = [
    # username, first, last, email, staff, (country, role) or None
    ("vn-reporter", "Nguyễn Thị", "Hoa", "hoa@molisa.example", False, ("VN", Role.REPORTER)),
    ("vn-focal", "Trần Văn", "Minh", "minh@molisa.example", False, ("VN", Role.FOCAL_POINT)),
    ("ilo-reviewer", "Maria", "Santos", "santos@ilo.example", False, ("VN", Role.REVIEWER)),
    ("secretariat", "Amina", "Diallo", "secretariat@alliance87.example", False, None),
    ("admin", "Portal", "Administrator", "admin@pathfinder.example", True, None),
]


def fill_roadmap(roadmap: Roadmap, themes: list[tuple[str, list[str]]]) -> None:
    """Themes numbered from 1 in order, each with its priorities numbered from 1."""
    for number, (name, priorities) in enumerate(themes, start=1):
        theme, _ = Theme.objects.get_or_create(
            roadmap=roadmap, number=number, defaults={"name": name}
        )
        for p_number, text in enumerate(priorities, start=1):
            Priority.objects.get_or_create(
                roadmap=roadmap,
                theme=theme,
                number=p_number,
                defaults={"text": text, "order": p_number},
            )


# The columns of demo_data.ACTIVITIES, before the priorities served.
ACTIVITY_ROW = (
    "title",
    "kind",
    "starts_on",
    "ends_on",
    "provinces",
    "organisers",
    "partners",
    "participants_women",
    "participants_men",
    "participants_total",
    "description",
)


def add_activities(report: Report, rows: list[tuple], priorities: list[Priority]) -> None:
    """Create ``rows`` (see demo_data.ACTIVITIES) on ``report``; the last element of a row
    lists the positions, in ``priorities``, of the priorities the activity serves. The
    provinces are named as a person types them and matched to the country's list, as
    ``load_areas`` does (reports.services.areas)."""
    demo_areas(report.country)
    for *fields, served in rows:
        values = dict(zip(ACTIVITY_ROW, fields, strict=False))
        names = values.pop("provinces")
        activity = Activity.objects.create(report=report, **values)
        name_places(activity, names)
        activity.priorities.set(priorities[p - 1] for p in served)


def add_next_steps(report: Report, rows: list[tuple[str, str, str]]) -> None:
    """Create ``rows`` of (title, targets, evidence) on ``report``, numbered from 1, each
    on child labour (the work area of every demo next step)."""
    for order, (title, targets, evidence) in enumerate(rows, start=1):
        NextStep.objects.create(
            report=report,
            order=order,
            title=title,
            targets=targets,
            evidence=evidence,
            work_areas=[WorkArea.CHILD_LABOUR],
        )


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the Viet Nam demo data and demo accounts (safe to run repeatedly)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            help="seed the demo as of this day (YYYY-MM-DD) rather than today",
        )

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        framework, _ = Framework.objects.get_or_create(
            slug="alliance87",
            defaults={
                "name": "Alliance 8.7 pathfinder annual report",
                "kind": Framework.Kind.PATHFINDER,
            },
        )
        viet_nam, _ = Country.objects.get_or_create(
            code="VN", defaults={"name": "Viet Nam", "language": "vi"}
        )
        roadmap = self._roadmap(viet_nam, framework)
        # Before any report on the roadmap is handed in: that freezes its figures.
        demo_targets.set_viet_nam_figures(viet_nam, roadmap)
        users = self._accounts()

        now = demo_today.seeded_at(options.get("today"))
        current_year = demo_today.cycle_year(timezone.localdate(now))
        cycle_2021 = self._cycle(framework, 2021)
        cycle_2022 = self._cycle(framework, 2022)
        if not Questionnaire.objects.filter(cycle=cycle_2021).exists():
            data = json.loads(QUESTIONNAIRE_FILE.read_text(encoding="utf-8"))
            services.questionnaire_load(cycle=cycle_2021, data=data)
        if not Questionnaire.objects.filter(cycle=cycle_2022).exists():
            services.questionnaire_copy(source=cycle_2021.questionnaire, cycle=cycle_2022)

        report_2021 = self._report_2021(viet_nam, cycle_2021, roadmap, users)
        report_2022, created = Report.objects.get_or_create(
            country=viet_nam, cycle=cycle_2022, defaults={"roadmap": roadmap}
        )
        if created:
            self._fill_2022(report_2022, users["vn-reporter"])
        # The values before handing in: a handed-in report's break-downs are frozen.
        self._indicators(viet_nam, report_2021, report_2022)
        if created and current_year > cycle_2022.starts_on.year:
            demo_today.hand_in_2022(report_2022, users, now=now)
        self._programme(viet_nam, users["vn-reporter"])
        # Five more countries and four cycles for the monitoring pages (figures invented).
        demo_monitoring.load(
            framework=framework,
            users=users,
            make_cycle=self._cycle,
            fill_roadmap=fill_roadmap,
            current_year=current_year,
            now=now,
        )
        if current_year > cycle_2022.starts_on.year:
            cycle = self._cycle(framework, current_year)
            demo_today.viet_nam_current_draft(viet_nam, cycle, users, now=now)
        # Three contributors of other agencies, with parts of the newest draft (issue 24).
        demo_contributors.load(country=viet_nam, users=users, password=demo_password(), now=now)
        # The roadmap data in Vietnamese too (names, roadmap, indicators, programme).
        demo_vi.apply()
        # The public pages' content: accepted reports published through the workflow.
        demo_publishing.load(framework=framework, users=users)
        # The demo writes its rows directly (not through the entry services): the search
        # index is told of every report once, in this transaction (see revisions.py).
        texts_changed.send(sender=Report, reports=list(Report.objects.all()))

        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo accounts (password: {demo_password()}):")
        for username, first, last, *_rest in ACCOUNTS:
            self.stdout.write(f"  {username:<13} {first} {last}")
        for username, first, last, _email, agency in demo_contributors.CONTRIBUTORS:
            name = demo_contributors.AGENCIES[agency][0]
            self.stdout.write(f"  {username:<13} {first} {last} (contributor, {name})")

    def _accounts(self) -> dict:
        User = get_user_model()
        users = {}
        for username, first, last, email, staff, membership in ACCOUNTS:
            user, _ = User.objects.get_or_create(
                username=username,
                defaults={"first_name": first, "last_name": last, "email": email},
            )
            user.is_staff = user.is_superuser = staff
            user.set_password(demo_password())
            user.save()
            if membership:
                country = Country.objects.get(code=membership[0])
                Membership.objects.get_or_create(
                    user=user, country=country, defaults={"role": membership[1]}
                )
            users[username] = user
        return users

    def _roadmap(self, country: Country, framework: Framework) -> Roadmap:
        roadmap, _ = Roadmap.objects.get_or_create(
            country=country,
            framework=framework,
            version=1,
            defaults={
                "title": "Viet Nam SDG 8.7 roadmap",
                "adopted_on": dt.date(2021, 6, 12),
                "goal": "End child labour in all its forms and protect children from trafficking.",
            },
        )
        fill_roadmap(roadmap, demo.THEMES)
        return roadmap

    def _cycle(self, framework: Framework, year: int) -> ReportingCycle:
        # Reporting opens with the period, so the cycle containing today is open.
        cycle, _ = ReportingCycle.objects.get_or_create(
            framework=framework,
            starts_on=dt.date(year, 5, 1),
            defaults={
                "ends_on": dt.date(year + 1, 4, 30),
                "opens_on": dt.date(year, 5, 1),
                "deadline": dt.date(year + 1, 6, 30),
            },
        )
        return cycle

    def _report_2021(self, country, cycle, roadmap, users) -> Report:
        report, created = Report.objects.get_or_create(
            country=country, cycle=cycle, defaults={"roadmap": roadmap}
        )
        if not created:
            return report
        add_next_steps(report, demo.NEXT_STEPS_2021)
        questions = {
            q.code: q for q in Question.objects.filter(section__questionnaire__cycle=cycle)
        }
        Answer.objects.create(
            report=report,
            question=questions["highlights"],
            updated_by=users["vn-focal"],
            text="Viet Nam adopted its National Programme of Action on child labour for "
            "2021-2025 with a vision to 2030, and joined the pathfinder countries.",
        )
        submitted = dt.datetime(2022, 6, 20, 9, 0, tzinfo=dt.UTC)
        accepted = dt.datetime(2022, 7, 5, 9, 0, tzinfo=dt.UTC)
        Report.objects.filter(pk=report.pk).update(
            state=ReportState.ACCEPTED, submitted_at=submitted, accepted_at=accepted
        )
        for action, source, target, user, at in [
            (
                TransitionAction.SUBMIT,
                ReportState.DRAFT,
                ReportState.SUBMITTED,
                users["vn-focal"],
                submitted,
            ),
            (
                TransitionAction.ACCEPT,
                ReportState.SUBMITTED,
                ReportState.ACCEPTED,
                users["ilo-reviewer"],
                accepted,
            ),
        ]:
            record = Transition.objects.create(
                report=report, action=action, from_state=source, to_state=target, by=user
            )
            Transition.objects.filter(pk=record.pk).update(at=at)
        report.refresh_from_db()
        return report

    def _fill_2022(self, report: Report, user) -> None:
        layout = build_layout(report)
        items = list(layout.items())
        per_priority = [i for i in items if i.priority is not None]
        for position, item in enumerate(per_priority, start=1):
            if position in demo.PRIORITY_ANSWERS:
                Answer.objects.create(
                    report=report,
                    question=item.question,
                    priority=item.priority,
                    text=demo.PRIORITY_ANSWERS[position],
                    updated_by=user,
                )
        # Last year's next steps: a status (a choice) and progress (text) for each.
        for code, field, answers in [
            ("next_step_status", "value", demo.NEXT_STEP_STATUS),
            ("next_step_progress", "text", demo.NEXT_STEP_PROGRESS),
        ]:
            asked = [i for i in items if i.question.code == code]
            for item, answer in zip(asked, answers, strict=False):
                Answer.objects.create(
                    report=report,
                    question=item.question,
                    next_step=item.next_step,
                    updated_by=user,
                    **{field: answer},
                )
        by_code = {i.question.code: i for i in items if i.priority is None and i.next_step is None}
        for code, fields in demo.PLAIN_ANSWERS.items():
            Answer.objects.create(
                report=report,
                question=by_code[code].question,
                updated_by=user,
                text=fields.get("text", ""),
                value=fields.get("value"),
            )
        add_next_steps(report, demo.NEXT_STEPS_2022)
        add_activities(report, demo.ACTIVITIES, [i.priority for i in per_priority])
        # Its evidence files, through the upload's own service (checks, storage).
        demo_evidence.attach(report, user)

    def _programme(self, country: Country, user) -> None:
        """The same engine serving a donor programme's quarterly report."""
        framework, _ = Framework.objects.get_or_create(
            slug="csr-ta",
            defaults={
                "name": "CSR technical assistance programme: quarterly report to donors",
                "kind": Framework.Kind.PROGRAMME,
                "theme_label": "Objective",
                "priority_label": "Output",
            },
        )
        roadmap, _ = Roadmap.objects.get_or_create(
            country=country,
            framework=framework,
            version=1,
            defaults={
                "title": "Corporate social responsibility in Viet Nam (World Bank and ILSSA)",
                "goal": demo.PROGRAMME_GOAL,
            },
        )
        fill_roadmap(roadmap, demo.PROGRAMME_OBJECTIVES)
        quarter, _ = ReportingCycle.objects.get_or_create(
            framework=framework,
            starts_on=dt.date(2003, 10, 1),
            defaults={
                "ends_on": dt.date(2003, 12, 31),
                "opens_on": dt.date(2004, 1, 1),
                "deadline": dt.date(2004, 1, 31),
            },
        )
        if not Questionnaire.objects.filter(cycle=quarter).exists():
            data = json.loads(PROGRAMME_FILE.read_text(encoding="utf-8"))
            services.questionnaire_load(cycle=quarter, data=data)
        report, created = Report.objects.get_or_create(
            country=country, cycle=quarter, defaults={"roadmap": roadmap}
        )
        if not created:
            return
        items = list(build_layout(report).items())
        outputs = list(dict.fromkeys(i.priority for i in items if i.priority))
        for item in items:
            if item.priority is not None:
                position = outputs.index(item.priority) + 1
                status, progress = demo.PROGRAMME_ANSWERS[position]
                if item.question.code == "output_status":
                    Answer.objects.create(
                        report=report,
                        question=item.question,
                        priority=item.priority,
                        value=status,
                        updated_by=user,
                    )
                else:
                    Answer.objects.create(
                        report=report,
                        question=item.question,
                        priority=item.priority,
                        text=progress,
                        updated_by=user,
                    )
            elif item.question.code in demo.PROGRAMME_PLAIN_ANSWERS:
                Answer.objects.create(
                    report=report,
                    question=item.question,
                    text=demo.PROGRAMME_PLAIN_ANSWERS[item.question.code],
                    updated_by=user,
                )
        add_activities(report, demo.PROGRAMME_ACTIVITIES, outputs)

    def _indicators(self, country: Country, report_2021: Report, report_2022: Report) -> None:
        for order, (name, unit, source, area, v2021, v2022, breakdown) in enumerate(
            demo.INDICATORS, start=1
        ):
            indicator, _ = Indicator.objects.get_or_create(
                country=country,
                name=name,
                defaults={"unit": unit, "source": source, "work_area": area, "order": order},
            )
            for report, value, parts in [(report_2021, v2021, {}), (report_2022, v2022, breakdown)]:
                if value is not None:
                    demo_monitoring.value_with_parts(
                        report, indicator, Decimal(value), parts, source=source
                    )
