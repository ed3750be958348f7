"""Frameworks, countries and who works for them (a membership per country, or one for a
whole framework), with the choices they are named by (work areas, roles, regions)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from translations.translatable import Translatable


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
