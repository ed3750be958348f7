"""Demo content for the monitoring pages: five more pathfinder countries and four cycles.

Uganda, Nepal, Madagascar, Chile and Tunisia are real Alliance 8.7 pathfinder countries,
but everything said about them here (roadmaps, priorities, figures, next steps,
activities, states of their reports) is INVENTED for the demo. So are Viet Nam's
2020-2021 report and its activities of 2021-2022. Viet Nam's 2021-2022 answers are
written from facts of its 2022-2023 report (the figures it gives for 2021, the programmes
adopted in the period), in our own words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

YEARS = (2020, 2021, 2022, 2023)

# The states a report is shown in on the board (None: the country has not opened it).
NOT_OPENED = None


@dataclass(frozen=True)
class Step:
    """A next step set in ``set_in`` and re-listed by the country every following cycle
    until its last status; ``statuses[k]`` is the status given in cycle set_in + k + 1
    ("" = the country gave none: dropped)."""

    title: str
    work_area: str
    set_in: int
    statuses: tuple[str, ...]


@dataclass(frozen=True)
class DemoCountry:
    code: str
    name: str
    region: str
    roadmap: str
    goal: str
    themes: list[tuple[str, list[str]]]
    # year -> (state, days between the deadline and the first submission; None: never)
    plan: dict[int, tuple[str | None, int | None]]
    # (name, unit, source, work area, values per year, break-down keys)
    indicators: list[tuple[str, str, str, str, tuple[int | None, ...], tuple[str, ...]]]
    provinces: list[str]
    activities: list[tuple[str, str]]  # (title, kind)
    highlights: list[str]  # one per year
    challenges: list[str]
    steps: list[Step] = field(default_factory=list)


def _steps(titles: list[tuple[str, str]]) -> list[Step]:
    """The same shapes in every country: completed at once, carried three cycles and
    flagged on the way, dropped, not achieved, still planned."""
    shapes = [
        (2020, ("completed",)),
        (2020, ("ongoing", "ongoing", "completed")),
        (2020, ("",)),
        (2021, ("completed",)),
        (2021, ("not_achieved",)),
        (2022, ("ongoing",)),
        (2023, ()),
    ]
    return [
        Step(title=title, work_area=area, set_in=year, statuses=statuses)
        for (title, area), (year, statuses) in zip(titles, shapes, strict=True)
    ]


COUNTRIES: list[DemoCountry] = [
    DemoCountry(
        code="UG",
        name="Uganda",
        region="africa",
        roadmap="Uganda roadmap towards SDG target 8.7",
        goal="End child labour and trafficking in persons through stronger laws, schooling "
        "and livelihoods.",
        themes=[
            (
                "Laws and policies",
                [
                    "Adopt the revised list of hazardous work for children.",
                    "Align district ordinances with the national child labour policy.",
                ],
            ),
            (
                "Education and skills",
                [
                    "Bring working children in tea and sugar-cane areas back to school.",
                    "Expand apprenticeships for adolescents above the minimum working age.",
                    "Train teachers to spot and refer children at risk.",
                ],
            ),
            (
                "Livelihoods and protection",
                [
                    "Link families of working children to cash transfer programmes.",
                    "Set up village savings groups in high-risk sub-counties.",
                    "Train labour officers and police to identify trafficking victims.",
                ],
            ),
        ],
        plan={
            2020: ("accepted", -5),
            2021: ("accepted", -12),
            2022: ("accepted", -3),
            2023: ("submitted", -1),
        },
        indicators=[
            (
                "Children withdrawn from hazardous work",
                "children",
                "Ministry of Gender, Labour and Social Development",
                "child_labour",
                (1200, 1850, 2410, 3020),
                ("girls", "boys"),
            ),
            (
                "Labour inspections carried out",
                "inspections",
                "Labour inspectorate",
                "forced_labour",
                (310, 280, 420, 515),
                (),
            ),
        ],
        provinces=["Kampala", "Gulu", "Mbale", "Kasese"],
        activities=[
            ("Training of district labour officers", "training"),
            ("Back-to-school campaign in tea districts", "campaign"),
            ("Savings group launch meetings", "workshop"),
        ],
        highlights=[
            "The hazardous work list went to Cabinet.",
            "Four districts passed child labour ordinances.",
            "Over two thousand children were withdrawn from hazardous work.",
            "The labour inspectorate doubled its field visits.",
        ],
        challenges=[
            "School closures during the pandemic pushed children into work.",
            "Few labour officers for large rural districts.",
            "Cash transfers reach too few of the families at risk.",
            "Data from districts arrive late and incomplete.",
        ],
        steps=_steps(
            [
                ("Table the hazardous work list in Cabinet", "child_labour"),
                ("Train labour officers of ten districts", "forced_labour"),
                ("Map child labour in artisanal gold mining", "child_labour"),
                ("Publish the national child labour survey", "child_labour"),
                ("Open a shelter for trafficking victims in Gulu", "human_trafficking"),
                ("Connect district data to the national database", "child_labour"),
                ("Review the trafficking in persons act", "human_trafficking"),
            ]
        ),
    ),
    DemoCountry(
        code="NP",
        name="Nepal",
        region="asia_pacific",
        roadmap="Nepal roadmap for SDG 8.7",
        goal="Child labour-free municipalities and an end to bonded labour.",
        themes=[
            (
                "Child labour-free municipalities",
                [
                    "Declare and certify child labour-free municipalities.",
                    "Give municipal child rights officers a monitoring checklist.",
                    "Fund local plans against child labour in brick kilns.",
                ],
            ),
            (
                "Freed bonded labourers",
                [
                    "Complete the rehabilitation of freed Haliya and Kamaiya families.",
                    "Provide land titles and housing to freed families.",
                    "Offer vocational training to the children of freed families.",
                ],
            ),
            (
                "Safe migration",
                [
                    "Inform prospective migrant workers of their rights before departure.",
                    "Regulate recruitment agencies and their fees.",
                    "Support returnees who were trafficked or forced to work.",
                ],
            ),
        ],
        plan={
            2020: ("accepted", -2),
            2021: ("accepted", -8),
            2022: ("submitted", 21),  # the late one
            2023: ("draft", None),
        },
        indicators=[
            (
                "Municipalities declared child labour-free",
                "municipalities",
                "Ministry of Labour, Employment and Social Security",
                "child_labour",
                (3, 7, 12, 18),
                (),
            ),
            (
                "Freed bonded labourer families rehabilitated",
                "families",
                "Ministry of Land Management",
                "forced_labour",
                (940, 1210, 1530, 1780),
                ("Haliya", "Kamaiya"),
            ),
        ],
        provinces=["Kathmandu", "Bardiya", "Kailali", "Dhanusha"],
        activities=[
            ("Orientation of municipal child rights officers", "training"),
            ("Pre-departure orientation for migrant workers", "training"),
            ("Brick kiln owners' dialogue", "forum"),
        ],
        highlights=[
            "The first municipalities were certified child labour-free.",
            "Land titles reached freed Haliya families in two provinces.",
            "Twelve municipalities are now child labour-free.",
            "Recruitment fees were capped for three destination countries.",
        ],
        challenges=[
            "Brick kilns move seasonally and escape monitoring.",
            "Freed families wait years for land titles.",
            "Municipal budgets for child protection are small.",
            "Returnees rarely report abuse abroad.",
        ],
        steps=_steps(
            [
                ("Certify five more child labour-free municipalities", "child_labour"),
                ("Issue land titles to freed Haliya families", "forced_labour"),
                ("Survey children in brick kilns", "child_labour"),
                ("Cap recruitment fees for migrant workers", "forced_labour"),
                ("Open migrant resource centres in two provinces", "human_trafficking"),
                ("Train municipal officers on the monitoring checklist", "child_labour"),
                ("Adopt the national master plan on child labour", "child_labour"),
            ]
        ),
    ),
    DemoCountry(
        code="MG",
        name="Madagascar",
        region="africa",
        roadmap="Madagascar roadmap against child labour and trafficking",
        goal="Children out of mines and vanilla fields and into school.",
        themes=[
            (
                "Supply chains",
                [
                    "Remove children from mica mining through traceability with buyers.",
                    "Agree a child labour code of conduct with vanilla exporters.",
                ],
            ),
            (
                "Schooling and birth registration",
                [
                    "Register the births of children in mining areas.",
                    "Open catch-up classes for children who left school to work.",
                ],
            ),
            (
                "Coordination",
                [
                    "Revive the national committee against child labour.",
                    "Train judges and police on trafficking cases.",
                ],
            ),
        ],
        plan={
            2020: (NOT_OPENED, None),
            2021: ("accepted", -1),
            2022: ("returned", -4),
            2023: (NOT_OPENED, None),
        },
        indicators=[
            (
                "Children in catch-up classes",
                "children",
                "Ministry of National Education",
                "child_labour",
                (None, 640, 910, None),
                ("girls", "boys"),
            ),
            (
                "Birth certificates issued in mining areas",
                "certificates",
                "Civil registry",
                "child_labour",
                (None, 2300, 3100, None),
                (),
            ),
        ],
        provinces=["Antananarivo", "Sava", "Anosy"],
        activities=[
            ("Catch-up classes opened in Anosy", "service"),
            ("Meeting with vanilla exporters", "forum"),
        ],
        highlights=[
            "",
            "Vanilla exporters signed a code of conduct.",
            "Catch-up classes reached nine hundred children.",
            "",
        ],
        challenges=[
            "",
            "Mica traceability depends on buyers abroad.",
            "Cyclones closed schools in the south.",
            "",
        ],
        steps=_steps(
            [
                ("Sign a code of conduct with vanilla exporters", "child_labour"),
                ("Register births in three mining communes", "child_labour"),
                ("Map mica mining sites", "child_labour"),
                ("Revive the national committee", "child_labour"),
                ("Train judges on trafficking cases", "human_trafficking"),
                ("Open catch-up classes in Sava", "child_labour"),
                ("Adopt a national action plan on trafficking", "human_trafficking"),
            ]
        ),
    ),
    DemoCountry(
        code="CL",
        name="Chile",
        region="americas",
        roadmap="Chile: roadmap for the elimination of child labour and forced labour",
        goal="No child below the minimum age at work, and decent work for migrant workers.",
        themes=[
            (
                "Child labour in agriculture and trade",
                [
                    "Inspect harvest work in the central valleys every season.",
                    "Reach adolescents working in informal street trade.",
                    "Certify child labour-free fruit export chains.",
                ],
            ),
            (
                "Migrant workers",
                [
                    "Inform migrant workers of their rights in Spanish and Creole.",
                    "Train labour inspectors to detect forced labour.",
                    "Set up a complaint channel for migrant workers.",
                ],
            ),
            (
                "Data and local government",
                [
                    "Repeat the national survey of children's activities.",
                    "Give municipalities a register of working adolescents.",
                    "Report child labour figures every year.",
                    "Train municipal social workers.",
                ],
            ),
        ],
        plan={
            2020: ("accepted", -9),
            2021: ("accepted", -6),
            2022: ("accepted", -10),
            2023: ("accepted", -7),
        },
        indicators=[
            (
                "Adolescents in the register of working adolescents",
                "adolescents",
                "Ministry of Labour and Social Security",
                "child_labour",
                (2100, 2460, 2790, 3120),
                ("girls", "boys"),
            ),
            (
                "Forced labour cases detected by inspectors",
                "cases",
                "Labour Directorate",
                "forced_labour",
                (4, 9, 14, 11),
                (),
            ),
        ],
        provinces=["Santiago", "Maule", "O'Higgins", "Antofagasta"],
        activities=[
            ("Harvest season inspections", "service"),
            ("Rights workshops for migrant workers", "workshop"),
            ("Training of municipal social workers", "training"),
            ("Campaign on adolescent street trade", "campaign"),
        ],
        highlights=[
            "The national survey of children's activities was repeated.",
            "Inspectors detected the first forced labour cases among migrants.",
            "Fruit exporters certified child labour-free chains.",
            "Every region now keeps a register of working adolescents.",
        ],
        challenges=[
            "Seasonal work is hard to inspect.",
            "Migrant workers fear reporting abuse.",
            "Municipal staff turn over quickly.",
            "Street trade moved online.",
        ],
        steps=_steps(
            [
                ("Publish the survey of children's activities", "child_labour"),
                ("Translate rights material into Creole", "forced_labour"),
                ("Pilot certification of fruit export chains", "child_labour"),
                ("Train forty inspectors on forced labour", "forced_labour"),
                ("Open a complaint line for migrant workers", "forced_labour"),
                ("Extend the register to every region", "child_labour"),
                ("Update the hazardous work list", "child_labour"),
            ]
        ),
    ),
    DemoCountry(
        code="TN",
        name="Tunisia",
        region="arab_states",
        roadmap="Tunisia roadmap for SDG target 8.7",
        goal="Identify and protect victims of trafficking and end children's domestic work.",
        themes=[
            (
                "Victims of trafficking",
                [
                    "Give front-line staff the national identification guidelines.",
                    "Open shelters for victims in three governorates.",
                    "Train prosecutors on the anti-trafficking law.",
                ],
            ),
            (
                "Children in domestic work",
                [
                    "Find girls in domestic work and bring them back to school.",
                    "Inform families in rural governorates of the law.",
                ],
            ),
            (
                "Coordination",
                [
                    "Strengthen the national anti-trafficking authority.",
                    "Publish yearly figures on identified victims.",
                ],
            ),
        ],
        plan={
            2020: ("submitted", 0),
            2021: ("accepted", -15),
            2022: ("returned", -2),
            2023: ("draft", None),
        },
        indicators=[
            (
                "Victims of trafficking identified",
                "people",
                "National authority against trafficking in persons",
                "human_trafficking",
                (780, 1100, 1310, 1250),
                ("women", "men", "children"),
            ),
            (
                "Girls taken out of domestic work",
                "girls",
                "Child protection delegates",
                "child_labour",
                (60, 95, 140, 170),
                (),
            ),
        ],
        provinces=["Tunis", "Sfax", "Jendouba", "Kairouan"],
        activities=[
            ("Training of front-line staff on identification", "training"),
            ("Awareness sessions for rural families", "campaign"),
            ("Prosecutors' seminar on the trafficking law", "workshop"),
        ],
        highlights=[
            "The identification guidelines reached front-line staff.",
            "A shelter opened in Sfax.",
            "More victims were identified than ever.",
            "Child protection delegates found 170 girls in domestic work.",
        ],
        challenges=[
            "Victims are often treated as irregular migrants.",
            "Shelters lack places for men.",
            "Domestic work happens behind closed doors.",
            "Prosecutions remain few.",
        ],
        steps=_steps(
            [
                ("Distribute the identification guidelines", "human_trafficking"),
                ("Open shelters in three governorates", "human_trafficking"),
                ("Survey children in domestic work", "child_labour"),
                ("Train prosecutors on the trafficking law", "human_trafficking"),
                ("Publish victim figures every year", "human_trafficking"),
                ("Campaign in rural governorates", "child_labour"),
                ("Review the national referral mechanism", "modern_slavery"),
            ]
        ),
    ),
]

# Viet Nam's plan alongside: 2021 and 2022 come from seed_demo (accepted; draft).
VIET_NAM_PLAN = {2020: ("accepted", -10), 2023: (NOT_OPENED, None)}

VIET_NAM_2020 = DemoCountry(
    code="VN",
    name="Viet Nam",
    region="asia_pacific",
    roadmap="",
    goal="",
    themes=[],
    plan=VIET_NAM_PLAN,
    indicators=[],
    provinces=["Hà Nội", "An Giang", "Lào Cai"],
    activities=[
        ("Consultations on the National Programme of Action on child labour", "workshop"),
        ("Hotline 111 communication on safe migration", "campaign"),
    ],
    highlights=[
        "Ministries and provinces were consulted on the National Programme of Action on "
        "child labour for 2021-2025.",
        "",
        "",
        "",
    ],
    challenges=[
        "COVID-19 closed schools and cut household income.",
        "Children returning to work as the economy reopens.",
        "",
        "",
    ],
    steps=[
        Step(
            "Set up an inter-sectoral coordination mechanism for child labour prevention and "
            "reduction",
            "child_labour",
            2020,
            ("ongoing", "planned"),
        ),
        Step(
            "Adopt the National Programme of Action on child labour 2021-2025",
            "child_labour",
            2020,
            ("completed",),
        ),
    ],
)

# Viet Nam's indicator values for 2020-2021 (invented, like the rest of that report).
VN_2020_INDICATORS = {
    "Calls received by hotline 111": 4120,
    "Hotline 111 counselling calls": 388,
    "Cases referred to victim support services": 29,
}

# Viet Nam 2021-2022 (May 2021 - April 2022), per priority position (1-14).
VN_2021_PRIORITY_ANSWERS: dict[int, str] = {
    1: "Preparations began for a national forum on child labour and business with the "
    "Viet Nam Chamber of Commerce and Industry and the Cooperative Alliance, to be held in "
    "May 2022.",
    2: "The indicator set that monitors the National Programme of Action 2021-2025 was "
    "drafted, including the indicators on child labour that communes will collect.",
    3: "An Giang province began listing pupils at risk of dropping out to work, so that "
    "families could be supported with school supplies in the following year.",
    4: "The ILO ENHANCE project prepared training on child labour for enterprises and "
    "cooperatives, and posted communication material on partners' websites.",
    5: "Hotline 111 received 3,808 calls in 2021: 431 asked for counselling and 35 were "
    "referred to support services.",
    6: "The Programme on preventing and combating human trafficking 2021-2025 started; "
    "training for officials who support victims was planned with IOM.",
    7: "Hotline 111 kept its website and opened its Zalo channel to the public.",
    8: "The Ministry of Education and Training took part in the inter-ministerial "
    "preparation of the National Programme of Action.",
    9: "Vocational needs of children in An Giang were assessed with the ILO.",
    10: "Life skills courses for pupils in Hanoi were prepared for May 2022.",
    11: "Work on economic models for poor families waited for the new poverty reduction programme.",
    12: "Decision 90/QD-TTg of 18 January 2022 approved the National Target Programme for "
    "Sustainable Poverty Reduction 2021-2025.",
    13: "Decision 263/QD-TTg of 22 February 2022 approved the new rural areas programme "
    "2021-2025, with a component on child care and protection.",
    14: "Decision 1415/QD-LDTBXH of 14 December 2021 set the plan to carry out the ASEAN "
    "Convention against trafficking in persons.",
}

VN_2021_PLAIN_ANSWERS: dict[str, dict] = {
    "overall_rating": {"value": "3"},
    "challenges": {
        "text": "COVID-19 closed schools and cut household income.\n"
        "Provinces lacked data on child labour."
    },
    "evidence_tools": {"value": ["third_parties"]},
    "international_partners": {"value": ["ilo", "un_agencies"]},
    "regional_initiatives": {"value": "yes"},
    "domestic_partners": {"value": ["employers", "ministries"]},
    "more_collaboration": {"value": "yes"},
    "process_useful": {"value": "yes"},
    "revise_roadmap": {"value": "no"},
    "anticipated_challenges": {
        "text": "Children returning to work as the economy reopens.\n"
        "Limited local capacity to apply the new indicators."
    },
}

# (title, kind, start, provinces, women, men, priority positions) for Viet Nam 2021-2022.
VN_2021_ACTIVITIES: list[tuple] = [
    (
        "Consultation on the child labour monitoring indicators",
        "workshop",
        (2021, 11, 15),
        ["Hà Nội"],
        38,
        27,
        [2],
    ),
    ("Hotline 111 counsellor refresher course", "training", (2021, 9, 20), [], 22, 9, [5, 7]),
]
