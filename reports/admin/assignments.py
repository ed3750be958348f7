"""Assignments in the admin (issue 24): read, with their audit trail; removed through the
service (which writes the event). Assigning, handing in and accepting happen on the
report's assignments page, which admins may use too."""

from __future__ import annotations

from django.contrib import admin

from ..models import Assignment, AssignmentEvent
from ..services.assignments import assignment_remove


class AssignmentEventInline(admin.TabularInline):
    model = AssignmentEvent
    fields = ["at", "action", "by", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["report", "target", "assignee", "due_on", "state", "updated_at"]
    list_filter = ["state", "target", "report__cycle", "report__country"]
    search_fields = ["assignee__username", "assignee__email", "report__country__name"]
    list_select_related = ["report__country", "report__cycle", "assignee"]
    inlines = [AssignmentEventInline]
    readonly_fields = [
        "report",
        "target",
        "question",
        "priority",
        "section",
        "activity",
        "indicator",
        "assignee",
        "due_on",
        "note",
        "state",
        "state_note",
        "created_by",
        "created_at",
        "updated_at",
        "version",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def delete_model(self, request, obj) -> None:
        assignment_remove(assignment=obj, user=request.user)

    def delete_queryset(self, request, queryset) -> None:
        for assignment in queryset:
            assignment_remove(assignment=assignment, user=request.user)
