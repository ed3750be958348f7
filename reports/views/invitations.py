"""Inviting contributors from other agencies (issue 24): the focal point's invitation page,
and the invitee's link (public: the token is the key), which works once and expires.

Access: ``permissions.can_invite_contributors`` (the country's focal point, admins);
writes: ``roadmap.services.invitations``.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from roadmap.services import invitations as service

from .. import permissions
from ..forms.invitations import InviteForm, NewAccountForm
from ..selectors.reports import report_for


@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(user=request.user, pk=pk)
    if not permissions.can_invite_contributors(request.user, report.country_id):
        raise PermissionDenied
    form = InviteForm(request.POST or None, country=report.country)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            service.invitation_send(
                country=report.country,
                email=data["email"],
                name=data["name"],
                language=data["language"],
                invited_by=request.user,
                agency=data["agency"],
                new_agency=data["new_agency"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("The invitation was sent to %(email)s. The link works once, for %(days)s days.")
                % {"email": data["email"], "days": settings.INVITATION_DAYS},
            )
            return redirect("reports:assignments", pk=report.pk)
    status = 400 if form.errors else 200
    context = {"report": report, "form": form}
    return render(request, "reports/assignments/invite.html", context, status=status)


def _closed(request: HttpRequest, token: str, status: int = 410) -> HttpResponse:
    return render(
        request, "reports/assignments/invitation_closed.html", {"token": token}, status=status
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation: signed in, with one click; else a new account (name and
    password) for the invited address, or, when it has an account, sign in first."""
    found = service.invitation_for_token(token)
    if found is None or found.is_used or found.is_expired:
        return _closed(request, token, status=404 if found is None else 410)
    signed_in = request.user.is_authenticated
    has_account = (
        not signed_in and get_user_model().objects.filter(email__iexact=found.email).exists()
    )
    form = None if signed_in or has_account else NewAccountForm(request.POST or None)
    if request.method == "POST":
        try:
            if signed_in:
                service.invitation_accept(invitation=found, user=request.user)
            elif form is not None and form.is_valid():
                user = service.invitation_accept_new(
                    invitation=found,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                    password=form.cleaned_data["password1"],
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            else:
                raise ValidationError("")
        except service.InvitationClosed:
            return _closed(request, token)
        except ValidationError as exc:
            if form is not None and any(exc.messages):
                form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Welcome. The focal point of %(country)s can now assign you parts of its report.")
                % {"country": found.country.shown_name},
            )
            return redirect("home")
    context = {"invitation": found, "form": form, "has_account": has_account, "token": token}
    status = 400 if form is not None and form.errors else 200
    return render(request, "reports/assignments/invitation.html", context, status=status)


@login_not_required
@require_POST
def invitation_renew(request: HttpRequest, token: str) -> HttpResponse:
    """Ask the focal point for a new link. Says the same whatever the link was."""
    service.invitation_renew_request(token=token)
    return render(request, "reports/assignments/invitation_renewed.html")
