"""Admins see every token and revoke any; no secret is shown (none is kept) and no token
is created here: a token is shown once, to the person who creates it on their own page."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import PersonalToken
from .services import token_revoke


@admin.register(PersonalToken)
class PersonalTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "label", "user", "created_at", "expires_at", "last_used_at", "status")
    list_filter = ("revoked_at", "expires_at")
    search_fields = ("prefix", "label", "user__username", "user__email")
    list_select_related = ("user",)
    fields = (
        "user",
        "label",
        "prefix",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    )
    readonly_fields = fields
    actions = ["revoke"]

    @admin.display(description=_("status"))
    def status(self, token: PersonalToken) -> str:
        return token.get_status_display()

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset) -> None:
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            token_revoke(token=token, by=request.user)
        self.message_user(
            request,
            ngettext("%(n)d token revoked.", "%(n)d tokens revoked.", len(tokens))
            % {"n": len(tokens)},
            messages.SUCCESS,
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        # Read-only pages (the change page shows the fields); revoking is the action.
        return False
