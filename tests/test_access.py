"""Every page needs a signed-in user, except signing in itself, the help page (linked
from the sign-in page: it shows no report), the site icon (browsers ask for it) and an
invitation link (its token is the key). The OData feed refuses too, as its clients
expect: 401 asking for credentials, no redirect."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "admin:login",
    "help",
    "favicon",
    # The API's schema and its docs page describe the API and hold no data.
    "api:schema",
    "api:docs",
    # An invitation link (issue 24): its token is the key; used, expired or unknown, it
    # says so and offers to ask for a new one, revealing nothing.
    "reports:invitation",
    "reports:invitation_renew",
}
# Views a personal access token opens (tokens.decorators.token_or_session): for the tools
# that call them (Power BI, Excel, scripts), 401 with a challenge rather than the sign-in
# page they cannot follow; they only read, so a POST is 405.
TOKEN_VIEWS = {"tokens:whoami"}
SAMPLE = {"int": "1", "str": "abc", "slug": "2022-2023", "path": "x"}


def walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield namespace + (p.name or ""), prefix + str(p.pattern)


def concrete(route: str) -> str:
    # Regex routes first (the admin's, the API router's), then path converters.
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "1", route)
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "1"), route)
    # A regex's anchors go ("^", a "$" that ends a segment); "$count" and "$metadata" of
    # the OData feed stay.
    route = re.sub(r"\$(?=/|$)", "", route.replace("^", ""))
    return "/" + route.replace("\\", "")


ROUTES = sorted({(name, concrete(route)) for name, route in walk(get_resolver().url_patterns)})


@pytest.mark.django_db
@pytest.mark.parametrize("name,url", [r for r in ROUTES if r[0] not in PUBLIC])
def test_every_page_refuses_anonymous_users(client, name, url):
    if name in TOKEN_VIEWS:
        assert (client.get(url).status_code, client.post(url).status_code) == (401, 405)
        return
    for method in (client.get, client.post):
        response = method(url)
        # The admin answers unknown sample objects with 404 before anything is shown. The
        # API answers 401, never a redirect (Power BI and Excel fail on a 302), and any
        # write 405 before anything else.
        if name.startswith("admin:"):
            allowed = (302, 404)
        elif name.startswith("api:"):
            allowed = (401, 405)
        elif name.startswith("odata:"):
            # The feed (GET only) asks Excel and Power BI for credentials rather than redirect.
            allowed = (401,) if method == client.get else (405,)
        else:
            allowed = (302,)
        assert response.status_code in allowed, (name, url, response.status_code)
        if response.status_code == 302:
            assert "login" in response["Location"], (name, url, response["Location"])
        if response.status_code == 401:
            # Basic is what Excel's and Power BI's dialogs answer (the API offers Bearer too).
            assert 'Basic realm="Pathfinder"' in response["WWW-Authenticate"]


def test_the_walk_finds_the_report_pages():
    names = {name for name, _ in ROUTES}
    assert {"home", "reports:detail", "admin:index"} <= names
