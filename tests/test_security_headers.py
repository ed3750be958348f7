"""Content-Security-Policy: the header is sent, and no template carries what it would block
(an inline <script>, an on...= handler attribute, a <style> element)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Rendered by WeasyPrint into a PDF, never served to a browser: its <style> is fine.
NOT_SERVED = TEMPLATES / "reports" / "pdf"

EXPECTED = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "style-src-attr": {"'unsafe-inline'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
    "base-uri": {"'self'"},
    "object-src": {"'none'"},
}


def directives(response) -> dict[str, set[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy header: {dict(response.headers)}"
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = set(values)
    return parsed


@pytest.mark.django_db
def test_csp_header_on_the_login_page(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert directives(response) == EXPECTED
    assert "Content-Security-Policy-Report-Only" not in response.headers


def test_csp_header_on_a_signed_in_page(client, alice, report):
    client.force_login(alice)
    for url in (reverse("home"), reverse("reports:section", args=[report.pk, 1])):
        response = client.get(url)
        assert response.status_code == 200, url
        assert directives(response) == EXPECTED, url


def test_csp_header_on_an_admin_page(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert directives(response) == EXPECTED


SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>", re.IGNORECASE)
HANDLER = re.compile(r"<[a-z][^>]*?\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)
STYLE = re.compile(r"<style\b", re.IGNORECASE)


def served_templates():
    return sorted(
        path for path in TEMPLATES.rglob("*") if path.is_file() and NOT_SERVED not in path.parents
    )


def test_templates_are_found():
    names = {p.relative_to(TEMPLATES).as_posix() for p in served_templates()}
    assert "base.html" in names
    assert "reports/review/read.html" in names
    assert not any(name.startswith("reports/pdf/") for name in names)


@pytest.mark.parametrize(
    "path", served_templates(), ids=lambda p: p.relative_to(TEMPLATES).as_posix()
)
def test_template_has_nothing_inline_that_the_policy_blocks(path):
    text = path.read_text(encoding="utf-8")
    inline = [m.group(0) for m in SCRIPT.finditer(text) if "src=" not in m.group("attrs")]
    assert not inline, f"inline <script> (put it in static/js/): {inline}"
    handlers = [m.group(0)[-60:] for m in HANDLER.finditer(text)]
    assert not handlers, f"on...= handler attribute (use addEventListener): {handlers}"
    assert not STYLE.search(text), "<style> element (put it in static/css/pathfinder.css)"


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<script type="module">x()</script>',
        '<select onchange="this.form.submit()">',
        '<a href="#"\n   onclick="go()">',
        "<style>p{}</style>",
    ],
)
def test_the_template_check_catches(snippet):
    script = [m for m in SCRIPT.finditer(snippet) if "src=" not in m.group("attrs")]
    assert script or HANDLER.search(snippet) or STYLE.search(snippet)


def test_the_template_check_lets_through():
    fine = '<script src="/static/js/x.js" defer></script><button data-once="1" class="x">'
    assert not [m for m in SCRIPT.finditer(fine) if "src=" not in m.group("attrs")]
    assert not HANDLER.search(fine)
    assert not STYLE.search(fine)
