"""Every number the portal reads from a request, fed huge, negative, exponent, non-finite,
empty, blank and non-ASCII values: the answer is a message at the field (or a 4xx for the
numbers a page posts by itself), never a 500, never a wrong number stored, and nothing else
the person typed is lost.

Accepting a value is fine when what is stored is exactly the number typed ("1E5" in a
decimal field is 100000, "１２" is 12); refusing it is fine when the field says why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pytest
from django.urls import reverse

from reports.models import (
    Activity,
    IndicatorValue,
    QuestionKind,
    Questionnaire,
    Report,
    Section,
)
from roadmap.models import Indicator, Priority, Roadmap
from tests.factories import (
    ActivityFactory,
    CycleFactory,
    IndicatorFactory,
    ThemeFactory,
)

from .entry_helpers import layout_of, section_data, section_url

pytestmark = pytest.mark.django_db

BAD_NUMBERS = {
    "huge": "9" * 400,
    "huge with a fraction": "1" * 400 + ".5",
    "4,400 nines": "9" * 4400,
    "past 2^31": "2147483648",
    "past 2^63": "9223372036854775808",
    "negative": "-1",
    "very negative": "-99999999999999999999",
    "huge exponent": "1e400",
    "exponent": "1E5",
    "negative exponent": "1e-400",
    "NaN": "NaN",
    "Infinity": "Infinity",
    "-inf": "-inf",
    "empty": "",
    "whitespace": "   ",
    "full-width digits": "１２",
    "Arabic-Indic digits": "١٢٣",
    "superscript": "²",
    "decimal in a whole number": "1.5",
}
KEPT = "Text typed beside the number"


def meaning(text: str) -> Decimal | None:
    """The number ``text`` denotes, as a person would read it (None: nothing typed)."""
    if not text.strip():
        return None
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        return Decimal("NaN")


@dataclass
class Outcome:
    status: int
    saved: bool = False
    stored: Decimal | int | None = None
    field_errors: list[str] | None = None
    kept: bool = True


def problems_with(value: str, outcome: Outcome, *, typed_by_person: bool) -> str | None:
    if outcome.status >= 500:
        return f"answered {outcome.status}"
    if outcome.saved and typed_by_person:
        expected = meaning(value)
        stored = None if outcome.stored is None else Decimal(outcome.stored)
        if expected is None or stored is None:
            if expected != stored:
                return f"stored {outcome.stored!r} for {value[:20]!r}"
        elif not expected.is_finite() or stored != expected:
            return f"stored {outcome.stored!r} for {value[:20]!r}"
        return None
    if typed_by_person and not outcome.field_errors:
        return "refused without a message at the field"
    if not outcome.kept:
        return "lost what was typed beside it"
    return None


def fuzz(post: Callable[[str], Outcome], *, typed_by_person: bool = True) -> None:
    failures = []
    for name, value in BAD_NUMBERS.items():
        problem = problems_with(value, post(value), typed_by_person=typed_by_person)
        if problem:
            failures.append(f"{name}: {problem}")
    assert not failures, failures


# --- Activities -------------------------------------------------------------------------


def activity_post(report: Report, **overrides) -> dict:
    data = {
        "title": KEPT,
        "kind": Activity.Kind.TRAINING,
        "starts_on": "2023-03-01",
        "unlisted_areas": "Huế",
        "participants_women": "",
        "participants_men": "",
        "participants_total": "",
        "revision": "0",
    }
    data.update(overrides)
    return data


def _activity_outcome(response, before: set, report: Report, name: str) -> Outcome:
    if response.status_code == 302:
        activity = report.activities.exclude(pk__in=before).get()
        return Outcome(302, saved=True, stored=getattr(activity, name))
    form = response.context["form"] if response.context else None
    errors = form.errors.get(name) if form is not None else None
    return Outcome(response.status_code, field_errors=errors, kept=KEPT in response.text)


@pytest.mark.parametrize("name", ["participants_women", "participants_men", "participants_total"])
def test_participant_figures_of_a_new_activity(client, report, alice, name):
    client.force_login(alice)
    url = reverse("reports:activity_add", args=[report.pk])

    def post(value: str) -> Outcome:
        before = set(report.activities.values_list("pk", flat=True))
        response = client.post(url, activity_post(report, **{name: value}))
        return _activity_outcome(response, before, report, name)

    fuzz(post)


def test_participant_total_of_an_edited_activity(client, report, alice):
    client.force_login(alice)
    activity = ActivityFactory(report=report, title=KEPT)
    url = reverse("reports:activity_edit", args=[report.pk, activity.pk])

    def post(value: str) -> Outcome:
        activity.refresh_from_db()
        data = activity_post(
            report,
            participants_total=value,
            participants_women="",
            participants_men="",
            revision=str(activity.revision),
        )
        response = client.post(url, data)
        if response.status_code == 302:
            activity.refresh_from_db()
            return Outcome(302, saved=True, stored=activity.participants_total)
        form = response.context["form"]
        return Outcome(
            response.status_code,
            field_errors=form.errors.get("participants_total"),
            kept=KEPT in response.text,
        )

    fuzz(post)


@pytest.mark.parametrize("where", ["add", "edit", "delete"])
def test_the_revision_an_activity_form_carries(client, report, alice, where):
    client.force_login(alice)
    activity = ActivityFactory(report=report, title=KEPT)
    urls = {
        "add": reverse("reports:activity_add", args=[report.pk]),
        "edit": reverse("reports:activity_edit", args=[report.pk, activity.pk]),
        "delete": reverse("reports:activity_delete", args=[report.pk, activity.pk]),
    }

    def post(value: str) -> Outcome:
        response = client.post(urls[where], activity_post(report, revision=value))
        kept = response.status_code == 302 or KEPT in response.text
        return Outcome(response.status_code, kept=kept)

    fuzz(post, typed_by_person=False)


def test_the_priorities_an_activity_names(client, report, alice):
    client.force_login(alice)
    url = reverse("reports:activity_add", args=[report.pk])

    def post(value: str) -> Outcome:
        response = client.post(url, activity_post(report, priorities=[value]))
        kept = response.status_code == 302 or KEPT in response.text
        if response.status_code == 200 and value.strip():
            kept = kept and bool(response.context["form"].errors.get("priorities"))
        return Outcome(response.status_code, kept=kept)

    fuzz(post, typed_by_person=False)


# --- Indicator values -------------------------------------------------------------------


@pytest.fixture
def indicator(report):
    return IndicatorFactory(country=report.country, name="Calls to hotline 111")


def indicator_post(indicator: Indicator, parts=(), **fields) -> dict:
    row = {"value": "", "source": KEPT, "note": "", "revision": "0"}
    row["loaded"] = ""
    row.update(fields)
    data = {f"ind-{indicator.pk}-{name}": value for name, value in row.items()}
    prefix = f"ind-{indicator.pk}-parts"
    data.update({f"{prefix}-TOTAL_FORMS": str(len(parts)), f"{prefix}-INITIAL_FORMS": "0"})
    for i, (label, amount) in enumerate(parts):
        data.update({f"{prefix}-{i}-label": label, f"{prefix}-{i}-amount": amount})
    return data


def _indicator_outcome(response, report: Report, indicator: Indicator, name: str) -> Outcome:
    stored = IndicatorValue.objects.filter(report=report, indicator=indicator).first()
    if response.status_code == 302:
        return Outcome(302, saved=True, stored=stored.value if stored else None)
    form = next(f for f in response.context["formset"] if f.indicator == indicator)
    return Outcome(
        response.status_code,
        field_errors=form.errors.get(name),
        kept=KEPT in response.text,
    )


def test_an_indicator_value(client, report, alice, indicator):
    client.force_login(alice)
    url = reverse("reports:indicators", args=[report.pk])

    def post(value: str) -> Outcome:
        IndicatorValue.objects.filter(report=report).delete()
        response = client.post(url, indicator_post(indicator, value=value))
        if response.status_code == 302 and not value.strip():
            # No value with a source: refused; nothing typed: nothing to save.
            return Outcome(302, saved=True, stored=None)
        return _indicator_outcome(response, report, indicator, "value")

    fuzz(post)


def test_a_number_in_an_indicator_break_down(client, report, alice, indicator):
    client.force_login(alice)
    url = reverse("reports:indicators", args=[report.pk])

    def post(value: str) -> Outcome:
        IndicatorValue.objects.filter(report=report).delete()
        data = indicator_post(indicator, value="12", parts=[("boys", "7"), ("girls", value)])
        response = client.post(url, data)
        if response.status_code == 302:
            stored = IndicatorValue.objects.get(report=report, indicator=indicator)
            girls = stored.parts.filter(label="girls").first()
            return Outcome(302, saved=True, stored=girls.amount if girls else None)
        form = next(f for f in response.context["formset"] if f.indicator == indicator)
        return Outcome(
            response.status_code,
            field_errors=form.parts.forms[1].errors.get("amount"),
            kept=KEPT in response.text,
        )

    fuzz(post)


def test_the_revision_an_indicator_row_carries(client, report, alice, indicator):
    client.force_login(alice)
    url = reverse("reports:indicators", args=[report.pk])

    def post(value: str) -> Outcome:
        response = client.post(url, indicator_post(indicator, value="12", revision=value))
        kept = response.status_code == 302 or KEPT in response.text
        return Outcome(response.status_code, kept=kept)

    fuzz(post, typed_by_person=False)


# --- Questionnaire entry: the page's Save and the autosave ------------------------------


def _next_steps(report: Report):
    layout = layout_of(report)
    for section in layout.sections:
        for item in section.items:
            if item.question.kind == QuestionKind.NEXT_STEPS:
                return section.section.order, item.key
    raise AssertionError("the form has a next-steps question")


def _text_item(report: Report, order: int):
    section = layout_of(report).section(order)
    return next(i for i in section.items if i.question.kind == QuestionKind.TEXT)


def _entry_outcome(response, report: Report, autosave: bool) -> Outcome:
    if autosave:
        # Machine-posted: a 4xx with a reason is as good as a save.
        if response.status_code >= 400 and response.status_code < 500:
            return Outcome(response.status_code)
        return Outcome(response.status_code)
    kept = response.status_code == 302 or KEPT in response.text
    return Outcome(response.status_code, kept=kept)


@pytest.mark.parametrize("autosave", [False, True], ids=["save", "autosave"])
@pytest.mark.parametrize("field", ["rev", "row-id", "row-rev", "TOTAL_FORMS", "INITIAL_FORMS"])
def test_the_numbers_an_entry_page_posts(client, report, alice, autosave, field):
    client.force_login(alice)
    order, key = _next_steps(report)
    text = _text_item(report, order)
    name = {
        "rev": f"{text.key}-base",
        "row-id": f"{key}-0-id",
        "row-rev": f"{key}-0-rev",
        "TOTAL_FORMS": f"{key}-TOTAL_FORMS",
        "INITIAL_FORMS": f"{key}-INITIAL_FORMS",
    }[field]
    url = section_url(report, order, "reports:autosave" if autosave else "reports:section")

    loaded = section_data(
        report,
        order,
        **{text.key: KEPT, f"{key}-0-title": KEPT, f"{key}-0-work_areas": "child_labour"},
    )

    def post(value: str) -> Outcome:
        return _entry_outcome(client.post(url, {**loaded, name: value}), report, autosave)

    fuzz(post, typed_by_person=False)


def test_a_rating(client, report, alice):
    client.force_login(alice)
    section, rating = next(
        (s, i)
        for s in layout_of(report).sections
        for i in s.items
        if i.question.kind == QuestionKind.RATING
    )
    order = section.section.order
    url = section_url(report, order)

    loaded = section_data(report, order)

    def post(value: str) -> Outcome:
        response = client.post(url, {**loaded, rating.key: value})
        if response.status_code == 302:
            answer = report.answers.filter(question=rating.question).first()
            stored = answer.value if answer else None
            return Outcome(302, saved=True, stored=int(stored) if stored else None)
        errors = [e["message"] for e in response.context["errors"] if e["id"] == f"id_{rating.key}"]
        return Outcome(response.status_code, field_errors=errors)

    fuzz(post)


# --- Numbers in addresses and query strings ---------------------------------------------


def test_page_numbers_and_filters_in_query_strings(client, report, reviewer):
    client.force_login(reviewer)
    queue = reverse("reports:queue")
    history = reverse("reports:history", args=[report.pk])
    queries = [("page", queue), ("cycle", queue), ("country", queue), ("page", history)]
    for parameter, url in queries:

        def get(value: str, parameter=parameter, url=url) -> Outcome:
            return Outcome(client.get(url, {parameter: value}).status_code)

        fuzz(get, typed_by_person=False)


PLACEHOLDER = 987654321


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("reports:detail", [PLACEHOLDER]),
        ("reports:section", [PLACEHOLDER, 1]),
        ("reports:section", [0, PLACEHOLDER]),
        ("reports:autosave", [0, PLACEHOLDER]),
        ("reports:activity_edit", [0, PLACEHOLDER]),
        ("reports:thread_reply", [0, PLACEHOLDER]),
        ("reports:pdf", [PLACEHOLDER]),
    ],
)
def test_ids_in_addresses(client, report, alice, name, args):
    client.force_login(alice)
    url = reverse(name, args=[report.pk if a == 0 else a for a in args])
    for number in ["2147483648", "9223372036854775808", "9" * 400]:
        address = url.replace(str(PLACEHOLDER), number)
        response = client.post(address, {}) if "autosave" in name else client.get(address)
        assert response.status_code == 404, (address[:60], response.status_code)


# --- The admin --------------------------------------------------------------------------


@pytest.fixture
def staff(client, admin_user):
    client.force_login(admin_user)
    return client


def _admin_fuzz(staff, url: str, data: dict, name: str, model, typed_by_person=True):
    def post(value: str) -> Outcome:
        before = set(model.objects.values_list("pk", flat=True))
        response = staff.post(url, {**data, name: value})
        created = model.objects.exclude(pk__in=before).first()
        if response.status_code == 302:
            assert created is not None, response.headers.get("Location")
            stored = getattr(created, name)
            created.delete()
            return Outcome(302, saved=True, stored=stored)
        errors = response.context["adminform"].form.errors.get(name) if response.context else None
        return Outcome(response.status_code, field_errors=errors)

    # The form is right apart from the number: a plain one is saved.
    assert post("7").saved
    fuzz(post, typed_by_person=typed_by_person)


def _inline(prefix: str) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.parametrize("name", ["order"])
def test_admin_section_numbers(staff, name):
    questionnaire = Questionnaire.objects.create(cycle=CycleFactory(), title="Empty")
    data = {
        "questionnaire": questionnaire.pk,
        "title": KEPT,
        "translations": "{}",
        **_inline("questions"),
    }
    data["order"] = "7"
    _admin_fuzz(staff, reverse("admin:reports_section_add"), data, name, Section)


@pytest.mark.parametrize("name", ["order", "number"])
def test_admin_priority_numbers(staff, name):
    theme = ThemeFactory()
    data = {
        "roadmap": theme.roadmap_id,
        "theme": theme.pk,
        "number": "7",
        "order": "7",
        "text": KEPT,
        "is_active": "on",
    }
    _admin_fuzz(staff, reverse("admin:roadmap_priority_add"), data, name, Priority)


def test_admin_indicator_order(staff, report):
    data = {"country": report.country_id, "name": KEPT, "unit": "calls", "order": "7"}
    _admin_fuzz(staff, reverse("admin:roadmap_indicator_add"), data, "order", Indicator)


def test_admin_roadmap_version(staff, report):
    data = {
        "country": report.country_id,
        "framework": report.cycle.framework_id,
        "title": KEPT,
        "adopted_on": dt.date(2020, 1, 1).isoformat(),
        **_inline("themes"),
        **_inline("priorities"),
        **_inline("indicatorbaselines"),
        **_inline("indicatortargets"),
    }
    _admin_fuzz(staff, reverse("admin:roadmap_roadmap_add"), data, "version", Roadmap)


@pytest.mark.parametrize("name", ["value", "year"])
def test_admin_baseline_numbers(staff, report, name):
    from roadmap.models import IndicatorBaseline

    from ..factories import IndicatorFactory

    calls = IndicatorFactory(country=report.country)
    roadmap = report.roadmap
    url = reverse("admin:roadmap_roadmap_change", args=[roadmap.pk])
    data = {
        "country": roadmap.country_id,
        "framework": roadmap.framework_id,
        "version": roadmap.version,
        "title": roadmap.title,
        **_inline("themes"),
        **_inline("priorities"),
        **_inline("indicatortargets"),
        **_inline("indicatorbaselines"),
        "indicatorbaselines-TOTAL_FORMS": "1",
        "indicatorbaselines-0-indicator": calls.pk,
        "indicatorbaselines-0-year": "2021",
        "indicatorbaselines-0-value": "3808",
        "indicatorbaselines-0-source": KEPT,
    }
    field = f"indicatorbaselines-0-{name}"

    def post(value: str) -> Outcome:
        response = staff.post(url, {**data, field: value})
        created = IndicatorBaseline.objects.filter(indicator=calls).first()
        if response.status_code == 302 and created is not None:
            stored = getattr(created, name)
            created.delete()
            return Outcome(302, saved=True, stored=stored)
        if response.status_code >= 500:
            return Outcome(response.status_code)
        formset = response.context["inline_admin_formsets"][2].formset
        kept = KEPT in response.content.decode()
        return Outcome(response.status_code, field_errors=formset.errors[0].get(name), kept=kept)

    # The form is right apart from the number: a plain one is saved.
    assert post("2022" if name == "year" else "7").saved
    bad = {k: v for k, v in BAD_NUMBERS.items() if not (name == "value" and k == "negative")}
    failures = [
        f"{k}: {problem}"
        for k, v in bad.items()
        if (problem := problems_with(v, post(v), typed_by_person=True))
    ]
    assert not failures, failures


def test_a_posted_5000_next_step_rows_builds_at_most_the_forms_a_section_takes(
    client, report, alice
):
    """TOTAL_FORMS is the browser's to say: 5,000 made each save build Django's default
    maximum of 2,000 row forms (seconds of work per request); the section takes 100 rows."""
    from reports.forms.next_steps import MAX_NEXT_STEPS

    client.force_login(alice)
    order, key = _next_steps(report)
    text = _text_item(report, order)
    data = section_data(
        report,
        order,
        **{text.key: KEPT, f"{key}-0-title": KEPT, f"{key}-0-work_areas": "child_labour"},
    )
    response = client.post(section_url(report, order), {**data, f"{key}-TOTAL_FORMS": "5000"})
    # Refused with the reason on the page, what was typed kept in the form.
    assert response.status_code == 400
    formset = response.context["form"].formsets[key]
    assert len(formset.forms) <= MAX_NEXT_STEPS
    assert f"{MAX_NEXT_STEPS}" in " ".join(formset.non_form_errors())
    assert KEPT in response.content.decode()
