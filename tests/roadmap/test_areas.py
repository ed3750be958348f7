"""Administrative areas: folding typed names, reading a list, the model's rules and the
shipped lists."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from roadmap.areas import Matcher, fold, parse_area_list, shipped_lists
from roadmap.models import Area
from roadmap.services import areas_load, shipped_areas_load
from tests.factories import ActivityFactory, AreaFactory, CountryFactory, report_with_form

HEADER = "country,code,name_en,name_vi,aliases,order\n"


@pytest.mark.parametrize(
    "typed",
    ["Hà Nội", "Ha Noi", "Hanoi", "HA NOI", " ha-noi ", unicodedata.normalize("NFD", "Hà Nội")],
)
def test_every_spelling_of_ha_noi_folds_alike(typed):
    assert fold(typed) == "hanoi"


def test_d_with_stroke_folds_to_d_in_both_cases():
    assert fold("Đà Nẵng") == fold("đà nẵng") == fold("Da Nang") == "danang"
    assert fold("Điện Biên") == "dienbien"


def test_nothing_but_punctuation_folds_to_nothing():
    assert fold(" ,;- ") == ""


@pytest.mark.django_db
def test_the_matcher_knows_names_in_both_languages_and_aliases():
    hanoi = AreaFactory(
        code="VN-HN", country=CountryFactory(code="VN"), name="Ha Noi", aliases="Thủ đô"
    )
    hanoi.translations = {"vi": {"name": "Hà Nội"}}
    matcher = Matcher([hanoi])
    found, unlisted = matcher.split(["Hanoi", "hà nội", "Thu do", "Gotham", "gotham"])
    assert found == [hanoi]
    assert unlisted == ["Gotham"]


def test_a_good_list_is_read_with_its_aliases():
    parsed = parse_area_list(HEADER + "vn,vn-hn,Ha Noi,Hà Nội,Hanoi; TP Hà Nội,5\n")
    assert parsed.errors == []
    (row,) = parsed.rows
    assert (row.country, row.code, row.name_vi, row.aliases, row.order) == (
        "VN",
        "VN-HN",
        "Hà Nội",
        ["Hanoi", "TP Hà Nội"],
        5,
    )


def test_each_bad_line_is_reported_with_its_number():
    text = HEADER + (
        "VN,VN-HN,Ha Noi,Hà Nội,,1\n"
        "VN,HN,Ha Noi,Hà Nội,,2\n"  # line 3: no country prefix
        "VN,VN-HN,Hanoi,Hà Nội,,3\n"  # line 4: twice
        "VN,VN-44,,An Giang,,4\n"  # line 5: no English name
        "VN,VN-02,Lao Cai,Lào Cai,,first\n"  # line 6: order
    )
    errors = parse_area_list(text).errors
    assert [e.split(":")[0] for e in errors] == ["line 3", "line 4", "line 5", "line 6"]


def test_a_header_without_the_columns_is_refused():
    assert parse_area_list("code,name\nVN-HN,Ha Noi\n").errors[0].startswith("line 1:")


def test_the_shipped_list_of_viet_nam_has_its_63_provinces_and_cities():
    (vn,) = [p for p in shipped_lists() if p.stem == "vn"]
    parsed = parse_area_list(vn.read_text(encoding="utf-8"))
    assert parsed.errors == []
    assert len(parsed.rows) == len({r.code for r in parsed.rows}) == 63
    names = {r.code: r.name_vi for r in parsed.rows}
    assert names["VN-HN"] == "Hà Nội"
    assert names["VN-44"] == "An Giang"
    assert names["VN-SG"] == "Thành phố Hồ Chí Minh"
    assert names["VN-33"] == "Đắk Lắk"


def test_every_shipped_list_reads_without_error():
    for path in shipped_lists():
        assert parse_area_list(path.read_text(encoding="utf-8")).errors == [], path.name


# --- The model -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_country_has_one_area_per_code():
    country = CountryFactory(code="VN")
    Area.objects.create(country=country, code="VN-HN", name="Ha Noi")
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(country=country, code="VN-HN", name="Hanoi")


@pytest.mark.django_db
def test_the_database_refuses_a_code_of_another_shape():
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(country=CountryFactory(code="VN"), code="Hanoi", name="Ha Noi")


@pytest.mark.django_db
def test_clean_refuses_a_code_of_another_country():
    area = Area(country=CountryFactory(code="VN"), code="TN-11", name="Tunis")
    with pytest.raises(ValidationError) as caught:
        area.full_clean()
    assert "code" in caught.value.message_dict


@pytest.mark.django_db
def test_an_area_a_handed_in_report_names_keeps_its_code_but_not_its_name():
    report = report_with_form(priorities=1)
    area = AreaFactory(country=report.country, code=f"{report.country.code}-HN", name="Ha Noi")
    ActivityFactory(report=report, places=["Ha Noi"])
    report.state = "submitted"
    report.save()
    area.name = "Hanoi"
    area.save()  # names may be corrected
    area.code = f"{report.country.code}-01"
    with pytest.raises(ValidationError) as caught:
        area.save()
    assert caught.value.code == "area_frozen"
    with pytest.raises(ValidationError):
        Area.objects.get(pk=area.pk).delete()


@pytest.mark.django_db
def test_an_area_only_drafts_name_may_change_its_code():
    report = report_with_form(priorities=1)
    area = AreaFactory(country=report.country, code=f"{report.country.code}-HN", name="Ha Noi")
    ActivityFactory(report=report, places=["Ha Noi"])
    area.code = f"{report.country.code}-01"
    area.save()
    assert Area.objects.get(pk=area.pk).code.endswith("-01")


# --- Loading -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_loading_upserts_by_country_and_code():
    CountryFactory(code="VN")
    first = areas_load(parsed=parse_area_list(HEADER + "VN,VN-HN,Ha Noi,Hà Nội,,1\n"))
    again = areas_load(parsed=parse_area_list(HEADER + "VN,VN-HN,Ha Noi,Hà Nội,Hanoi,1\n"))
    assert (first.created, again.created, again.updated) == (1, 0, 1)
    area = Area.objects.get()
    assert (area.tr("name", "vi"), area.aliases) == ("Hà Nội", "Hanoi")


@pytest.mark.django_db
def test_a_line_naming_a_country_not_here_loads_nothing():
    CountryFactory(code="VN")
    text = HEADER + "VN,VN-HN,Ha Noi,Hà Nội,,1\nXX,XX-01,Nowhere,,,2\n"
    result = areas_load(parsed=parse_area_list(text))
    assert result.errors and result.errors[0].startswith("line 3")
    assert not Area.objects.exists()


@pytest.mark.django_db
def test_the_shipped_list_loads_for_a_country_here_only():
    CountryFactory(code="VN")
    result = shipped_areas_load(country_codes={"VN", "TN"})
    assert result.created == 63
    assert Area.objects.filter(country__code="VN").count() == 63


@pytest.mark.django_db
def test_the_database_refuses_an_area_valid_until_before_it_is_valid_from():
    with pytest.raises(IntegrityError), transaction.atomic():
        Area.objects.create(
            country=CountryFactory(code="VN"),
            code="VN-HN",
            name="Ha Noi",
            valid_from=dt.date(2025, 7, 1),
            valid_until=dt.date(2025, 6, 30),
        )


def test_validity_dates_are_read_and_a_bad_one_is_named():
    header = HEADER.replace("order\n", "order,valid_from,valid_until\n")
    good = parse_area_list(header + "VN,VN-HN,Ha Noi,Hà Nội,,1,,2025-06-30\n")
    assert (good.rows[0].valid_from, good.rows[0].valid_until) == (None, dt.date(2025, 6, 30))
    bad = parse_area_list(header + "VN,VN-HN,Ha Noi,Hà Nội,,1,1 July 2025,\n")
    assert bad.errors[0].startswith("line 2:")
