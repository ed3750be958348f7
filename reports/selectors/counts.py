"""What a row of the review queue and of the monitoring board counts for a report, in the
same query as the reports: open threads, required answers filled, next steps, the first
submission. One place, so the queue and the board always agree."""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from roadmap.models import Priority

from ..models import (
    Answer,
    CommentThread,
    NextStep,
    Question,
    QuestionKind,
    Report,
    Transition,
    TransitionAction,
)


def count_subquery(queryset: QuerySet, group: str) -> Coalesce:
    """A correlated COUNT(*) subquery, 0 when nothing matches."""
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def filled_required_answers() -> QuerySet[Answer]:
    """Answers of an outer report that fill a required item, as the layout counts them:
    choices chosen, text with something in it, on a priority still active in the report's
    roadmap or on a next step carried over from the country's earlier report."""
    filled = (Q(question__kind__in=Question.CHOICE_KINDS) & Q(value__isnull=False)) & ~(
        Q(value=None) | Q(value="") | Q(value=[])
    )
    filled |= ~Q(question__kind__in=Question.CHOICE_KINDS) & Q(text__regex=r"\S")
    anchored = (
        Q(priority__isnull=True, next_step__isnull=True)
        | Q(priority__is_active=True, priority__roadmap_id=OuterRef("roadmap_id"))
        | (
            Q(next_step__report__country_id=OuterRef("country_id"))
            & ~Q(next_step__report_id=OuterRef("pk"))
        )
    )
    return (
        Answer.objects.filter(report_id=OuterRef("pk"), question__required=True)
        .exclude(question__kind=QuestionKind.NEXT_STEPS)
        .filter(filled)
        .filter(anchored)
    )


def with_row_counts(reports: QuerySet[Report]) -> QuerySet[Report]:
    """``reports`` annotated with ``unresolved`` (open threads), ``active_priorities``,
    ``answered_required``, ``has_next_steps`` and ``first_submitted_at``: correlated
    subqueries, so still one query."""
    first_submission = (
        Transition.objects.filter(report_id=OuterRef("pk"), action=TransitionAction.SUBMIT)
        .order_by("at", "pk")
        .values("at")[:1]
    )
    return reports.annotate(
        unresolved=count_subquery(
            CommentThread.objects.filter(report_id=OuterRef("pk"), resolved_at__isnull=True),
            "report_id",
        ),
        active_priorities=count_subquery(
            Priority.objects.filter(roadmap_id=OuterRef("roadmap_id"), is_active=True),
            "roadmap_id",
        ),
        answered_required=count_subquery(filled_required_answers(), "report_id"),
        has_next_steps=Exists(NextStep.objects.filter(report_id=OuterRef("pk"))),
        first_submitted_at=Subquery(first_submission),
    )
