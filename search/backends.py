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
from django.db.models import F, FloatField, QuerySet
from django.db.models.expressions import RawSQL

from .query import ParsedQuery

FTS_TABLE = "search_fts"


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


def matching(entries: QuerySet, parsed: ParsedQuery) -> QuerySet:
    if connection.vendor == "postgresql":
        return entries.filter(vector=_pg_query(parsed))
    return entries.filter(
        # Constant SQL; the expression is a parameter, built from folded words only.
        pk__in=RawSQL(  # noqa: S611
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",  # noqa: S608
            [fts5_expression(parsed)],
        )
    )


def ranked(entries: QuerySet, parsed: ParsedQuery) -> QuerySet:
    if connection.vendor == "postgresql":
        return entries.annotate(rank=SearchRank(F("vector"), _pg_query(parsed)))
    table = entries.model._meta.db_table
    return entries.annotate(
        rank=RawSQL(  # noqa: S611 (constant SQL, the expression a parameter)
            # bm25 is lower for better matches: negated, so higher is better on both.
            f"(SELECT -bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
            f"AND {FTS_TABLE}.rowid = {table}.id)",
            [fts5_expression(parsed)],
            output_field=FloatField(),
        )
    )
