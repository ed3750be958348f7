"""Countries, who works for them, and what they committed to (roadmaps and priorities).

The reporting side (cycles, questionnaires, reports and what hangs on a report) lives in
``reports``; this app has no dependency on it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from translations.translatable import Translatable

from .areas import split_aliases
from .structure import new_structure_token

ROADMAP_FROZEN_MESSAGE = _(
    "A report on this roadmap version was handed in, so its themes and priorities stay as "
    "that report states them. To change them, make a new roadmap version: select the roadmap "
    "in the list of roadmaps and choose “Start a new version of the selected roadmaps”."
)
INDICATOR_FROZEN_MESSAGE = _(
    "Handed-in reports give values of this indicator, so its name and unit stay as those "
    "reports state them. For a different figure, add a new indicator."
)


def changed_fields(instance: models.Model, fields: tuple[str, ...]) -> list[str]:
    """Which of ``fields`` (attribute names) ``instance`` changes from its stored row; all
    of them for a row not stored yet."""
    if instance.pk is None:
        return list(fields)
    stored = type(instance)._default_manager.filter(pk=instance.pk).values(*fields).first()
    if stored is None:
        return list(fields)
    return [name for name in fields if stored[name] != getattr(instance, name)]


# Asked (sender: Roadmap, Indicator or Area, ``pk``) before a change to what a frozen roadmap
# version or indicator keeps: a receiver answers True when a record it knows of relies on
# the row as it stands. The reports app answers "a handed-in report does" (reports.freeze):
# the safety net behind ``frozen_at``, which every write of a handed-in report sets but a
# path that skipped the model layer (raw SQL, a future bulk write) could leave unset. A
# signal, so that this app keeps importing nothing of ``reports``.
relied_on = Signal()


def held_by_others(model: type[models.Model], pk: int) -> bool:
    return any(answer for _receiver, answer in relied_on.send(sender=model, pk=pk))


def roadmap_is_frozen(roadmap_id: int | None) -> bool:
    if not roadmap_id:
        return False
    stored = Roadmap.objects.filter(pk=roadmap_id, frozen_at__isnull=False).exists()
    return stored or held_by_others(Roadmap, roadmap_id)


def indicator_is_frozen(indicator_id: int | None) -> bool:
    if not indicator_id:
        return False
    stored = Indicator.objects.filter(pk=indicator_id, frozen_at__isnull=False).exists()
    return stored or held_by_others(Indicator, indicator_id)


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


class WorkArea(models.TextChoices):
    """The four work areas of SDG target 8.7."""

    CHILD_LABOUR = "child_labour", _("Child labour")
    FORCED_LABOUR = "forced_labour", _("Forced labour")
    HUMAN_TRAFFICKING = "human_trafficking", _("Human trafficking")
    MODERN_SLAVERY = "modern_slavery", _("Modern slavery")


class Role(models.TextChoices):
    REPORTER = "reporter", _("Country reporter")
    FOCAL_POINT = "focal_point", _("Country focal point")
    REVIEWER = "reviewer", _("Reviewer")
    # Someone of another agency (a ministry, a statistics office) who writes the parts of
    # a report the focal point assigns them, and reads nothing else (issue 24).
    CONTRIBUTOR = "contributor", _("Contributor from another agency")


class Region(models.TextChoices):
    """The ILO's regions, by which the secretariat groups the pathfinder countries."""

    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ARAB_STATES = "arab_states", _("Arab States")
    ASIA_PACIFIC = "asia_pacific", _("Asia and the Pacific")
    EUROPE_CENTRAL_ASIA = "europe_central_asia", _("Europe and Central Asia")


class FrameworkRole(models.TextChoices):
    # One role today; a choices class so the constraint and the admin name it.
    SECRETARIAT = "secretariat", _("Secretariat")


class Framework(Translatable):
    """A reporting framework: the Alliance 8.7 annual report, or a donor programme's
    quarterly report. Roadmaps, cycles and questionnaires belong to one, so the same
    engine serves both without anything hard-wired to one form."""

    TRANSLATED_FIELDS = ("name", "theme_label", "priority_label")

    class Kind(models.TextChoices):
        PATHFINDER = "pathfinder", _("Alliance 8.7 pathfinder annual report")
        PROGRAMME = "programme", _("Programme report to donors")

    slug = models.SlugField(_("short name"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # What the framework calls its themes and priorities ("Objective" / "Output" for a programme).
    theme_label = models.CharField(_("theme label"), max_length=60, default=_("Theme"))
    priority_label = models.CharField(_("priority label"), max_length=60, default=_("Priority"))
    # Whether a report is published only once the country's focal point has consented to
    # that revision being public (reports.workflow, CONSENT before PUBLISH).
    publication_needs_consent = models.BooleanField(
        _("publication needs the country's consent"),
        default=False,
        help_text=_(
            "When ticked, the secretariat can publish a report only after the country's "
            "focal point has consented to publishing that revision."
        ),
    )
    # The last change of the row (the API's ``updated_since``).
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("reporting framework")
        verbose_name_plural = _("reporting frameworks")

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        return self.tr("name")

    @property
    def shown_theme_label(self) -> str:
        return self.tr("theme_label")

    @property
    def shown_priority_label(self) -> str:
        return self.tr("priority_label")


class Country(Translatable):
    TRANSLATED_FIELDS = ("name",)

    code = models.CharField(
        _("ISO code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2, e.g. VN.")
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    is_pathfinder = models.BooleanField(_("pathfinder country"), default=True)
    region = models.CharField(_("region"), max_length=30, choices=Region.choices, blank=True)
    # The language its staff read mail in unless they chose another (Viet Nam: Vietnamese).
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    # The last change of the row (the API's ``updated_since``).
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2}$"), name="country_code_iso_alpha2"
            ),
            models.CheckConstraint(
                condition=models.Q(region="") | models.Q(region__in=Region.values),
                name="country_region_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        return self.tr("name")


class Membership(models.Model):
    """A person's role for one country. Reviewers hold one membership per country they
    cover; admins are Django staff and need none."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # The organisation a contributor writes for (required for them, so that the focal point
    # and the report can say which agency gave which part); optional for the others.
    agency = models.ForeignKey(
        "roadmap.Agency",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )

    class Meta:
        ordering = ["country__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "country"], name="one_role_per_user_country"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="membership_role_valid"
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.CONTRIBUTOR) | models.Q(agency__isnull=False),
                name="contributor_has_agency",
                violation_error_message=_("A contributor from another agency names the agency."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.country}"


class FrameworkMembership(models.Model):
    """A person's role for a whole framework: the secretariat reviews every country that
    reports under it (37 for the Alliance) without one membership per country, and keeps
    doing so when a country joins."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="framework_memberships",
    )
    framework = models.ForeignKey(
        Framework,
        verbose_name=_("framework"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=FrameworkRole.choices, default=FrameworkRole.SECRETARIAT
    )

    class Meta:
        ordering = ["framework__name", "role"]
        verbose_name = _("framework membership")
        verbose_name_plural = _("framework memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "framework"], name="one_role_per_user_framework"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=FrameworkRole.values),
                name="framework_membership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.framework}"


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


class PriorityQuerySet(models.QuerySet["Priority"]):
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


class Partner(models.Model):
    """An organisation a country works with (questions 32-37 of the annual form)."""

    class Scope(models.TextChoices):
        INTERNATIONAL = "international", _("International")
        DOMESTIC = "domestic", _("Domestic")

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("name"), max_length=200)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    description = models.TextField(_("collaboration"), blank=True)

    class Meta:
        ordering = ["country__name", "scope", "name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="unique_partner_per_country")
        ]

    def __str__(self) -> str:
        return self.name


class Indicator(Translatable):
    """A monitoring figure a country tracks across cycles (values live in ``reports``)."""

    TRANSLATED_FIELDS = ("name", "unit", "source")

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("e.g. calls, people, courses"))
    source = models.CharField(_("usual source"), max_length=300, blank=True)
    work_area = models.CharField(
        _("work area"), max_length=30, choices=WorkArea.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # Set once a handed-in report holds a value of it: its name and unit are then part of
    # what that report says and no longer change (see FROZEN_INDICATOR_FIELDS).
    frozen_at = models.DateTimeField(_("frozen since"), null=True, blank=True, editable=False)
    # The last change of the row (the API's ``updated_since``).
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["country__name", "order", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="unique_indicator_name")
        ]

    def __str__(self) -> str:
        return f"{self.shown_name} ({self.shown_unit})"

    @property
    def shown_name(self) -> str:
        return self.tr("name")

    @property
    def shown_unit(self) -> str:
        return self.tr("unit")

    @property
    def shown_source(self) -> str:
        return self.tr("source")

    def save(self, *args, **kwargs) -> None:
        self.check_not_frozen()
        super().save(*args, **kwargs)

    FROZEN_FIELDS = ("name", "unit")

    @property
    def is_frozen(self) -> bool:
        # Read from the row (and the reports relying on it): an instance loaded before the
        # freeze still says no.
        return indicator_is_frozen(self.pk)

    def check_not_frozen(self) -> None:
        if self.pk is None:
            return
        if changed_fields(self, self.FROZEN_FIELDS) and self.is_frozen:
            raise ValidationError(INDICATOR_FROZEN_MESSAGE, code="indicator_frozen")

    def clean(self) -> None:
        self.check_not_frozen()


AREA_CODE_FROZEN_MESSAGE = _(
    "A handed-in report names this area, so its code and country stay as they are: reports "
    "and trends group by the code. Correct its names, or add a new area."
)


class AreaQuerySet(models.QuerySet["Area"]):
    def active(self) -> AreaQuerySet:
        return self.filter(is_active=True)

    def valid_during(self, starts_on: dt.date, ends_on: dt.date) -> AreaQuerySet:
        return self.filter(valid_during(starts_on, ends_on))


def valid_during(starts_on: dt.date, ends_on: dt.date) -> models.Q:
    """Areas valid on at least one day from ``starts_on`` to ``ends_on``."""
    return (models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=ends_on)) & (
        models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=starts_on)
    )


class Area(Translatable):
    """A first-level administrative area of a country (a province or city of Viet Nam, a
    region of Chile): what an activity's "where" is picked from, so "Ha Noi" and "Hà Nội"
    are one row of every table. Loaded from a CSV (``load_areas``); the code is ISO
    3166-2 where the area has one. Grouping is by code, so once a handed-in report names
    an area, its code and country stay (``relied_on``); its names may still be corrected."""

    TRANSLATED_FIELDS = ("name",)

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="areas"
    )
    code = models.CharField(
        _("code"), max_length=6, help_text=_("ISO 3166-2 where there is one, e.g. VN-HN.")
    )
    name = models.CharField(_("name"), max_length=100)
    aliases = models.CharField(
        _("other spellings"),
        max_length=500,
        blank=True,
        help_text=_(
            "Separated by semicolons, e.g. “Hanoi; Ha Noi”. Used to recognise typed names; "
            "case, accents and spaces are ignored anyway."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    # A list is of its time (Viet Nam's 63 provinces became 34 on 1 July 2025): a report
    # is offered the areas valid in its cycle, so a later list can sit beside the old one.
    # Empty: no bound.
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # The last change of the row (the API's ``updated_since``).
    updated_at = models.DateTimeField(_("last changed"), auto_now=True, db_index=True)

    objects = AreaQuerySet.as_manager()

    FROZEN_FIELDS = ("country_id", "code")

    class Meta:
        ordering = ["country__name", "order", "name"]
        verbose_name = _("administrative area")
        verbose_name_plural = _("administrative areas")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code"],
                name="unique_area_code_per_country",
                violation_error_message=_("This country already has an area with this code."),
            ),
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[A-Z]{2}-[A-Z0-9]{1,3}$"),
                name="area_code_shape",
                violation_error_message=_(
                    "The code is the country's code, a hyphen and up to three letters or "
                    "digits, e.g. VN-HN."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="area_valid_in_order",
                violation_error_message=_("An area cannot stop being valid before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        return self.tr("name")

    def spellings(self) -> list[str]:
        """Every name it may be typed as: its name in each language and its aliases."""
        return [*self.in_every_language("name").values(), *split_aliases(self.aliases)]

    def is_relied_on(self) -> bool:
        return self.pk is not None and held_by_others(Area, self.pk)

    def check_not_frozen(self) -> None:
        changed = self.pk is not None and changed_fields(self, self.FROZEN_FIELDS)
        if changed and self.is_relied_on():
            raise ValidationError(AREA_CODE_FROZEN_MESSAGE, code="area_frozen")

    def clean(self) -> None:
        super().clean()
        self.code = (self.code or "").upper()
        if self.country_id and self.code and not self.code.startswith(self.country.code + "-"):
            raise ValidationError(
                {"code": _("The code starts with the country's code, e.g. VN-HN for Viet Nam.")},
                code="area_code_country",
            )
        self.check_not_frozen()

    def save(self, *args, **kwargs) -> None:
        self.check_not_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_relied_on():
            raise ValidationError(AREA_CODE_FROZEN_MESSAGE, code="area_frozen")
        return super().delete(*args, **kwargs)


# Baselines and targets, and agencies and invitations (issue 24's contributors), live in
# modules of their own (this one is long enough); imported here so that Django registers
# them as this app's models.
from .contributor_models import Agency, Invitation  # noqa: E402, F401
from .targets import IndicatorBaseline, IndicatorTarget  # noqa: E402, F401
