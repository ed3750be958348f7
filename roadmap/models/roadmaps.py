"""What a country committed to: roadmap versions, their themes and priorities. Once a
report was handed in on a version, its themes and priorities stay as that report states them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from translations.translatable import Translatable

from ..structure import new_structure_token, structure_changed
from .countries import Country, Framework
from .frozen import changed_fields, held_by_others

ROADMAP_FROZEN_MESSAGE = _(
    "A report on this roadmap version was handed in, so its themes and priorities stay as "
    "that report states them. To change them, make a new roadmap version: select the roadmap "
    "in the list of roadmaps and choose “Start a new version of the selected roadmaps”."
)


def roadmap_is_frozen(roadmap_id: int | None) -> bool:
    if not roadmap_id:
        return False
    stored = Roadmap.objects.filter(pk=roadmap_id, frozen_at__isnull=False).exists()
    return stored or held_by_others(Roadmap, roadmap_id)


def check_roadmap_part(part: Theme | Priority) -> None:
    """Refuse a change to a theme or priority of a frozen roadmap version: the version it
    is in, and the one it would move to (moving out of a frozen version removes it)."""
    changed = changed_fields(part, part.FROZEN_FIELDS)
    if not changed:
        return
    versions = {part.roadmap_id}
    if part.pk is not None and "roadmap_id" in changed:
        versions |= set(
            type(part)._default_manager.filter(pk=part.pk).values_list("roadmap_id", flat=True)
        )
    if any(roadmap_is_frozen(version) for version in versions):
        raise ValidationError(ROADMAP_FROZEN_MESSAGE, code="roadmap_frozen")


class RoadmapPartQuerySet(models.QuerySet):
    """A queryset's bulk writes of themes or priorities (``update``, ``bulk_create``,
    ``bulk_update``, ``delete``) call no ``save`` or ``delete`` of the model: held here to
    the same rule. What a frozen roadmap version states (``FROZEN_FIELDS``) is not
    changed, added or removed, its translations still may be; and every version written
    gets a new structure token, as a save gives it (``roadmap.structure``)."""

    def _frozen_named(self, fields) -> bool:
        model = self.model
        names = {model._meta.get_field(name).attname for name in fields}
        return not names.isdisjoint(model.FROZEN_FIELDS)

    def _refuse_frozen(self, versions: set[int]) -> None:
        if any(roadmap_is_frozen(version) for version in versions):
            raise ValidationError(ROADMAP_FROZEN_MESSAGE, code="roadmap_frozen")

    def _renew(self, versions: set[int]) -> None:
        for version in sorted(v for v in versions if v):
            structure_changed(version)

    def update(self, **kwargs) -> int:
        versions = set(self.values_list("roadmap_id", flat=True))
        moved_to = kwargs.get("roadmap_id", kwargs.get("roadmap"))
        if moved_to is not None:
            versions.add(getattr(moved_to, "pk", moved_to))
        if self._frozen_named(kwargs):
            self._refuse_frozen(versions)
        count = super().update(**kwargs)
        self._renew(versions)
        return count

    def bulk_create(self, objs, *args, **kwargs) -> list:
        objs = list(objs)
        versions = {obj.roadmap_id for obj in objs}
        self._refuse_frozen(versions)
        created = super().bulk_create(objs, *args, **kwargs)
        self._renew(versions)
        return created

    def bulk_update(self, objs, fields, *args, **kwargs) -> int:
        objs = list(objs)
        stored = self.model._default_manager.filter(pk__in=[obj.pk for obj in objs])
        versions = {obj.roadmap_id for obj in objs} | set(
            stored.values_list("roadmap_id", flat=True)
        )
        if self._frozen_named(fields):
            self._refuse_frozen(versions)
        count = super().bulk_update(objs, fields, *args, **kwargs)
        self._renew(versions)
        return count

    def delete(self):
        # Each row deleted sends post_delete, which renews its version's token.
        self._refuse_frozen(set(self.values_list("roadmap_id", flat=True)))
        return super().delete()


class Roadmap(Translatable):
    """One version of a country's roadmap. Revising it creates a new version; a report
    points at the version it was written against, so past reports keep their priorities.

    Translations stay editable on a frozen version: they render the same commitment in
    another language, while the English source (what was handed in) does not change."""

    TRANSLATED_FIELDS = ("title", "goal")

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="roadmaps"
    )
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="roadmaps"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=300)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    goal = models.TextField(_("overall goal"), blank=True)
    # Set (by the reports side, whenever a report on this version is saved in a handed-in
    # state, whatever wrote it: reports.freeze) once a report was handed in on it: from
    # then on its themes and priorities are what that report says, so they stay as they
    # are; a change goes into a new version (roadmap_revise).
    frozen_at = models.DateTimeField(_("frozen since"), null=True, blank=True, editable=False)
    # The last change of the row (the API's ``updated_since``).
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)
    # New with every write to the roadmap, its themes or priorities (``structure``): the
    # cache key of its laid-out priorities, read with the report at no extra query.
    structure_token = models.CharField(max_length=32, default=new_structure_token, editable=False)

    class Meta:
        ordering = ["country__name", "framework", "-version"]
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "framework", "version"], name="unique_roadmap_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.shown_title} (v{self.version})"

    @property
    def shown_title(self) -> str:
        return self.tr("title")

    @property
    def shown_goal(self) -> str:
        return self.tr("goal")

    @property
    def is_frozen(self) -> bool:
        return roadmap_is_frozen(self.pk)


class Theme(Translatable):
    TRANSLATED_FIELDS = ("name",)

    roadmap = models.ForeignKey(
        Roadmap, verbose_name=_("roadmap"), on_delete=models.CASCADE, related_name="themes"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    # The last change of the row (the API's ``updated_since``).
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    objects = RoadmapPartQuerySet.as_manager()

    class Meta:
        ordering = ["roadmap", "number"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["roadmap", "number"], name="unique_theme_number"),
            models.UniqueConstraint(fields=["roadmap", "name"], name="unique_theme_name"),
        ]

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        return self.tr("name")

    def save(self, *args, **kwargs) -> None:
        self.check_not_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if roadmap_is_frozen(self.roadmap_id):
            raise ValidationError(ROADMAP_FROZEN_MESSAGE, code="roadmap_frozen")
        return super().delete(*args, **kwargs)

    FROZEN_FIELDS = ("roadmap_id", "number", "name")

    def check_not_frozen(self) -> None:
        """The last guard (admin forms, inlines and scripts all come through here): a
        frozen roadmap's themes are not added, renamed, renumbered or deleted."""
        check_roadmap_part(self)

    def clean(self) -> None:
        self.check_not_frozen()


class PriorityQuerySet(RoadmapPartQuerySet):
    def active(self) -> PriorityQuerySet:
        return self.filter(is_active=True)

    def in_order(self) -> PriorityQuerySet:
        return self.select_related("theme").order_by("theme__number", "order", "number")


class Priority(Translatable):
    TRANSLATED_FIELDS = ("text",)

    # ``roadmap`` repeats ``theme.roadmap`` so priorities can be edited inline in their
    # roadmap in the admin; Priority.clean() keeps the two consistent.
    roadmap = models.ForeignKey(
        Roadmap, verbose_name=_("roadmap"), on_delete=models.CASCADE, related_name="priorities"
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="priorities"
    )
    number = models.PositiveSmallIntegerField(_("number within the theme"))
    text = models.TextField(_("text"), max_length=2000)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # The last change of the row (the API's ``updated_since``).
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["theme__number", "order", "number"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        constraints = [
            models.UniqueConstraint(fields=["theme", "number"], name="unique_priority_number"),
        ]

    def __str__(self) -> str:
        return f"{self.theme.shown_name} {self.number}. {self.shown_text[:80]}"

    @property
    def shown_text(self) -> str:
        return self.tr("text")

    def save(self, *args, **kwargs) -> None:
        self.check_not_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if roadmap_is_frozen(self.roadmap_id):
            raise ValidationError(ROADMAP_FROZEN_MESSAGE, code="roadmap_frozen")
        return super().delete(*args, **kwargs)

    FROZEN_FIELDS = ("roadmap_id", "theme_id", "number", "text", "order", "is_active")

    def check_not_frozen(self) -> None:
        """As Theme.check_not_frozen: a frozen roadmap gains, loses or rewords no priority."""
        check_roadmap_part(self)

    def clean(self) -> None:
        if self.theme_id and self.roadmap_id and self.theme.roadmap_id != self.roadmap_id:
            raise ValidationError(
                {"theme": _("This theme belongs to another roadmap.")}, code="foreign_theme"
            )
        self.check_not_frozen()

    @property
    def short_label(self) -> str:
        """How a table names it: "Child trafficking 2" (in the active language)."""
        return f"{self.theme.shown_name} {self.number}"

    @property
    def label(self) -> str:
        """As the form quotes it: "Child trafficking 2. Reduce poverty of families..."."""
        return f"{self.theme.shown_name} {self.number}. {self.shown_text}"
