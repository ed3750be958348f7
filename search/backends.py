"""The full-text index of each database, behind one interface: ``matching`` (the entries
whose folded text matches a parsed query) and ``ranked`` (the same with a ``rank``, higher
is better). Picked by the database's vendor.

Neither ever sees what was typed: a ``ParsedQuery`` holds folded words of letters and
digits only (``folding.WORD``), and each is quoted for its database here, so no operator,
quote or bracket typed on purpose reaches the query syntax.

- PostgreSQL: ``SearchEntry.vector`` (a trigger keeps it ``to_tsvector('simple', folded)``,
  GIN index), matched with ``to_tsquery('simple', ...)`` built from the parsed terms
  (phrases with ``<->``, exclusions with ``!``), ranked by ``ts_rank``.
- SQLite: the FTS5 table ``search_fts`` over ``folded`` (kept by triggers), matched with
  an FTS5 expression of quoted terms, ranked by ``bm25``.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField, Lookup, QuerySet, TextField
from django.db.models.expressions import RawSQL

from .query import ParsedQuery

FTS_TABLE = "search_fts"


class FtsText(TextField):
    """The FTS table's column: a text field that knows MATCH."""


def _pg_query(parsed: ParsedQuery) -> SearchQuery:
    def term(words: tuple[str, ...]) -> str:
        # Words are [^\W_]+ (no quote, no backslash): quoted as tsquery lexemes.
        inner = " <-> ".join(f"'{w}'" for w in words)
        return f"({inner})" if len(words) > 1 else inner

    parts = [term(t) for t in parsed.include] + [f"!{term(t)}" for t in parsed.exclude]
    return SearchQuery(" & ".join(parts), search_type="raw", config="simple")


def fts5_expression(parsed: ParsedQuery) -> str:
    """The FTS5 MATCH expression: every term in double quotes (a phrase keeps its order)."""

    def term(words: tuple[str, ...]) -> str:
        return '"' + " ".join(words) + '"'

    expression = " AND ".join(term(t) for t in parsed.include)
    if parsed.exclude:
        expression = f"({expression}) NOT ({' OR '.join(term(t) for t in parsed.exclude)})"
    return expression


class FtsMatch(Lookup):
    """``"search_fts"."folded" MATCH %s``: SQLite's FTS5 operator (the table is joined by
    its rowid, ``FtsRow``)."""

    lookup_name = "fts_match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


FtsText.register_lookup(FtsMatch)


def matching(entries: QuerySet, parsed: ParsedQuery) -> QuerySet:
    if connection.vendor == "postgresql":
        return entries.filter(vector=_pg_query(parsed))
    # A join on the FTS table's rowid: the engine finds the matches once (a subquery per
    # row, for the rank, cost a full match each).
    return entries.filter(fts__folded__fts_match=fts5_expression(parsed))


def ranked(entries: QuerySet, parsed: ParsedQuery) -> QuerySet:
    if connection.vendor == "postgresql":
        return entries.annotate(rank=SearchRank(F("vector"), _pg_query(parsed)))
    # bm25 is lower for better matches: negated, so higher is better on both. It reads the
    # row the join (``matching``) is on.
    return entries.annotate(
        rank=RawSQL(f"-bm25({FTS_TABLE})", [], output_field=FloatField())  # noqa: S611
    )
