"""The interface is translatable and translated: English and Vietnamese."""

import re
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from reports.forms.next_steps import NextStepForm

PO = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_vietnamese_catalogue_is_complete():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_compiled_catalogue_is_up_to_date():
    mo = PO.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= PO.stat().st_mtime - 1


def test_placeholders_survive_translation():
    text = PO.read_text(encoding="utf-8")
    pairs = re.findall(r'\nmsgid "(.+)"\nmsgstr "(.+)"', text)
    assert len(pairs) > 300
    for source, target in pairs:
        assert sorted(re.findall(r"%\(\w+\)[sd]", source)) == sorted(
            re.findall(r"%\(\w+\)[sd]", target)
        ), source


@pytest.mark.django_db
def test_home_page_in_vietnamese(client, alice):
    client.force_login(alice)
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert "Báo cáo của quốc gia bạn" in html
    assert "Đăng xuất" in html


def test_length_hint_follows_the_language_and_its_number_format():
    field = NextStepForm.base_fields["targets"]
    with translation.override("en"):
        assert str(field.help_text) == "Maximum 5,000 characters."
    with translation.override("vi"):
        # grouping as Django's Vietnamese formats define it
        assert re.fullmatch(r"Tối đa 5\.?000 ký tự\.", str(field.help_text))
