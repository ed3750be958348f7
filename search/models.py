"""The search index: one row per searchable text of a report.

Rows are written only by ``search.index`` (whole reports, in the transaction of the write
that changed them). Each row carries its report's country, cycle and framework so the
filters need no join; the report's state is read through the report (the permission
scope joins it anyway), so a state change never leaves a row behind.

The full-text index beside the rows is the database's own (``search.backends``):
PostgreSQL fills ``vector`` by a trigger from ``folded`` ('simple' configuration, GIN
index); SQLite keeps an FTS5 table over ``folded`` by triggers. Both are created by
migration 0002, for their vendor only.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from reports.models import (
    Activity,
    Answer,
    Comment,
    IndicatorValue,
    NextStep,
    Question,
    Report,
    ReportingCycle,
)
from roadmap.models import Country, Framework, Priority

from .backends import FtsText


class HitKind(models.TextChoices):
    ANSWER = "answer", _("Answer")
    NEXT_STEP = "next_step", _("Next step")
    ACTIVITY = "activity", _("Activity")
    INDICATOR = "indicator", _("Indicator")
    COMMENT = "comment", _("Comment")


class SearchEntry(models.Model):
    # Which source row and which of its texts: "answer:12:text", "activity:7:partners".
    # Unique, so indexing a report twice writes each text once.
    key = models.CharField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=HitKind.choices)
    field = models.CharField(max_length=20)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    # The source rows: deleting one deletes its entries with it (no stale hit).
    answer = models.ForeignKey(Answer, null=True, on_delete=models.CASCADE, related_name="+")
    next_step = models.ForeignKey(NextStep, null=True, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, null=True, on_delete=models.CASCADE, related_name="+")
    indicator_value = models.ForeignKey(
        IndicatorValue, null=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.ForeignKey(Comment, null=True, on_delete=models.CASCADE, related_name="+")
    # Where the text sits, for the filters and the link (an answer's or thread's item).
    question = models.ForeignKey(Question, null=True, on_delete=models.CASCADE, related_name="+")
    priority = models.ForeignKey(Priority, null=True, on_delete=models.SET_NULL, related_name="+")
    anchor = models.CharField(max_length=60, blank=True)
    # Denormalised from the report (they never change for a report): filters without joins.
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="+")
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="+")
    # Comment threads are read only by the report's reviewers (``comment_scope``).
    is_comment = models.BooleanField(default=False)
    # The text as typed (composed, NUL dropped), and its words folded (``index_form``):
    # what both databases index. Snippets fold ``text`` again in Python, position for
    # position (``folding.snippet``).
    text = models.TextField()
    folded = models.TextField()
    # PostgreSQL only (filled by its trigger); an unused column on SQLite.
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [models.Index(fields=["country", "cycle"], name="search_country_cycle")]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_comment=True, kind="comment")
                | (Q(is_comment=False) & ~Q(kind="comment")),
                name="search_comment_flag_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.key


class FtsRow(models.Model):
    """SQLite's FTS5 table over ``SearchEntry.folded`` (migration 0002), declared only so a
    search joins it (``search.backends``): unmanaged, written by its triggers alone, and
    absent (never read) on PostgreSQL."""

    entry = models.OneToOneField(
        SearchEntry,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="fts",
    )
    folded = FtsText()

    class Meta:
        managed = False
        db_table = "search_fts"

    def __str__(self) -> str:
        return str(self.pk)
