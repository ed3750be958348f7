"""Evidence files in the admin: shown, searched and filtered, never written here. Every
file enters through ``reports.services.evidence`` (its content checked, images
re-encoded, the report's state respected); an admin form would be a second way in."""

from django.contrib import admin

from ..models import Evidence


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["title", "report", "file_type", "language", "size", "uploaded_by", "is_public"]
    list_filter = ["file_type", "language", "is_public", "report__country", "report__cycle"]
    search_fields = ["title", "original_name", "sha256"]
    list_select_related = ["report__country", "report__cycle", "uploaded_by"]
    readonly_fields = [field.name for field in Evidence._meta.fields]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
