"""Countries, who works for them, and what they committed to (roadmaps and priorities).

The reporting side (cycles, questionnaires, reports and what hangs on a report) lives in
``reports``; this app has no dependency on it.

One module per concept; every name is re-exported here, so ``from roadmap.models import X``
is the import to use:

- ``frozen``: which fields a write changes, and the ``relied_on`` signal that asks whether
  a record elsewhere relies on a row;
- ``countries``: frameworks, countries, memberships and the choices they are named by;
- ``roadmaps``: roadmap versions, themes and priorities, and their freeze;
- ``partners``: the organisations a country works with;
- ``indicators``: indicators and their freeze;
- ``administrative_areas``: a country's administrative areas.
"""

# isort: off
# In the order the models were defined in when this was one module: Django registers them
# in import order (apps.get_models(), the admin's lists).
from .frozen import changed_fields, held_by_others, relied_on
from .countries import (
    Country,
    Framework,
    FrameworkMembership,
    FrameworkRole,
    Membership,
    Region,
    Role,
    WorkArea,
)
from .roadmaps import (
    ROADMAP_FROZEN_MESSAGE,
    Priority,
    PriorityQuerySet,
    Roadmap,
    Theme,
    check_roadmap_part,
    roadmap_is_frozen,
)
from .partners import Partner
from .indicators import INDICATOR_FROZEN_MESSAGE, Indicator, indicator_is_frozen
from .administrative_areas import AREA_CODE_FROZEN_MESSAGE, Area, AreaQuerySet, valid_during

# Baselines and targets, and agencies and invitations (issue 24's contributors), live in
# modules of their own (this one is long enough); imported here so that Django registers
# them as this app's models. Last: ``targets`` imports the names above from this package.
from ..contributor_models import Agency, Invitation
from ..targets import IndicatorBaseline, IndicatorTarget

# isort: on

__all__ = [
    "AREA_CODE_FROZEN_MESSAGE",
    "INDICATOR_FROZEN_MESSAGE",
    "ROADMAP_FROZEN_MESSAGE",
    "Agency",
    "Area",
    "AreaQuerySet",
    "Country",
    "Framework",
    "FrameworkMembership",
    "FrameworkRole",
    "Indicator",
    "IndicatorBaseline",
    "IndicatorTarget",
    "Invitation",
    "Membership",
    "Partner",
    "Priority",
    "PriorityQuerySet",
    "Region",
    "Roadmap",
    "Role",
    "Theme",
    "WorkArea",
    "changed_fields",
    "check_roadmap_part",
    "held_by_others",
    "indicator_is_frozen",
    "relied_on",
    "roadmap_is_frozen",
    "valid_during",
]
