"""Reporting cycles: their dates checked together, and the actions that open a cycle's
reports and render its PDFs."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import services, tasks
from ..models import ReportingCycle


class CycleForm(forms.ModelForm):
    class Meta:
        model = ReportingCycle
        fields = ["framework", "starts_on", "ends_on", "opens_on", "deadline"]

    def clean(self):
        data = super().clean()
        # Said at the field, before the database constraint would say it for the form.
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] <= data["starts_on"]:
            self.add_error(
                "ends_on",
                ValidationError(
                    _("The period must end after it starts."), code="ends_before_start"
                ),
            )
        if data.get("opens_on") and data.get("deadline") and data["deadline"] < data["opens_on"]:
            self.add_error(
                "deadline",
                ValidationError(
                    _("The deadline cannot be before reporting opens."),
                    code="deadline_before_opening",
                ),
            )
        return data


@admin.register(ReportingCycle)
class ReportingCycleAdmin(admin.ModelAdmin):
    form = CycleForm
    list_display = ["label", "framework", "opens_on", "deadline"]
    list_filter = ["framework"]
    ordering = ["-starts_on"]
    actions = ["open_reports", "render_pdfs"]

    @admin.action(description=gettext_lazy("Open the reports of the selected cycles"))
    def open_reports(self, request: HttpRequest, queryset) -> None:
        for cycle in queryset:
            try:
                created = services.cycle_open_reports(cycle=cycle)
            except ValidationError as exc:
                messages.error(request, f"{cycle.label}: {' '.join(exc.messages)}")
                continue
            messages.success(
                request,
                _("%(cycle)s: %(count)d report(s) opened (%(countries)s).")
                % {
                    "cycle": cycle.label,
                    "count": len(created),
                    "countries": ", ".join(r.country.name for r in created) or "—",
                },
            )

    @admin.action(
        description=gettext_lazy(
            "Render the PDFs of the selected cycles' reports in the background"
        )
    )
    def render_pdfs(self, request: HttpRequest, queryset) -> None:
        # Jobs, not a render here: a cycle of 40 reports in two languages takes minutes.
        for cycle in queryset:
            queued = tasks.cycle_render_pdfs(cycle=cycle)
            messages.success(
                request,
                ngettext(
                    "%(cycle)s: %(count)d render job queued; the PDFs are ready when the "
                    "workers have run it.",
                    "%(cycle)s: %(count)d render jobs queued; the PDFs are ready when the "
                    "workers have run them.",
                    queued,
                )
                % {"cycle": cycle.label, "count": queued},
            )

    @admin.display(description=gettext_lazy("Cycle"))
    def label(self, obj: ReportingCycle) -> str:
        return obj.label
