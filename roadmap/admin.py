from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from translations.admin_forms import TranslationsAdmin

from .checks import normalise, numbering_gaps
from .models import (
    AREA_CODE_FROZEN_MESSAGE,
    INDICATOR_FROZEN_MESSAGE,
    ROADMAP_FROZEN_MESSAGE,
    Area,
    Country,
    Framework,
    FrameworkMembership,
    Indicator,
    Membership,
    Partner,
    Priority,
    Roadmap,
    Theme,
)
from .services import roadmap_revise
from .targets import TARGETS_FROZEN_MESSAGE, IndicatorBaseline, IndicatorTarget

User = get_user_model()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["country"]


class FrameworkMembershipInline(admin.TabularInline):
    model = FrameworkMembership
    extra = 0


admin.site.unregister(User)


@admin.register(User)
class PathfinderUserAdmin(UserAdmin):
    inlines = [MembershipInline, FrameworkMembershipInline]
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "is_active"]


@admin.register(Framework)
class FrameworkAdmin(TranslationsAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FrameworkMembershipInline]


@admin.register(Country)
class CountryAdmin(TranslationsAdmin, admin.ModelAdmin):
    list_display = ["name", "code", "region", "is_pathfinder", "language"]
    list_filter = ["is_pathfinder", "region"]
    search_fields = ["name", "code"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "country", "role", "agency"]
    list_filter = ["role", "country"]
    search_fields = ["user__username", "user__email", "country__name"]
    autocomplete_fields = ["user", "country", "agency"]


def _frozen(roadmap: Roadmap | None) -> bool:
    # The marker, or a handed-in report the marker missed (Roadmap.is_frozen).
    return roadmap is not None and roadmap.is_frozen


TRANSLATIONS_STAY_EDITABLE = gettext_lazy(
    "Their translations into other languages can still be corrected here: they say the "
    "same commitment in another language."
)


def frozen_fields(model) -> list[str]:
    """The form fields of what a frozen roadmap keeps as it is (the model's FROZEN_FIELDS,
    by field name; the roadmap itself is the inline's parent). Translations are not among
    them: they stay editable."""
    return [name.removesuffix("_id") for name in model.FROZEN_FIELDS if name != "roadmap_id"]


def own_fields(model) -> list[str]:
    return [
        f.name
        for f in model._meta.fields
        if f.editable and not f.primary_key and f.name != "translations"
    ]


class FrozenRoadmapInline:
    """A frozen roadmap's themes and priorities are shown, never added, deleted or changed
    but for their translations (``obj`` is the roadmap the inline sits in)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return not _frozen(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not _frozen(obj) and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if _frozen(obj):
            return frozen_fields(self.model)
        return super().get_readonly_fields(request, obj)


class ThemeInline(TranslationsAdmin, FrozenRoadmapInline, admin.TabularInline):
    model = Theme
    extra = 0


class PriorityFormSet(BaseInlineFormSet):
    """Refuses a priority whose text repeats another of the same roadmap (the seed report
    lists one priority twice) and a theme from another roadmap."""

    def clean(self) -> None:
        super().clean()
        seen: dict[str, str] = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            theme = data.get("theme")
            if theme is not None and self.instance.pk and theme.roadmap_id != self.instance.pk:
                form.add_error(
                    "theme",
                    ValidationError(
                        _("This theme belongs to another roadmap."), code="foreign_theme"
                    ),
                )
            key = normalise(data.get("text") or "")
            if not key:
                continue
            if key in seen:
                form.add_error(
                    "text",
                    ValidationError(
                        _("This text repeats priority %(other)s of this roadmap.")
                        % {"other": seen[key]},
                        code="duplicate_priority",
                    ),
                )
            else:
                seen[key] = f"{theme.name if theme else ''} {data.get('number', '')}".strip()


class PriorityInline(TranslationsAdmin, FrozenRoadmapInline, admin.TabularInline):
    model = Priority
    formset = PriorityFormSet
    extra = 0
    fields = ["theme", "number", "order", "text", "is_active"]
    ordering = ["theme__number", "order", "number"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "theme":
            roadmap_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Theme.objects.filter(roadmap_id=roadmap_id or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RoadmapFigureInline(FrozenRoadmapInline):
    """Baselines and targets of this roadmap version: of its own country's indicators."""

    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "indicator":
            roadmap_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Indicator.objects.filter(
                country__roadmaps__pk=roadmap_id or 0
            ).order_by("order", "name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class TargetFormSet(BaseInlineFormSet):
    """Refuses a target not after its indicator's baseline year, the baseline as posted on
    the same page: the baselines' inline is saved first, so the target's own check would
    only see a new baseline once it is too late to show the reason beside the field."""

    def clean(self) -> None:
        super().clean()
        baselines = self._baseline_years()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or data.get("indicator") is None:
                continue
            base = baselines.get(data["indicator"].pk)
            if base is not None and data.get("year") is not None and data["year"] <= base:
                form.add_error(
                    "year",
                    ValidationError(
                        _("A target must come after the baseline year (%(year)s).")
                        % {"year": base},
                        code="target_early",
                    ),
                )

    def _baseline_years(self) -> dict[int, int]:
        """Indicator id -> baseline year: as stored, overridden by the rows posted."""
        years = dict(
            IndicatorBaseline.objects.filter(roadmap_id=self.instance.pk).values_list(
                "indicator_id", "year"
            )
        )
        prefix = IndicatorBaseline._meta.get_field("roadmap").remote_field.get_accessor_name()
        try:
            total = min(int(self.data.get(f"{prefix}-TOTAL_FORMS", 0)), 1000)
        except (TypeError, ValueError):
            return years
        for i in range(total):
            if self.data.get(f"{prefix}-{i}-DELETE"):
                continue
            try:
                indicator = int(self.data.get(f"{prefix}-{i}-indicator", ""))
                years[indicator] = int(self.data.get(f"{prefix}-{i}-year", ""))
            except (TypeError, ValueError):
                continue  # the baselines' own form says what is wrong with it
        return years


class BaselineInline(TranslationsAdmin, RoadmapFigureInline, admin.TabularInline):
    model = IndicatorBaseline
    fields = ["indicator", "year", "value", "source"]


class TargetInline(TranslationsAdmin, RoadmapFigureInline, admin.TabularInline):
    model = IndicatorTarget
    formset = TargetFormSet
    fields = ["indicator", "year", "value"]


@admin.register(Roadmap)
class RoadmapAdmin(TranslationsAdmin, admin.ModelAdmin):
    list_display = ["title", "country", "framework", "version", "adopted_on"]
    list_filter = ["framework", "country"]
    search_fields = ["title", "country__name", "priorities__text"]
    inlines = [ThemeInline, PriorityInline, BaselineInline, TargetInline]
    actions = ["revise"]

    @admin.action(description=gettext_lazy("Start a new version of the selected roadmaps"))
    def revise(self, request, queryset) -> None:
        for roadmap in queryset:
            new = roadmap_revise(roadmap=roadmap)
            messages.success(
                request,
                _("Version %(version)d of “%(title)s” created: edit it; old reports keep theirs.")
                % {"version": new.version, "title": new.title},
            )

    def has_delete_permission(self, request, obj=None) -> bool:
        return not _frozen(obj) and super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # Frozen: the roadmap's own texts stay as the handed-in report states them; the
        # model does not guard them (its themes and priorities guard themselves).
        if _frozen(obj):
            return own_fields(Roadmap)
        return super().get_readonly_fields(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        roadmap = self.get_object(request, object_id)
        if _frozen(roadmap) and request.method == "GET":
            messages.warning(request, ROADMAP_FROZEN_MESSAGE)
            messages.warning(request, TARGETS_FROZEN_MESSAGE)
            messages.info(request, TRANSLATIONS_STAY_EDITABLE)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        for theme, missing in numbering_gaps(form.instance).items():
            messages.warning(
                request,
                _("Theme “%(theme)s” skips priority number(s) %(missing)s: is that intended?")
                % {"theme": theme, "missing": ", ".join(map(str, missing))},
            )


@admin.register(Priority)
class PriorityAdmin(TranslationsAdmin, admin.ModelAdmin):
    list_display = ["__str__", "roadmap", "theme", "number", "is_active"]
    list_filter = ["is_active", "roadmap__country", "theme"]
    search_fields = ["text", "theme__name"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and _frozen(obj.roadmap):
            return ["roadmap", *frozen_fields(Priority)]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not (obj and _frozen(obj.roadmap)) and super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        # "Delete selected" asks for no per-object permission: list the priorities of
        # frozen roadmaps as protected, which makes Django refuse the whole deletion.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = [*protected, *(str(p) for p in objs if _frozen(p.roadmap))]
        return deleted, counts, perms_needed, protected

    def change_view(self, request, object_id, form_url="", extra_context=None):
        priority = self.get_object(request, object_id)
        if priority is not None and _frozen(priority.roadmap) and request.method == "GET":
            messages.warning(request, ROADMAP_FROZEN_MESSAGE)
            messages.info(request, TRANSLATIONS_STAY_EDITABLE)
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "scope"]
    list_filter = ["scope", "country"]
    search_fields = ["name"]


@admin.register(Indicator)
class IndicatorAdmin(TranslationsAdmin, admin.ModelAdmin):
    list_display = ["name", "country", "unit", "work_area", "is_active"]
    list_filter = ["country", "work_area", "is_active"]
    search_fields = ["name", "source"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_frozen:
            return [*Indicator.FROZEN_FIELDS]
        return []

    def change_view(self, request, object_id, form_url="", extra_context=None):
        indicator = self.get_object(request, object_id)
        if request.method == "GET" and indicator is not None and indicator.is_frozen:
            messages.warning(request, INDICATOR_FROZEN_MESSAGE)
        return super().change_view(request, object_id, form_url, extra_context)


admin.site.site_header = gettext_lazy("Pathfinder administration")
admin.site.site_title = gettext_lazy("Pathfinder")


@admin.register(Area)
class AreaAdmin(TranslationsAdmin, admin.ModelAdmin):
    """A country's administrative areas (usually loaded with ``load_areas``). Once a
    handed-in report names one, its code and country are shown, not edited (the model
    refuses the change anyway); its names, other spellings and order stay editable."""

    list_display = ["name", "code", "country", "order", "is_active"]
    list_filter = ["country", "is_active"]
    search_fields = ["name", "code", "aliases"]
    list_select_related = ["country"]
    ordering = ["country__name", "order", "name"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_relied_on():
            return ["country", "code"]
        return super().get_readonly_fields(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not (obj and obj.is_relied_on()) and super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        area = self.get_object(request, object_id)
        if area is not None and request.method == "GET" and area.is_relied_on():
            messages.info(request, AREA_CODE_FROZEN_MESSAGE)
        return super().change_view(request, object_id, form_url, extra_context)


# Agencies and invitations (issue 24) have their own module; imported so they register.
from . import contributor_admin  # noqa: E402, F401
