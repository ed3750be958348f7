"""``load_areas``: a good file, a bad line, a dry run, a second run, and the names kept "not
in the list" mapped onto the new areas (drafts only: handed-in reports stay as handed in)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from reports.models import Activity
from roadmap.models import Area
from tests.factories import ActivityFactory, report_with_form

pytestmark = pytest.mark.django_db

HEADER = "country,code,name_en,name_vi,aliases,order\n"
GOOD = HEADER + "{c},{c}-HN,Ha Noi,Hà Nội,Hanoi,10\n{c},{c}-44,An Giang,An Giang,,20\n"


@pytest.fixture
def report():
    return report_with_form(priorities=1)


@pytest.fixture
def good_file(tmp_path, report):
    path = tmp_path / "areas.csv"
    path.write_text(GOOD.format(c=report.country.code), encoding="utf-8")
    return path


def run(*args) -> str:
    out = io.StringIO()
    call_command("load_areas", *map(str, args), stdout=out)
    return out.getvalue()


def test_a_good_file_loads_every_area_in_both_languages(good_file, report):
    assert "Loaded 2 new area(s)" in run(good_file)
    hanoi = Area.objects.get(code=f"{report.country.code}-HN")
    assert (hanoi.name, hanoi.tr("name", "vi"), hanoi.order) == ("Ha Noi", "Hà Nội", 10)


def test_running_it_again_changes_nothing(good_file):
    run(good_file)
    before = list(Area.objects.values_list("pk", "code", "name", "translations", "aliases"))
    assert "0 new area(s), 0 changed, 2 unchanged" in run(good_file)
    assert list(Area.objects.values_list("pk", "code", "name", "translations", "aliases")) == (
        before
    )


def test_a_bad_line_is_named_and_nothing_is_loaded(tmp_path, report):
    path = tmp_path / "bad.csv"
    path.write_text(
        GOOD.format(c=report.country.code) + f"{report.country.code},HN,Ha Noi,,,x\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as caught:
        run(path)
    assert "line 4:" in str(caught.value)
    assert not Area.objects.exists()


def test_a_dry_run_counts_and_changes_nothing(good_file, report):
    ActivityFactory(report=report, places=["Ha Noi"])
    assert "Dry run: would load 2 new area(s)" in run(good_file, "--dry-run")
    assert not Area.objects.exists()
    assert Activity.objects.get().unlisted_areas == ["Ha Noi"]


def test_names_kept_on_drafts_are_mapped_onto_the_new_areas(good_file, report):
    activity = ActivityFactory(report=report, places=["hà nội", "Gotham"])
    assert "1 activity(ies) mapped" in run(good_file)
    activity.refresh_from_db()
    assert [a.code for a in activity.areas.all()] == [f"{report.country.code}-HN"]
    assert activity.unlisted_areas == ["Gotham"]  # not in the list: kept as typed
    assert activity.revision == 2  # someone editing it meanwhile is told


def test_a_handed_in_report_keeps_its_names_as_handed_in(good_file, report):
    activity = ActivityFactory(report=report, places=["Ha Noi"])
    report.state, report.submitted_at = "submitted", timezone.now()
    report.save()
    run(good_file)
    activity.refresh_from_db()
    assert (activity.unlisted_areas, activity.areas.count()) == (["Ha Noi"], 0)


def test_without_a_file_it_says_what_to_give():
    with pytest.raises(CommandError):
        run()
