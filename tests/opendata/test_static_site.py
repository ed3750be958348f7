"""The static export: every public page in both languages, the site map, the open-data
files, the public PDFs and evidence files, and the static files the pages use; each file
the served bytes apart from links."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client

from opendata.static_site import Site, file_path
from reports.models import Evidence
from tests.public.conftest import country_reports, publish

pytestmark = pytest.mark.django_db
HOST = "data.example.org"


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    cache.clear()


@pytest.fixture
def site(db):
    reports = country_reports(2)
    for report in reports:
        publication = publish(report)
        publication.pdf_en.save("vn-en.pdf", ContentFile(b"%PDF-1.4 public"), save=True)
    return reports


def _export(tmp_path, base_url: str):
    # Beside MEDIA_ROOT (tmp_path / "media"), not around it.
    tmp_path = tmp_path / "site"
    out = io.StringIO()
    err = io.StringIO()
    call_command("export_public_site", str(tmp_path), base_url=base_url, stdout=out, stderr=err)
    return tmp_path, out.getvalue(), err.getvalue()


def _served(path: str) -> bytes:
    cache.clear()
    response = Client(HTTP_HOST=HOST).get(path, secure=True)
    assert response.status_code == 200, path
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_export_holds_every_page_in_both_languages_and_the_open_data(site, tmp_path):
    tmp_path, out, err = _export(tmp_path, f"https://{HOST}")
    assert "files written" in out
    for language in ("en", "vi"):
        assert (tmp_path / f"public/{language}/alliance87/index.html").exists()
        assert (tmp_path / f"public/{language}/alliance87/vn/index.html").exists()
        assert (tmp_path / f"public/{language}/alliance87/vn/2020-2021/index.html").exists()
    for name in ("indicators.csv", "activities.csv", "answers.csv"):
        assert (tmp_path / "public/data/alliance87/vn" / name).exists()
    assert (tmp_path / "public/data/alliance87/vn.zip").exists()
    assert (tmp_path / "public/data/alliance87.zip").exists()
    assert (tmp_path / "public/sitemap.xml").exists()
    assert (
        (tmp_path / "public/en/alliance87/vn/2019-2020/report.pdf").read_bytes().startswith(b"%PDF")
    )
    assert (tmp_path / "static/vendor/bootstrap/css/bootstrap.min.css").exists()
    assert (tmp_path / "static/css/public.css").exists()
    # Not rendered yet in Vietnamese: named, not written.
    assert "not exported (503): /public/vi/alliance87/vn/2019-2020/report.pdf" in err
    assert not (tmp_path / "public/vi/alliance87/vn/2019-2020/report.pdf").exists()


def test_every_exported_page_is_the_served_page_byte_for_byte_at_the_sites_root(site, tmp_path):
    tmp_path, *_ = _export(tmp_path, f"https://{HOST}")
    pages = sorted(p for p in tmp_path.rglob("*") if p.is_file() and "static" not in p.parts)
    compared = 0
    for page in pages:
        relative = page.relative_to(tmp_path).as_posix()
        url = "/" + relative.removesuffix("index.html")
        if relative == "public/index.html":  # /public/ redirects by the reader's language
            assert b'url=/public/en/"' in page.read_bytes()
            continue
        if relative == "public/en/index.html" or relative == "public/vi/index.html":
            continue  # one framework: these redirect to it
        assert page.read_bytes() == _served(url), url
        compared += 1
    assert compared >= 16


def test_a_base_url_with_a_path_moves_the_links_and_nothing_else(site, tmp_path):
    tmp_path, *_ = _export(tmp_path, f"https://{HOST}/mirror")
    page = (tmp_path / "public/en/alliance87/vn/index.html").read_bytes()
    served = _served("/public/en/alliance87/vn/")
    assert b'href="/mirror/public/data/alliance87/vn.zip"' in page
    assert b'href="/mirror/static/css/public.css"' in page
    assert f'href="https://{HOST}/mirror/public/vi/alliance87/vn/"'.encode() in page
    normalised = Site(origin=f"https://{HOST}", prefix="/mirror").relink(served)
    assert page == normalised


def public_evidence(report, *, title: str, public: bool = True) -> Evidence:
    """A file attached through the service while the report is open, then marked public
    (or not) and the report accepted again."""
    from reports.services.evidence import EvidenceTarget, evidence_add
    from tests.factories import member
    from tests.reports import evidence_samples as samples

    Report = type(report)
    Report.objects.filter(pk=report.pk).update(state="draft")
    report.refresh_from_db()
    evidence = evidence_add(
        report=report,
        user=member(report),
        target=EvidenceTarget(activity=report.activities.first()),
        title=title,
        language="en",
        upload=samples.upload("survey.pdf", samples.pdf()),
    )
    Evidence.objects.filter(pk=evidence.pk).update(is_public=public)
    Report.objects.filter(pk=report.pk).update(state="accepted")
    report.refresh_from_db()
    return evidence


def test_an_evidence_file_is_written_under_its_name_and_linked_there(tmp_path):
    (report,) = country_reports(1)
    evidence = public_evidence(report, title="Survey of the public")
    publish(report)
    tmp_path, *_ = _export(tmp_path, f"https://{HOST}")
    folder = f"public/en/alliance87/vn/{report.cycle.code}/evidence/{evidence.pk}/"
    written = [p for p in (tmp_path / folder).iterdir()]
    assert [p.name for p in written] != ["index.html"] and len(written) == 1
    assert written[0].read_bytes() == _served("/" + folder)
    page = (tmp_path / f"public/en/alliance87/vn/{report.cycle.code}/index.html").read_bytes()
    assert f'href="/{folder}{written[0].name}"'.encode() in page


def test_a_path_outside_the_site_is_refused():
    with pytest.raises(ValueError):
        file_path("/public/../../etc/passwd")
