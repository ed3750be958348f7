"""The Connect page (a person's tokens, the feeds' addresses, ready snippets) and the
token pages: create (the token shown once), revoke. Plus ``whoami``, the smallest view a
token opens, for an analyst to check their set-up."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reports.selectors.tokens_frameworks import tokens_readable_frameworks

from . import endpoints
from .decorators import token_or_session
from .forms import TokenCreateForm
from .selectors import token_of, tokens_of
from .services import token_create, token_revoke


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_GET
def connect(request: HttpRequest) -> HttpResponse:
    base = _base(request)
    feeds = [
        endpoints.feed_urls(base=base, code=f.slug, name=f.shown_name)
        for f in tokens_readable_frameworks(user=request.user)
    ]
    return render(
        request,
        "tokens/connect.html",
        {
            "tokens": list(tokens_of(user=request.user)),
            "now": timezone.now(),
            "feeds": feeds,
            "urls": endpoints.service_urls(base=base),
            "rate_limit": settings.TOKEN_RATE_LIMIT,
        },
    )


@require_http_methods(["GET", "POST"])
def token_new(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    if request.method == "GET":
        form = TokenCreateForm(today=today)
        return render(request, "tokens/token_form.html", {"form": form})
    form = TokenCreateForm(request.POST, today=today)
    if form.is_valid():
        try:
            token, raw = token_create(
                user=request.user,
                label=form.cleaned_data["label"],
                days=form.cleaned_data["days"],
                client_key=form.cleaned_data["client_key"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if raw is None:
                # The same form sent again (a retry, the page reloaded): the token exists
                # and its secret was shown the first time, never again.
                messages.info(
                    request,
                    _(
                        "The token “%(label)s” was already created and shown once. If you did "
                        "not copy it, revoke it and create another."
                    )
                    % {"label": token.label},
                )
                return redirect("tokens:connect")
            return render(request, "tokens/token_created.html", {"token": token, "raw": raw})
    return render(request, "tokens/token_form.html", {"form": form}, status=400)


@require_http_methods(["GET", "POST"])
def token_revoke_page(request: HttpRequest, pk: int) -> HttpResponse:
    token = token_of(user=request.user, pk=pk)
    if request.method == "POST":
        token_revoke(token=token, by=request.user)
        messages.success(
            request,
            _("The token “%(label)s” is revoked: it opens nothing any more.")
            % {"label": token.label},
        )
        return redirect("tokens:connect")
    return render(request, "tokens/token_revoke.html", {"token": token})


@require_GET
@token_or_session
def whoami(request: HttpRequest) -> JsonResponse:
    """Who the request reads as, and with which token: an analyst's first call."""
    token = getattr(request, "token", None)
    return JsonResponse(
        {
            "username": request.user.get_username(),
            "token": None
            if token is None
            else {
                "prefix": token.prefix,
                "label": token.label,
                "expires": token.expires_at.isoformat(),
                "scope": token.scope,
            },
            "rate_limit_per_minute": settings.TOKEN_RATE_LIMIT,
        },
        json_dumps_params={"ensure_ascii": False},
    )
