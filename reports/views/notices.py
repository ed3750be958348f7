"""A person's notifications: every mail the portal sent them, and their mail settings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ..forms.notices import MailPreferenceForm
from ..selectors.notices import mail_preference_of, notices_page
from ..services.preferences import mail_preference_save


@require_http_methods(["GET", "POST"])
def notices(request: HttpRequest) -> HttpResponse:
    preference = mail_preference_of(user=request.user)
    form = MailPreferenceForm(
        initial={"language": preference.language, "reminders": preference.reminders}
    )
    status = 200
    if request.method == "POST":
        form = MailPreferenceForm(request.POST)
        if form.is_valid():
            try:
                mail_preference_save(
                    user=request.user,
                    language=form.cleaned_data["language"],
                    reminders=form.cleaned_data["reminders"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your mail settings were saved."))
                return redirect("reports:notices")
        status = 400
    return render(
        request,
        "reports/notices.html",
        {"page": notices_page(user=request.user, page=request.GET.get("page")), "form": form},
        status=status,
    )
