"""The same tokens in Django REST framework views (the API's branch installs REST
framework; until it is merged these tests are skipped where it is missing)."""

from __future__ import annotations

import base64

import pytest

pytest.importorskip("rest_framework")

from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from tests.factories import UserFactory, personal_token
from tokens.drf import TokenAuthentication, TokenRateThrottle
from tokens.services import token_revoke

pytestmark = pytest.mark.django_db


class Probe(APIView):
    authentication_classes = [TokenAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = [TokenRateThrottle]
    renderer_classes = [JSONRenderer]

    def get(self, request):
        return Response({"user": request.user.get_username(), "prefix": request.auth.prefix})

    def post(self, request):
        return Response({"wrote": True})


def _call(method: str = "get", **extra):
    request = getattr(APIRequestFactory(), method)("/probe/", **extra)
    return Probe.as_view()(request)


@pytest.fixture
def issued():
    return personal_token(UserFactory(username="analyst"))


@pytest.mark.parametrize("how", ["bearer", "basic", "api_key"])
def test_rest_view_reads_with_a_token_sent_any_of_three_ways(issued, how):
    token, raw = issued
    extra = {
        "bearer": {"HTTP_AUTHORIZATION": f"Bearer {raw}"},
        "basic": {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(f"x:{raw}".encode()).decode()},
        "api_key": {"QUERY_STRING": f"api_key={raw}"},
    }[how]
    response = _call(**extra)
    assert response.status_code == 200
    assert response.data == {"user": "analyst", "prefix": token.prefix}


def test_rest_view_without_token_answers_401_with_the_challenge():
    response = _call()
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_rest_view_refuses_a_revoked_token_saying_so(issued):
    token, raw = issued
    token_revoke(token=token, by=token.user)
    response = _call(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert str(response.data["detail"]).startswith("This token was revoked on ")


def test_rest_view_refuses_a_token_on_a_post(issued):
    _token, raw = issued
    response = _call("post", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 403


def test_rest_view_rate_limits_each_token_with_retry_after(settings, issued):
    settings.TOKEN_RATE_LIMIT = 1
    _token, raw = issued
    assert _call(HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    response = _call(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60


def test_rest_view_passes_on_the_failure_throttle(settings):
    settings.TOKEN_FAILURE_LIMIT = 1
    assert _call(HTTP_AUTHORIZATION="Bearer pf_guessed00_x").status_code == 401
    response = _call(HTTP_AUTHORIZATION="Bearer pf_guessed00_x")
    assert response.status_code == 429 and "Retry-After" in response
