"""Reports and what hangs on them: shown, searched and filtered here, written only through
the services and the workflow."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin

from .. import permissions
from ..models import (
    Activity,
    Answer,
    Comment,
    CommentThread,
    IndicatorValue,
    IndicatorValuePart,
    NextStep,
    Report,
    Transition,
)


class ReportAdminForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["country", "cycle", "roadmap"]

    def clean(self):
        data = super().clean()
        country, cycle = data.get("country"), data.get("cycle")
        duplicate = Report.objects.filter(country=country, cycle=cycle).exclude(pk=self.instance.pk)
        if country and cycle and duplicate.exists():
            # At the field, not only as the constraint's message at the top of the form.
            self.add_error(
                "cycle",
                ValidationError(
                    _("This country already has a report for this cycle."), code="duplicate_report"
                ),
            )
        roadmap = data.get("roadmap")
        if roadmap and country and roadmap.country_id != country.pk:
            self.add_error(
                "roadmap",
                ValidationError(
                    _("This roadmap belongs to another country."), code="foreign_roadmap"
                ),
            )
        return data


class NoHistoryRevert:
    """django-simple-history's "revert to this version" form saves on POST after a view
    check only: that would be a write path of its own, so it only shows."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyAdmin(NoHistoryRevert):
    """Report content is written only through the services (reports/services/), which
    check the report's editable state, bump its revision (so kept PDFs are not served
    stale) and keep the audit history; the admin shows it, searches it and filters it."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(NoHistoryRevert, SimpleHistoryAdmin):
    """A report is opened here (or by "Open the reports of the selected cycles") and then
    never edited here: its country, cycle and roadmap version are what its answers hang
    on, and its state changes only through the workflow (reports.workflow)."""

    form = ReportAdminForm
    list_display = ["country", "cycle", "state", "submitted_at", "revision"]
    list_filter = ["state", "cycle", "country"]
    list_select_related = ["country", "cycle"]
    readonly_fields = ["state", "revision", "submitted_at", "accepted_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        # A report opened by mistake may go while nobody has handed it in.
        if obj is not None and permissions.reviewers_see(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        # "Delete selected" asks for no per-object permission: handed-in reports listed as
        # protected make Django refuse the whole deletion.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        handed_in = [str(r) for r in objs if permissions.reviewers_see(r)]
        return deleted, counts, perms_needed, [*protected, *handed_in]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["report", "question", "priority", "next_step", "updated_at", "updated_by"]
    list_filter = ["report__country", "report__cycle"]
    list_select_related = [
        "report__country",
        "report__cycle",
        "question",
        "priority__theme",
        "next_step",
    ]
    search_fields = ["text"]


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = [
        "title",
        "report",
        "kind",
        "starts_on",
        "participants_women",
        "participants_men",
        "participants_total",
    ]
    list_filter = ["kind", "report__country", "report__cycle"]
    search_fields = ["title", "description"]


@admin.register(NextStep)
class NextStepAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["title", "report"]
    list_filter = ["report__country", "report__cycle"]
    search_fields = ["title", "targets"]


class IndicatorValuePartInline(ReadOnlyAdmin, admin.TabularInline):
    """The break-down's parts, shown (written by the indicator page's service only)."""

    model = IndicatorValuePart
    extra = 0
    fields = ["order", "label", "amount"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    inlines = [IndicatorValuePartInline]
    list_display = ["indicator", "report", "value"]
    list_filter = ["report__country", "report__cycle"]
    search_fields = ["indicator__name", "note"]


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The audit trail: never added, edited or deleted by hand."""

    list_display = ["report", "action", "from_state", "to_state", "by", "at"]
    list_filter = ["action", "to_state"]


class CommentInline(ReadOnlyAdmin, admin.TabularInline):
    model = Comment
    extra = 0


@admin.register(CommentThread)
class CommentThreadAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Comments are never edited, anywhere; threads open and resolve on the report pages."""

    list_display = [
        "report",
        "question",
        "activity",
        "indicator_value",
        "created_by",
        "created_at",
        "resolved_at",
    ]
    # What the columns name, in the one query of the list.
    list_select_related = [
        "report__country",
        "report__cycle",
        "question",
        "activity",
        "indicator_value__indicator",
        "created_by",
    ]
    list_filter = ["report__country", "report__cycle"]
    search_fields = ["comments__body"]
    inlines = [CommentInline]
