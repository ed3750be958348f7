"""Admin of agencies and invitations (issue 24), imported by ``roadmap.admin``.

An invitation made here goes through ``roadmap.services.invitations`` like the focal
point's (the mail, the hashed token, the expiry); once made it is read-only."""

from __future__ import annotations

from django.contrib import admin

from translations.admin_forms import TranslationsAdmin

from .models import Agency, Invitation
from .services.invitations import invitation_send


@admin.register(Agency)
class AgencyAdmin(TranslationsAdmin, admin.ModelAdmin):
    list_display = ["name", "country"]
    list_filter = ["country"]
    search_fields = ["name", "country__name"]
    autocomplete_fields = ["country"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "country", "agency", "language", "created_at", "expires_at", "used_at"]
    list_filter = ["country", "language"]
    search_fields = ["email", "name", "agency__name"]
    autocomplete_fields = ["country", "agency"]
    add_fields = ["email", "name", "country", "agency", "language"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.add_fields
        return [
            *self.add_fields,
            "token_hash",
            "invited_by",
            "created_at",
            "expires_at",
            "used_at",
            "used_by",
        ]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.get_fields(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        # Made once, through the service; a new link is a new invitation.
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        if change:
            return
        sent = invitation_send(
            country=obj.country,
            email=obj.email,
            name=obj.name,
            language=obj.language,
            invited_by=request.user,
            agency=obj.agency,
        )
        obj.pk = sent.invitation.pk
