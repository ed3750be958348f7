"""The public pages: open to anyone in both languages, rendered from the snapshots alone,
never showing what is not published."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from reports.models import Answer, Evidence, Publication, Report, ReportState
from reports.services.evidence import EvidenceTarget, evidence_add
from roadmap.models import Role
from tests.factories import CountryFactory, member, report_with_form, secretariat_of
from tests.reports import evidence_samples as samples

from .conftest import country_reports, fill, publish, withdraw

pytestmark = pytest.mark.django_db

PAGES = [
    "/public/{lang}/alliance87/",
    "/public/{lang}/alliance87/vn/",
    "/public/{lang}/alliance87/vn/2019-2020/",
    "/public/{lang}/alliance87/vn/2020-2021/",
]


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_public_page_opens_without_signing_in_in_both_languages(client, published, lang):
    for url in PAGES:
        response = client.get(url.format(lang=lang))
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html
        # The same page in the other language, for the switch and for search engines.
        other = "vi" if lang == "en" else "en"
        assert f'hreflang="{other}" href="http://testserver{url.format(lang=other)}"' in html
        assert '<meta name="description" content="' in html
        assert f'<link rel="canonical" href="http://testserver{url.format(lang=lang)}">' in html


def test_link_checkers_asking_head_get_what_get_gets_without_a_body(client, published):
    """HEAD is answered as GET (``require_safe``): a link checker or a crawler asking
    for the headers only must not read a public page or file as broken (405)."""
    urls = [url.format(lang="en") for url in PAGES] + ["/public/sitemap.xml", "/public/"]
    for url in urls:
        got, head = client.get(url), client.head(url)
        assert head.status_code == got.status_code, url
        assert head.content == b"", url
        assert head["Content-Type"] == got["Content-Type"], url


def test_the_language_in_the_path_sets_the_page_language(client, published):
    html = client.get("/public/vi/alliance87/vn/").content.decode()
    assert "Việt Nam" in html or "Viet Nam" in html
    assert "Tiến độ như đã báo cáo" in html  # "Progress as reported"
    assert "Progress as reported" not in html


def test_public_root_redirects_to_the_readers_language(client, published):
    response = client.get("/public/", HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 302 and response["Location"] == "/public/vi/"
    # One framework published: its index straight away.
    response = client.get("/public/vi/")
    assert response.status_code == 302
    assert response["Location"] == "/public/vi/alliance87/"


def test_an_unknown_language_country_or_cycle_is_not_found(client, published):
    for url in [
        "/public/fr/alliance87/",
        "/public/en/nope/",
        "/public/en/alliance87/np/",
        "/public/en/alliance87/vn/2031-2032/",
        "/public/en/alliance87/vn/2019-2020/evidence/999/",
    ]:
        assert client.get(url).status_code == 404, url


def test_the_country_page_shows_progress_rating_steps_people_and_indicators(client, published):
    html = client.get("/public/en/alliance87/vn/").content.decode()
    assert "Progress on Priority 1 in 2019-2020" in html
    assert "Progress on Priority 1 in 2020-2021" in html
    assert "Progress rating per cycle" in html and "2019-2020: 4" in html
    assert "Train labour inspectors 2019-2020" in html
    assert "People reached by sex, per cycle" in html
    assert "Calls to the child helpline (calls)" in html
    assert html.count('data-testid="chart-table"') == 4  # rating, sex, theme, 1 indicator
    latest = published[-1]
    assert f"report revision {latest.revision}" in html
    assert "<script" not in html and "style=" not in html


def test_the_report_page_gives_answers_activities_values_and_the_pdf(client, published):
    html = client.get("/public/en/alliance87/vn/2020-2021/").content.decode()
    assert "Progress on Priority 2 in 2020-2021" in html
    assert "Training" in html  # the activity
    assert "3,020" in html  # its indicator value, written the English way
    assert 'href="/public/en/alliance87/vn/2020-2021/report.pdf"' in html
    assert "Published " in html and "report revision 3" in html
    html_vi = client.get("/public/vi/alliance87/vn/2020-2021/").content.decode()
    assert "3.020" in html_vi


def test_the_index_lists_countries_and_what_changed_lately(client, published):
    html = client.get("/public/en/alliance87/").content.decode()
    assert 'href="/public/en/alliance87/vn/"' in html
    assert "2020-2021" in html
    assert "the 2020-2021 report of Viet Nam was published (revision 3)" in html


def test_drafts_handed_in_returned_and_withdrawn_reports_never_show(client, published):
    for state in (ReportState.DRAFT, ReportState.SUBMITTED, ReportState.RETURNED):
        report_with_form(priorities=2, country=CountryFactory(name=f"Land {state}"), state=state)
    withdraw(published[0])
    index = client.get("/public/en/alliance87/").content.decode()
    assert "Land " not in index
    assert client.get("/public/en/alliance87/vn/2019-2020/").status_code == 404
    country = client.get("/public/en/alliance87/vn/").content.decode()
    assert "Progress on Priority 1 in 2019-2020" not in country
    assert "Progress on Priority 1 in 2020-2021" in country
    assert "the 2019-2020 report of Viet Nam was withdrawn" in index


def test_a_change_after_publishing_shows_only_once_published_again(
    client, published, django_capture_on_commit_callbacks
):
    report = published[-1].report
    answer = Answer.objects.filter(report=report, text__startswith="Progress on Priority 1").get()
    answer.text = "Rewritten after publishing"
    answer.save()
    url = "/public/en/alliance87/vn/2020-2021/"
    assert "Rewritten after publishing" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Report.objects.filter(pk=report.pk).update(revision=4)
        report.refresh_from_db()
        publish(report)
    html = client.get(url).content.decode()
    assert "Rewritten after publishing" in html
    assert "report revision 4" in html
    index = client.get("/public/en/alliance87/").content.decode()
    assert "was published again (revision 4)" in index


def test_no_person_nor_private_evidence_appears(client, db):
    country = CountryFactory(name="Viet Nam", code="VN")
    report = report_with_form(priorities=2, country=country)
    uploader = member(report, Role.REPORTER, username="uploader", email="uploader@example.org")
    uploader.first_name = "Hoa"
    uploader.save()
    question = report.cycle.questionnaire.sections.get(order=1).questions.first()
    files = [
        evidence_add(
            report=report,
            user=uploader,
            target=EvidenceTarget(question=question),
            title=title,
            language="en",
            upload=samples.upload(f"{n}.pdf", samples.pdf()),
            key=None,
        )
        for n, title in enumerate(["Public survey", "Internal memo"])
    ]
    Evidence.objects.filter(pk=files[0].pk).update(is_public=True)
    publish(fill(report), by=secretariat_of(report.cycle.framework, email="sec@example.org"))
    url = "/public/en/alliance87/vn/2022-2023/"
    html = client.get(url).content.decode()
    assert "Public survey" in html and "Internal memo" not in html
    for private in ("uploader", "Hoa", "@example.org", "sec@"):
        assert private not in html
    assert client.get(f"{url}evidence/{files[0].pk}/").status_code == 200
    assert client.get(f"{url}evidence/{files[1].pk}/").status_code == 404


def test_the_pdf_is_being_prepared_until_rendered_then_served(client, published):
    url = "/public/vi/alliance87/vn/2020-2021/report.pdf"
    waiting = client.get(url)
    assert waiting.status_code == 503 and waiting["Retry-After"] == "60"
    assert "PDF" in waiting.content.decode()
    publication = published[-1]
    publication.pdf_vi.save("vn-vi.pdf", ContentFile(samples.pdf()), save=False)
    Publication.objects.filter(pk=publication.pk).update(pdf_vi=publication.pdf_vi.name)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_sitemap_lists_every_page_in_both_languages(client, published):
    response = client.get("/public/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for url in PAGES:
        for lang in ("en", "vi"):
            assert f"<loc>http://testserver{url.format(lang=lang)}</loc>" in xml
    assert 'hreflang="vi" href="http://testserver/public/vi/alliance87/vn/"' in xml


def test_country_pages_are_listed_per_country(client, published):
    other = country_reports(1, country=CountryFactory(name="Nepal", code="NP"))
    publish(other[0])
    html = client.get("/public/en/alliance87/").content.decode()
    assert html.index("Nepal") < html.index("Viet Nam")


def test_only_frameworks_with_a_live_publication_are_listed(client, published):
    from tests.factories import FrameworkFactory

    FrameworkFactory(slug="programme", name="A programme", kind="programme")
    response = client.get("/public/en/")
    assert response.status_code == 302 and response["Location"] == "/public/en/alliance87/"
