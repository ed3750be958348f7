"""Publications in the admin: listed and read, never written here. A publication is made
and withdrawn only through ``reports.workflow`` (the publish and withdraw steps, with
their rules and audit trail); an admin form would be a second way in."""

from django.contrib import admin

from ..models import Publication


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["report", "revision", "published_at", "published_by", "withdrawn_at"]
    list_filter = ["report__cycle__framework", "report__cycle", "report__country"]
    date_hierarchy = "published_at"
    list_select_related = ["report__country", "report__cycle", "published_by"]
    search_fields = ["report__country__name", "report__country__code"]
    readonly_fields = [field.name for field in Publication._meta.fields]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
