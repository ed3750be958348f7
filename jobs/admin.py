"""Failed jobs, read-only, with the error; "Run again" re-enqueues the selected ones."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import JobFailure
from .services import job_retry


@admin.register(JobFailure)
class JobFailureAdmin(admin.ModelAdmin):
    list_display = ("task", "error", "attempts", "failed_at", "retried_at")
    list_filter = ("task",)
    search_fields = ("task", "error")
    readonly_fields = (
        "task",
        "task_id",
        "args",
        "kwargs",
        "error",
        "traceback",
        "attempts",
        "failed_at",
        "retried_at",
    )
    actions = ["run_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Run the selected jobs again"), permissions=["view"])
    def run_again(self, request, queryset):
        done = 0
        for failure in queryset:
            try:
                job_retry(failure=failure)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(n)d job enqueued again.", "%(n)d jobs enqueued again.", done)
                % {"n": done},
                messages.SUCCESS,
            )
