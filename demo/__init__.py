"""The demo: Viet Nam's reports written from the facts of its real 2022-2023 report, five
more pathfinder countries with invented figures for the monitoring pages, a donor programme
reported quarterly, and the demo accounts. ``manage.py seed_demo`` loads it through the
same services and workflow a person's actions use. Nothing in the portal imports it.

- ``data``: Viet Nam's roadmap, reports, activities, figures (seed facts).
- ``countries``: the five other countries' roadmaps and reports (invented).
- ``monitoring``: writes those countries' cycles of reports.
- ``vietnamese``: the Vietnamese texts of the demo's roadmap data.
"""
