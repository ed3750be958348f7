"""Factories for every model tests touch. ``report_with_form`` builds a whole report
(roadmap with N priorities, cycle, questionnaire from the real data file)."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from reports import services
from reports.data import QUESTIONNAIRE_FILE
from reports.models import (
    Activity,
    Answer,
    IndicatorValue,
    IndicatorValuePart,
    NextStep,
    Report,
    ReportingCycle,
)
from reports.services.areas import activity_places_name
from roadmap.models import (
    Area,
    Country,
    Framework,
    FrameworkMembership,
    FrameworkRole,
    Indicator,
    Membership,
    Priority,
    Roadmap,
    Role,
    Theme,
)

PASSWORD = "correct-horse-battery"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(self, create, extracted, **kwargs):
        if create:
            self.save()


class FrameworkFactory(DjangoModelFactory):
    class Meta:
        model = Framework
        django_get_or_create = ("slug",)

    slug = "alliance87"
    name = "Alliance 8.7 pathfinder annual report"
    kind = Framework.Kind.PATHFINDER


# Cycles through the 676 two-letter codes: each test's countries are rolled back, so a
# code is free again by the time the cycle comes round.
_CODES = itertools.cycle(
    [f"{a}{b}" for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
)


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = factory.LazyFunction(lambda: next(_CODES))
    name = factory.LazyAttribute(lambda c: f"Country {c.code}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    country = factory.SubFactory(CountryFactory)
    role = Role.REPORTER


class FrameworkMembershipFactory(DjangoModelFactory):
    class Meta:
        model = FrameworkMembership

    user = factory.SubFactory(UserFactory)
    framework = factory.SubFactory(FrameworkFactory)
    role = FrameworkRole.SECRETARIAT


class RoadmapFactory(DjangoModelFactory):
    class Meta:
        model = Roadmap

    country = factory.SubFactory(CountryFactory)
    framework = factory.SubFactory(FrameworkFactory)
    version = 1
    title = factory.LazyAttribute(lambda r: f"{r.country.name} roadmap")


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    roadmap = factory.SubFactory(RoadmapFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Theme {n}")


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority

    theme = factory.SubFactory(ThemeFactory)
    roadmap = factory.SelfAttribute("theme.roadmap")
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Priority text number {n}")
    order = factory.SelfAttribute("number")


class CycleFactory(DjangoModelFactory):
    class Meta:
        model = ReportingCycle
        django_get_or_create = ("framework", "starts_on")

    framework = factory.SubFactory(FrameworkFactory)
    starts_on = dt.date(2022, 5, 1)
    ends_on = factory.LazyAttribute(lambda c: dt.date(c.starts_on.year + 1, 4, 30))
    opens_on = factory.LazyAttribute(lambda c: dt.date(c.starts_on.year + 1, 3, 1))
    deadline = factory.LazyAttribute(lambda c: dt.date(c.starts_on.year + 1, 6, 30))


def questionnaire_for(cycle: ReportingCycle):
    """The real annual form (reports/data/alliance87-annual.json) on ``cycle``."""
    if hasattr(cycle, "questionnaire"):
        return cycle.questionnaire
    data = json.loads(QUESTIONNAIRE_FILE.read_text(encoding="utf-8"))
    return services.questionnaire_load(cycle=cycle, data=data)


class ReportFactory(DjangoModelFactory):
    class Meta:
        model = Report

    country = factory.SubFactory(CountryFactory)
    cycle = factory.SubFactory(CycleFactory)
    roadmap = factory.SubFactory(RoadmapFactory, country=factory.SelfAttribute("..country"))


class NextStepFactory(DjangoModelFactory):
    class Meta:
        model = NextStep

    report = factory.SubFactory(ReportFactory)
    order = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Next step {n}")
    targets = "Three training courses"
    evidence = "Training reports"
    work_areas = factory.LazyFunction(lambda: ["child_labour"])


class AnswerFactory(DjangoModelFactory):
    class Meta:
        model = Answer

    report = factory.SubFactory(ReportFactory)
    text = "An answer."


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    report = factory.SubFactory(ReportFactory)
    title = factory.Sequence(lambda n: f"Training {n}")
    kind = Activity.Kind.TRAINING
    starts_on = dt.date(2022, 10, 1)
    participants_women = 32
    participants_men = 8
    participants_total = 40

    @factory.post_generation
    def places(obj, create, extracted, **kwargs):
        """``places=["Hà Nội", "Ha Noi"]``: names as typed, matched to the country's list
        by the service (what it lacks is kept "not in the list")."""
        if create and extracted is not None:
            activity_places_name(activity=obj, names=extracted)


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ("country", "code")

    country = factory.SubFactory(CountryFactory)
    code = factory.LazyAttributeSequence(lambda a, n: f"{a.country.code}-{n % 1000}")
    name = factory.Sequence(lambda n: f"Area {n}")


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    country = factory.SubFactory(CountryFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "calls"


class IndicatorValueFactory(DjangoModelFactory):
    class Meta:
        model = IndicatorValue
        skip_postgeneration_save = True

    report = factory.SubFactory(ReportFactory)
    indicator = factory.SubFactory(
        IndicatorFactory, country=factory.SelfAttribute("..report.country")
    )
    value = 2434
    # A value with its source: the default rules warn of one without (reports.validation).
    source = "Hotline call log"

    @factory.post_generation
    def parts(self, create, extracted, **kwargs):
        """``parts={"counselling": 541}``: the break-down, written as a fixture loads rows
        (in bulk, without the freeze's signals), so a handed-in report can hold one."""
        if create and extracted:
            IndicatorValuePart.objects.bulk_create(
                IndicatorValuePart(value=self, label=label, amount=amount, order=order)
                for order, (label, amount) in enumerate(extracted.items())
            )


def report_with_form(
    *, priorities: int = 15, country: Country | None = None, cycle=None, **kwargs
) -> Report:
    """A draft report on the real questionnaire with ``priorities`` priorities in 4 themes."""
    country = country or CountryFactory()
    cycle = cycle or CycleFactory()
    questionnaire_for(cycle)
    roadmap = RoadmapFactory(country=country, framework=cycle.framework)
    themes = [ThemeFactory(roadmap=roadmap, number=n, name=f"Theme {n}") for n in range(1, 5)]
    for i in range(priorities):
        PriorityFactory(
            theme=themes[i % 4], roadmap=roadmap, number=i // 4 + 1, text=f"Priority {i + 1}"
        )
    return ReportFactory(country=country, cycle=cycle, roadmap=roadmap, **kwargs)


def member(report_or_country, role: str = Role.REPORTER, **user_kwargs):
    """A user holding ``role`` in the report's (or given) country."""
    country = getattr(report_or_country, "country", report_or_country)
    user = UserFactory(**user_kwargs)
    MembershipFactory(user=user, country=country, role=role)
    return user


def secretariat_of(framework: Framework, **user_kwargs):
    """A user who is the secretariat of ``framework`` (no country membership)."""
    user = UserFactory(**user_kwargs)
    FrameworkMembershipFactory(user=user, framework=framework)
    return user


def personal_token(user, *, label: str = "Power BI at the secretariat", days: int = 90):
    """(token, secret): a personal access token made as a person makes one, through the
    service (tokens.services.token_create)."""
    from tokens.services import token_create

    return token_create(user=user, label=label, days=days)
