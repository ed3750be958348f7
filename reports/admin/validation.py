"""Validation rules, kept per framework by an admin; explanations of warnings, read only
(the country writes them on the submit page, through the service)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from translations.admin_forms import TranslationsAdmin

from ..validation_models import ValidationRule, WarningExplanation
from .content import ReadOnlyAdmin


@admin.register(ValidationRule)
class ValidationRuleAdmin(TranslationsAdmin, admin.ModelAdmin):
    list_display = ["kind", "framework", "severity", "factor", "is_active"]
    list_filter = ["framework", "severity", "is_active", "kind"]
    fieldsets = [
        (
            None,
            {
                "fields": ["framework", "kind", "severity", "factor", "is_active", "message"],
                "description": _(
                    "An error refuses the value at its field; a warning lets it be saved, "
                    "shows it at the field and on the submit page, and the country explains "
                    "it before submitting. End before start and participants over the total "
                    "are refused by the database whatever the rule says: those rules are "
                    "always errors and only give the message."
                ),
            },
        )
    ]


@admin.register(WarningExplanation)
class WarningExplanationAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["text", "report", "kind", "written_by", "written_at"]
    list_filter = ["kind", "report__country", "report__cycle"]
    search_fields = ["text"]
