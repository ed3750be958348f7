"""Baselines and targets of Viet Nam's four indicators in its roadmap (version 1), set
through the service an admin's save goes through (``roadmap.services``).

What is real and what is INVENTED, per figure (also said in each baseline's source, so a
reader of the demo sees it beside the data):

- Calls to hotline 111: baseline 3,808 in 2021, from Viet Nam's 2022-2023 report (2,434
  calls in 2022, "a decrease of 1,374 calls compared to 2021"). Target INVENTED.
- Counselling calls: baseline 431 in 2021, from the same report (541 in 2022, "an increase
  of 110 calls compared to 2021"). Targets INVENTED.
- Cases referred to victim support: baseline 35 in 2021 INVENTED (like the demo's
  2021-2022 report, which gives it); target INVENTED.
- Officials trained: the 2022-2023 report gives nearly 17,000 in 2022 and no earlier
  figure: baseline (2020) and target INVENTED.

No target is stated in the real report for these figures: every target here is invented.
They are set before any report on the roadmap is handed in (the roadmap freezes then);
seeding again with the same figures changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from roadmap.models import Country, Indicator, Roadmap
from roadmap.services import indicator_figures_set

from . import data as demo

REPORT_2022 = {
    "en": "Viet Nam's report 2022-2023 (figure for 2021)",
    "vi": "Báo cáo 2022-2023 của Việt Nam (số liệu năm 2021)",
}
INVENTED = {
    "en": "Invented for the demo",
    "vi": "Số liệu giả định cho bản demo",
}

# indicator -> ((baseline year, value, source), {target year: value})
VIET_NAM_FIGURES: dict[str, tuple[tuple[int, int, dict[str, str]], dict[int, int]]] = {
    "Calls received by hotline 111": ((2021, 3808, REPORT_2022), {2025: 5000}),
    "Hotline 111 counselling calls": ((2021, 431, REPORT_2022), {2023: 600, 2025: 700}),
    "Cases referred to victim support services": ((2021, 35, INVENTED), {2025: 150}),
    "Officials trained on preventing trafficking": ((2020, 12000, INVENTED), {2025: 20000}),
}


def set_viet_nam_figures(country: Country, roadmap: Roadmap) -> None:
    """The indicators (as ``seed_demo`` makes them) and their baselines and targets."""
    for order, (name, unit, source, area, *_values) in enumerate(demo.INDICATORS, start=1):
        indicator, _ = Indicator.objects.get_or_create(
            country=country,
            name=name,
            defaults={"unit": unit, "source": source, "work_area": area, "order": order},
        )
        (year, value, where), targets = VIET_NAM_FIGURES[name]
        indicator_figures_set(
            roadmap=roadmap,
            indicator=indicator,
            baseline=(year, Decimal(value), where),
            targets={y: Decimal(v) for y, v in targets.items()},
        )
