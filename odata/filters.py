"""``$filter`` to a Django ``Q``: odata-query parses the text into a syntax tree (a
maintained parser of the whole OData grammar); this module walks the tree and accepts only
what the feed documents: comparisons ``eq ne gt ge lt le`` of a filterable property with a
literal of its type, joined by ``and``/``or`` (parentheses group). A function, arithmetic,
``not``, ``in``, lambda, an unknown property or a literal of the wrong type is refused with
a message saying what was wrong, never run."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db.models import Q
from django.utils.translation import gettext as _
from odata_query import ast
from odata_query.exceptions import ODataException
from odata_query.grammar import ODataLexer, ODataParser

from reports.models import ReportingCycle

from .entities import BOOL, DATE, DECIMAL, INT, MOMENT, STRING, EntitySet, Prop
from .errors import ODataError

# A filter a person or Power BI writes is a few hundred characters; far longer ones are a
# mistake or an attempt to tie up the parser.
MAX_LENGTH = 2000
MAX_COMPARISONS = 50
INT64 = 2**63 - 1
DECIMAL_LIMIT = Decimal(10) ** 14  # IndicatorValue.value: 16 digits, 2 after the point

LOOKUPS = {ast.Eq: "exact", ast.Lt: "lt", ast.LtE: "lte", ast.Gt: "gt", ast.GtE: "gte"}
FLIPPED = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE}


def _refuse(message: str) -> ODataError:
    return ODataError(message, target="$filter")


class _Walk:
    def __init__(self, entity_set: EntitySet, cycles: dict[str, ReportingCycle]) -> None:
        self.entity_set, self.cycles, self.comparisons = entity_set, cycles, 0

    def q(self, node: ast._Node) -> Q:
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And | ast.Or):
            left, right = self.q(node.left), self.q(node.right)
            return left & right if isinstance(node.op, ast.And) else left | right
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Call):
            raise _refuse(
                _("$filter does not support functions such as %(name)s().")
                % {"name": node.func.name}
            )
        raise _refuse(_("$filter takes comparisons (eq ne gt ge lt le) joined by and / or."))

    def compare(self, node: ast.Compare) -> Q:
        self.comparisons += 1
        if self.comparisons > MAX_COMPARISONS:
            raise _refuse(_("$filter takes at most 50 comparisons."))
        op, left, right = type(node.comparator), node.left, node.right
        if isinstance(left, ast._Literal) and isinstance(right, ast.Identifier):
            op, left, right = FLIPPED.get(op, op), right, left
        if not isinstance(left, ast.Identifier) or not isinstance(right, ast._Literal):
            raise _refuse(_("Each comparison in $filter is a property and a value."))
        if op not in (*LOOKUPS, ast.NotEq):
            raise _refuse(_("$filter compares with eq, ne, gt, ge, lt or le only."))
        prop = self.prop(left)
        if isinstance(right, ast.Null):
            if not prop.nullable or op not in (ast.Eq, ast.NotEq):
                raise _refuse(_("%(name)s cannot be compared with null.") % {"name": prop.name})
            return Q(**{f"{prop.name}__isnull": op is ast.Eq})
        name, value = self.operand(prop, right)
        if op is ast.NotEq:
            return ~Q(**{name: value})
        return Q(**{f"{name}__{LOOKUPS[op]}": value})

    def prop(self, node: ast.Identifier) -> Prop:
        prop = self.entity_set.prop(node.name) if not node.namespace else None
        if prop is None or not prop.filterable:
            names = ", ".join(p.name for p in self.entity_set.props if p.filterable)
            raise _refuse(
                _("%(set)s cannot be filtered on %(name)s; it can on: %(names)s.")
                % {"set": self.entity_set.name, "name": node.full_name(), "names": names}
            )
        return prop

    def operand(self, prop: Prop, literal: ast._Literal) -> tuple[str, object]:
        """The lookup's left side and its value; a cycle's code compares by its start."""
        try:
            if prop.is_cycle:
                return self.cycle(prop, literal)
            return prop.name, _value(prop, literal)
        except (ValueError, ArithmeticError, InvalidOperation, OverflowError):
            raise _refuse(
                _("%(value)s is not a value of %(name)s.")
                % {"value": getattr(literal, "val", ""), "name": prop.name}
            ) from None

    def cycle(self, prop: Prop, literal: ast._Literal) -> tuple[str, object]:
        cycle = self.cycles.get(literal.val) if isinstance(literal, ast.String) else None
        if cycle is None:
            raise _refuse(
                _("There is no cycle %(code)s in this feed; its cycles are: %(codes)s.")
                % {"code": getattr(literal, "val", ""), "codes": ", ".join(self.cycles)}
            )
        return prop.source.removesuffix("cycle_id") + "cycle__starts_on", cycle.starts_on


def _value(prop: Prop, literal: ast._Literal) -> object:
    wanted = {
        STRING: (ast.String,),
        INT: (ast.Integer,),
        DECIMAL: (ast.Integer, ast.Float),
        DATE: (ast.Date,),
        MOMENT: (ast.DateTime, ast.Date),
        BOOL: (ast.Boolean,),
    }[prop.type]
    if not isinstance(literal, wanted):
        raise ValueError(literal)
    if prop.type == INT:
        number = int(literal.val)
        if abs(number) > INT64:
            raise OverflowError
        return number
    if prop.type == DECIMAL:
        number = Decimal(literal.val)
        if not number.is_finite() or abs(number) >= DECIMAL_LIMIT:
            raise OverflowError
        return number
    if prop.type == MOMENT:
        if isinstance(literal, ast.Date):  # a day: from its first moment, UTC
            return dt.datetime.combine(literal.py_val, dt.time(), tzinfo=dt.UTC)
        moment = literal.py_val
        if moment.tzinfo is None:
            raise ValueError(literal)
        return moment
    return literal.py_val


def filter_q(text: str, entity_set: EntitySet, cycles: dict[str, ReportingCycle]) -> Q:
    if not text:
        return Q()
    if "\x00" in text:  # PostgreSQL takes no NUL in a text value
        raise _refuse(_("$filter could not be read."))
    if len(text) > MAX_LENGTH:
        raise _refuse(_("$filter is longer than %(max)s characters.") % {"max": MAX_LENGTH})
    try:
        tree = ODataParser().parse(ODataLexer().tokenize(text))
        if tree is None:
            raise _refuse(_("$filter could not be read."))
        return _Walk(entity_set, cycles).q(tree)
    except ODataException as error:
        raise _refuse(_("$filter could not be read: %(error)s") % {"error": error}) from None
    except RecursionError:
        raise _refuse(_("$filter nests too deeply.")) from None
