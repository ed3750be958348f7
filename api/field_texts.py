"""What each column means, for the data package (``datapackage.json``): its title, its
description, and for a figure its unit. A column's ``_vi`` twin is the same text in
Vietnamese (its title says so)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# name: (title, description)
FIELD_TEXTS = {
    "id": (_("Identifier"), _("The row's number in the portal; it never changes.")),
    "report": (_("Report"), _("The identifier of the report the row belongs to.")),
    "country": (_("Country"), _("The country's ISO 3166-1 alpha-2 code, e.g. VN.")),
    "framework": (_("Framework"), _("The reporting framework's code, e.g. alliance87.")),
    "cycle": (_("Cycle"), _("The reporting cycle's code, e.g. 2022-2023.")),
    "code": (_("Code"), _("The stable code used in every export and filter.")),
    "name": (_("Name"), _("The name, in English.")),
    "kind": (_("Kind"), _("What kind of row this is (see the code list).")),
    "theme_label": (_("Theme label"), _("What the framework calls a theme.")),
    "priority_label": (_("Priority label"), _("What the framework calls a priority.")),
    "updated_at": (_("Last changed"), _("When the row last changed (ISO 8601, with offset).")),
    "region": (_("Region"), _("The ILO region the country belongs to.")),
    "is_pathfinder": (_("Pathfinder country"), _("Whether the country is a pathfinder country.")),
    "starts_on": (_("Starts on"), _("The first day of the period.")),
    "ends_on": (_("Ends on"), _("The last day of the period.")),
    "opens_on": (_("Reporting opens on"), _("The day countries may start their report.")),
    "deadline": (_("Deadline"), _("The day the report is due.")),
    "version": (_("Version"), _("The roadmap's version number.")),
    "title": (_("Title"), _("The title as written.")),
    "goal": (_("Overall goal"), _("The roadmap's overall goal.")),
    "adopted_on": (_("Adopted on"), _("The day the roadmap was adopted.")),
    "frozen": (
        _("Frozen"),
        _("A report was handed in on this version: its themes and priorities stay as they are."),
    ),
    "roadmap": (_("Roadmap"), _("The identifier of the roadmap version.")),
    "roadmap_version": (_("Roadmap version"), _("The version number of the roadmap.")),
    "number": (_("Number"), _("The number within its roadmap or theme.")),
    "key": (_("Priority key"), _("Theme number and priority number, e.g. 2.3.")),
    "theme": (_("Theme"), _("The identifier of the theme.")),
    "theme_name": (_("Theme name"), _("The name of the theme.")),
    "text": (_("Text"), _("The text as written.")),
    "order": (_("Order"), _("The position in lists.")),
    "is_active": (_("Active"), _("Whether it is still in use.")),
    "unit": (_("Unit"), _("The unit the figure is counted in, e.g. calls.")),
    "source": (_("Source"), _("Where the figure comes from.")),
    "work_area": (_("Work area"), _("The work area of SDG target 8.7 (see the code list).")),
    "state": (_("State"), _("The report's state (see the code list).")),
    "revision": (_("Revision"), _("Grows with every change; it tells two versions apart.")),
    "created_at": (_("Created at"), _("When the report was opened.")),
    "submitted_at": (_("Submitted at"), _("When the report was last handed in.")),
    "accepted_at": (_("Accepted at"), _("When the report was accepted.")),
    "question_code": (_("Question code"), _("The question's stable code, e.g. q22.")),
    "priority_key": (
        _("Priority key"),
        _("For an answer per priority: theme number and priority number, e.g. 2.3."),
    ),
    "next_step": (
        _("Next step"),
        _("For an answer per next step: the identifier of the next step it is about."),
    ),
    "value": (_("Value"), _("The value given.")),
    "choices": (_("Choices"), _("The labels of the choices made.")),
    "targets": (_("Targets"), _("The targets set for the next step.")),
    "evidence": (_("Evidence"), _("The evidence that would show the step is achieved.")),
    "work_areas": (_("Work areas"), _("The work areas of SDG target 8.7 it concerns.")),
    "status": (
        _("Status"),
        _("The status a later report gave the next step; empty while none did."),
    ),
    "status_report": (_("Status given in"), _("The identifier of the report that gave it.")),
    "coverage": (
        _("Coverage"),
        _("Where it was held: areas (see area_codes), national or not_given."),
    ),
    "area_codes": (
        _("Areas"),
        _("The codes (ISO 3166-2) of the country's areas where the activity took place."),
    ),
    "unlisted_areas": (
        _("Places not in the list"),
        _("Places typed that are not in the country's list of areas, as typed."),
    ),
    "organisers": (_("Organisers"), _("Who organised the activity.")),
    "partners": (_("Partners"), _("Who took part as partners.")),
    "participants_women": (_("Women"), _("Women who took part.")),
    "participants_men": (_("Men"), _("Men who took part.")),
    "participants_total": (_("Total participants"), _("Everyone who took part.")),
    "people_reached": (
        _("People reached"),
        _("The total, or women and men together when no total was given."),
    ),
    "priority_keys": (_("Priorities served"), _("The keys of the priorities it serves.")),
    "description": (_("Description"), _("The description as written.")),
    "indicator": (_("Indicator"), _("The identifier of the indicator.")),
    "indicator_name": (_("Indicator"), _("The indicator's name.")),
    "breakdown": (
        _("Break-down"),
        _('The parts of the value in order, e.g. [{"label": "counselling", "amount": "541.00"}].'),
    ),
    "breakdown_partial": (
        _("Partial break-down"),
        _("True when the parts leave some of the value out."),
    ),
    "breakdown_text": (
        _("Break-down as typed"),
        _("An earlier break-down that could not be read as parts, kept word for word."),
    ),
    "note": (_("Note"), _("The country's note on the figure.")),
    "contributed_by": (
        _("Contributed by"),
        _("The agency that wrote it last; empty when the country team did."),
    ),
    "year": (_("Year"), _("The year the figure is of.")),
    "valid_from": (_("Valid from"), _("The first day the area exists; empty: always.")),
    "valid_until": (_("Valid until"), _("The last day the area exists; empty: still.")),
}

# Counts of people are in people; an indicator's value is in its row's ``unit``.
UNITS = {
    "participants_women": "people",
    "participants_men": "people",
    "participants_total": "people",
    "people_reached": "people",
}
IN_VIETNAMESE = _("%(title)s (Vietnamese)")
