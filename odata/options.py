"""The system query options a request may carry, read and checked before any query:
``$top $skip $count $select $orderby $filter`` (and ``$format=json``). Any other ``$``
option, a property the set does not have or a value that is not a number answers 400."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from .entities import EntitySet
from .errors import ODataError

SUPPORTED = {"$top", "$skip", "$count", "$select", "$orderby", "$filter", "$format"}
# Far above any real page walk, below every database's offset type.
MAX_SKIP = 2**31 - 1
MAX_ORDERBY = 10


@dataclass(frozen=True)
class Options:
    top: int | None = None
    skip: int = 0
    count: bool = False
    select: tuple[str, ...] = ()
    orderby: tuple[str, ...] = ()  # "Name" or "-Name", as Django's order_by takes them
    filter: str = ""


def _whole_number(params: QueryDict, name: str) -> int | None:
    raw = params.get(name)
    if raw is None:
        return None
    if not re.fullmatch(r"[0-9]{1,10}", raw.strip()) or int(raw) > MAX_SKIP:
        raise ODataError(
            _("%(option)s must be a whole number from 0 to %(max)s.")
            % {"option": name, "max": MAX_SKIP},
            target=name,
        )
    return int(raw)


def _property(entity_set: EntitySet, name: str, option: str) -> str:
    if entity_set.prop(name) is None:
        raise ODataError(
            _("%(set)s has no property %(name)s (%(option)s).")
            % {"set": entity_set.name, "name": name, "option": option},
            target=option,
        )
    return name


def _orderby(entity_set: EntitySet, raw: str) -> tuple[str, ...]:
    terms = [t.split() for t in raw.split(",") if t.strip()]
    if len(terms) > MAX_ORDERBY:
        raise ODataError(_("$orderby takes at most 10 properties."), target="$orderby")
    order = []
    for term in terms:
        if len(term) > 2 or (len(term) == 2 and term[1].lower() not in ("asc", "desc")):
            raise ODataError(
                _("$orderby takes a property and asc or desc, e.g. LastChange desc."),
                target="$orderby",
            )
        name = _property(entity_set, term[0], "$orderby")
        order.append(f"-{name}" if len(term) == 2 and term[1].lower() == "desc" else name)
    return tuple(order)


def read_options(params: QueryDict, entity_set: EntitySet) -> Options:
    unknown = sorted(k for k in params if k.startswith("$") and k not in SUPPORTED)
    if unknown:
        raise ODataError(
            _("This feed does not support %(options)s.") % {"options": ", ".join(unknown)},
            code="not_implemented",
            target=unknown[0],
        )
    if params.get("$format", "json").split(";")[0].lower() not in ("json", "application/json"):
        raise ODataError(_("This feed answers in JSON only."), target="$format")
    count = params.get("$count", "false").lower()
    if count not in ("true", "false"):
        raise ODataError(_("$count is true or false."), target="$count")
    select_raw = params.get("$select", "").strip()
    select = ()
    if select_raw and select_raw != "*":
        select = tuple(_property(entity_set, n.strip(), "$select") for n in select_raw.split(","))
    return Options(
        top=_whole_number(params, "$top"),
        skip=_whole_number(params, "$skip") or 0,
        count=count == "true",
        select=select,
        orderby=_orderby(entity_set, params.get("$orderby", "")),
        filter=params.get("$filter", "").strip(),
    )
