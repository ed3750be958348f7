"""Demo content: Viet Nam's roadmap and its 2021-2022 and 2022-2023 reports.

Facts and figures come from Viet Nam's 2022-2023 Alliance 8.7 progress report (the seed
document); the wording is ours. Two slips of the seed are fixed here on purpose:
- the seed numbers the education theme's priorities 1, 2, 3, 5: the last one is number 4;
- the seed lists agriculture priority 3 twice (its #14 and #15): we keep it once, so the
  roadmap has 14 priorities and the form numbers its questions accordingly.
"""

from __future__ import annotations

import datetime as dt

THEMES: list[tuple[str, list[str]]] = [
    (
        "Child labour and business",
        [
            "Establish a national child labour and business forum that brings together small "
            "and medium enterprises as well as large brands.",
            "Build a network of child labour monitoring systems in the communes and districts "
            "where child labour is most common.",
            "Offer targeted economic opportunities and social benefits to families of child "
            "labourers, and decent, legal work for minors who are out of school and already "
            "working in value chains.",
            "Run an awareness programme on social media aimed at both the private sector and "
            "the general public, sharing essential information on child labour.",
        ],
    ),
    (
        "Child trafficking",
        [
            "Raise awareness of the dangers of trafficking and of the services available, and "
            "improve communication between institutions and from national down to province, "
            "district and local levels.",
            "Reduce children's vulnerability to trafficking by reducing family poverty through "
            "job creation, relevant skills training and extra income, above all in remote areas "
            "and among ethnic minority communities.",
            "Find ways to keep social media (Facebook, WhatsApp, Viber, Zalo) and the internet "
            "from being used to lure children into exploitation, and use the same channels to "
            "give children and the public safe information on labour exploitation.",
        ],
    ),
    (
        "Child labour prevention and education",
        [
            "Strengthen collaboration within the Ministry of Education and Training, across key "
            "ministries, and from national to provincial, district and local levels.",
            "Improve the quality of vocational skills training, including by revising curricula "
            "to match what the labour market needs.",
            "Develop economic models that help poor families escape poverty and earn more, so "
            "that their children can go to school instead of working.",
            # Numbered 5 in the seed report, which has no number 4 in this theme.
            "Make communities, families and children aware of the dangers of child labour and of "
            "what schooling, vocational training and higher education can give children.",
        ],
    ),
    (
        "Child labour prevention in agriculture",
        [
            "Review and complete the legal framework so that child labour, its worst forms and "
            "forced labour are clearly defined, with clear rules on the agricultural work "
            "prohibited for each age group and on allowed working hours.",
            "Step up poverty reduction and income programmes, including those of the Ministry of "
            "Agriculture, with stronger career counselling, vocational training and job "
            "placement for older children and youth in rural areas and fishing communities.",
            # The seed repeats this priority as #14 and #15; it is held once here.
            "Raise awareness of the legal framework and of the harm child labour does, among "
            "local government, families, parents and children, and of free trade agreements "
            "and child-labour-free agricultural value chains among public and private "
            "enterprises.",
        ],
    ),
]

# Identified in the 2021-2022 report for May 2022 - April 2023: (title, targets, evidence).
NEXT_STEPS_2021: list[tuple[str, str, str]] = [
    (
        "Train and guide officials on identifying child labour under the new legal documents "
        "and the indicators that monitor the National Programme of Action 2021-2025",
        "Guidelines issued to provinces; training held for child protection officers.",
        "Dispatches issuing the guidelines; training reports.",
    ),
    (
        "Organise a series of events for the World Day against Child Labour (12 June 2022)",
        "A national workshop and communication events in June 2022.",
        "Workshop report and media coverage.",
    ),
    (
        "Build the child labour prevention capacity of stakeholders at all levels, employers "
        "above all",
        "Training for employers' organisations, cooperatives and enterprises.",
        "Number of people trained, by sex; action plans adopted by participants.",
    ),
    (
        "Communicate, educate and mobilise society against child labour, focusing on agriculture "
        "and employers in the informal economy",
        "Communication campaigns in agricultural provinces.",
        "Materials produced and people reached.",
    ),
    (
        "Set up an inter-sectoral coordination mechanism for child labour prevention and reduction",
        "A coordination regulation drafted with the ministries concerned.",
        "Draft regulation circulated for comment.",
    ),
]

# 2022-2023 answers per priority position (1-based); positions left out stay unanswered.
PRIORITY_ANSWERS: dict[int, str] = {
    1: (
        "On 27 May 2022 in Hanoi, the ILO and MOLISA's International Cooperation Department held "
        "a forum on international commitments to prevent and eliminate child labour. 120 "
        "people from MOLISA, the vocational training directorate, ILSSA, training institutes, "
        "business associations (VCCI, VCA), enterprises, cooperatives, the ILO and FAO shared "
        "experience of child labour in the context of COVID-19.\n\n"
        "Three sessions covered the effect of COVID-19 on children and trade commitments in "
        "global supply chains; compliance with labour standards on child labour; and the way "
        "forward, with social protection highlighted by the ILO regional expert."
    ),
    2: (
        "Commune child protection officers in An Giang used the monitoring checklist to identify "
        "children at risk in four districts. The resulting list of 289 primary and secondary "
        "pupils fed the support described under priority 3."
    ),
    3: (
        "With ILO support, An Giang DOLISA identified 289 pupils in need. After a competitive "
        "procurement, an educational supplier delivered in March 2023 1,290 notebooks, 130 "
        "school bags and 68 calculators to the children in four districts, easing the burden on "
        "households whose income had fallen during the pandemic."
    ),
    4: (
        "In March 2023 the ILO and the Bureau for Employers' Activities of VCCI trained 40 "
        "enterprise staff (32 women, 8 men) from garment, agriculture, seafood, electronics and "
        "IT firms in 9 central provinces on preventing child labour and applying codes of "
        "conduct.\n\n"
        "In October 2022 a training of trainers for the Viet Nam Cooperative Alliance reached 40 "
        "trainers from 19 provinces. Tien Giang and Hau Giang cooperative alliances then ran 19 "
        "sessions for 671 cooperative members.\n\n"
        "On 22 and 23 September 2022 two workshops for garment, footwear and electronics "
        "factories brought together 216 representatives of more than 148 enterprises on age "
        "verification, risk assessment and remediation."
    ),
    5: (
        "In 2022 the Department of Child Affairs trained counsellors and collaborators of the "
        "national hotline 111, including speakers of ethnic languages, in two courses on "
        "referral and support for victims of trafficking and on safe migration.\n\n"
        "The hotline received 2,434 calls in 2022: 1,788 asked for information, 541 for "
        "counselling (110 more than in 2021) and 105 were referred to support services (70 "
        "more), mostly young people trafficked to Cambodia."
    ),
    6: (
        "The Ministry ran three courses for 120 DOLISA, police and border guard staff who "
        "support trafficked persons; with IOM, four courses for 140 staff on community "
        "reintegration; with USAID's EpiC project, four courses for 96 officials in Ha Giang, "
        "Cao Bang, Lang Son and Lao Cai on trauma-informed support."
    ),
    7: (
        "Hotline 111 kept communicating through its website and the Zalo platform, where 17 of "
        "the 105 referred cases of 2022 were first reported."
    ),
    8: (
        "A Vietnamese inter-sectoral delegation presented the country's record on access to "
        "education at the 5th Global Conference on the Elimination of Child Labour in Durban. "
        "The Ministry of Education and Training is drafting child labour guidelines for "
        "managers and teachers of schools."
    ),
    9: (
        "In An Giang, 40 children assessed for vocational needs were supported in vocational "
        "schools; 25 are in their second school year at An Giang Technical Vocational School and "
        "An Giang Technical College. On 10 June 2022 about 150 students attended a life skills "
        "seminar at the school."
    ),
    10: (
        "From 14 to 22 May 2022 Hanoi DOLISA and four district offices ran four life skills "
        "courses for 115 primary and secondary pupils from 11 communes on recognising abuse and "
        "exploitation, including hazardous child labour."
    ),
    12: (
        "Decision 90/QD-TTg of 18 January 2022 approved the National Target Programme for "
        "Sustainable Poverty Reduction 2021-2025; circulars of the agriculture, finance and "
        "labour ministries in 2022 guide its funding and livelihood support."
    ),
    13: (
        "Under the programme's livelihood project, 533 projects were started: 131 in "
        "cultivation, 236 in livestock and 166 others."
    ),
    14: (
        "DCA and VCA trained 60 officials of 14 cooperatives in northern Viet Nam on child "
        "labour prevention models in cooperatives and craft villages. Official Letter "
        "3840/LDTBXH-BG of 29 September 2022 guides child protection within the new rural "
        "areas programme."
    ),
}

NEXT_STEP_STATUS = ["completed", "completed", "ongoing", "ongoing", "planned"]

NEXT_STEP_PROGRESS = [
    "Guidelines on the monitoring indicators and a template for village collaborators were "
    "issued on 17 August 2022; guidelines for commune officers on intervention followed on "
    "10 August 2022.",
    "A hybrid workshop on child labour and social protection in the SDG roadmap was held for "
    "the World Day; panellists came from MOLISA, MARD, MOET, VCCI and An Giang DOLISA.",
    "Training on detection and intervention reached social work centres of 43 provinces, and "
    "child protection officers of all 63 DOLISAs tested the new indicators.",
    "Communication continued through cooperatives and trade unions; 248 trade union "
    "representatives from 63 provinces were trained.",
    "The coordination regulation is planned for the coming cycle.",
]

PLAIN_ANSWERS: dict[str, dict] = {
    "overall_rating": {"value": "4"},
    "other_successes": {"value": "no"},
    "challenges": {
        "text": "The pandemic's effect on household income pushed children towards work.\n"
        "Local capacity and awareness remain limited, especially on supply chains.\n"
        "Inspection of small household businesses is difficult."
    },
    "lessons": {
        "text": "Working through cooperatives and trade unions multiplies the reach of training."
    },
    "evidence_tools": {"value": ["surveys", "third_parties"]},
    "evidence_detail": {
        "text": "Reports from ministries and provinces, and the indicator set on children that "
        "includes child labour."
    },
    "international_partners": {
        "value": ["ilo", "un_agencies", "other"],
        "text": "Save the Children",
    },
    "international_detail": {
        "text": "The ILO ENHANCE project supports the prevention and reduction of child "
        "labour in Viet Nam."
    },
    "regional_initiatives": {"value": "yes"},
    "regional_detail": {
        "text": "Viet Nam shares experience under the ASEAN roadmap on eliminating the worst forms "
        "of child labour by 2025."
    },
    "domestic_partners": {"value": ["employers", "workers"]},
    "domestic_detail": {
        "text": "VCCI and VCA train their staff; the Viet Nam General Confederation of Labour "
        "trained 248 union representatives from 63 provinces."
    },
    "more_collaboration": {"value": "yes"},
    "process_useful": {"value": "yes"},
    "revise_roadmap": {"value": "no"},
    "anticipated_challenges": {
        "text": "Children migrating to cities after the pandemic.\n"
        "Limited awareness of child labour in supply chains.\n"
        "Too few inspectors for the informal economy."
    },
}

# The current cycle's draft has begun with the first next step carried over from 2022-2023.
CURRENT_NEXT_STEP_PROGRESS = (
    "The draft regulation on inter-sectoral coordination went to the ministries concerned "
    "for comments; their replies are being consolidated."
)

# Next steps identified in 2022-2023 for May 2023 - April 2024.
NEXT_STEPS_2022: list[tuple[str, str, str]] = [
    (
        "Regulation on inter-sectoral coordination for child labour prevention",
        "Regulation agreed among the ministries concerned by April 2024.",
        "Signed regulation.",
    ),
    (
        "Training on inspecting child labour in the informal economy",
        "Three training courses held.",
        "Training reports with participants by sex.",
    ),
    (
        "Events for the World Day against Child Labour, 12 June 2023",
        "A workshop on social protection and communication materials.",
        "Workshop report; articles published.",
    ),
]

# (title, kind, start, end, provinces, organisers, partners, women, men, total, priority positions)
ACTIVITIES: list[tuple] = [
    (
        "Forum on international commitments to end child labour",
        "forum",
        dt.date(2022, 5, 27),
        None,
        ["Hà Nội"],
        "ILO; MOLISA International Cooperation Department",
        "VCCI, VCA, FAO",
        None,
        None,
        120,
        [1],
    ),
    (
        "Life skills courses for pupils",
        "training",
        dt.date(2022, 5, 14),
        dt.date(2022, 5, 22),
        ["Hà Nội"],
        "Hanoi DOLISA",
        "ILO ENHANCE project",
        None,
        None,
        115,
        [10],
    ),
    (
        "Life skills seminar at An Giang Technical Vocational School",
        "workshop",
        dt.date(2022, 6, 10),
        None,
        ["An Giang"],
        "An Giang DOLISA",
        "ILO ENHANCE project",
        None,
        None,
        150,
        [9],
    ),
    (
        "Workshops on minor workers for garment and footwear factories",
        "workshop",
        dt.date(2022, 9, 22),
        dt.date(2022, 9, 23),
        [],
        "ILO",
        "Garment, footwear and electronics enterprises",
        None,
        None,
        216,
        [4],
    ),
    (
        "Training of trainers for the Viet Nam Cooperative Alliance",
        "training",
        dt.date(2022, 10, 1),
        None,
        [],
        "ILO; VCA",
        "Training institutions of 19 provinces",
        None,
        None,
        40,
        [4, 14],
    ),
    (
        "Child labour prevention training for enterprises",
        "training",
        dt.date(2023, 3, 1),
        None,
        ["Đà Nẵng", "Quảng Nam", "Thừa Thiên Huế"],
        "ILO; VCCI Bureau for Employers' Activities",
        "Enterprises of 9 central provinces",
        32,
        8,
        40,
        [4],
    ),
    (
        "School supplies for 289 pupils at risk",
        "service",
        dt.date(2023, 3, 1),
        None,
        ["An Giang"],
        "An Giang DOLISA",
        "ILO ENHANCE project",
        None,
        None,
        289,
        [3],
    ),
    (
        "Hotline 111 counsellor training",
        "training",
        dt.date(2022, 8, 1),
        None,
        [],
        "Department of Child Affairs",
        "",
        None,
        None,
        None,
        [5],
    ),
]

# (name, unit, source, work_area, value 2021, value 2022, break-down 2022)
INDICATORS: list[tuple] = [
    (
        "Calls received by hotline 111",
        "calls",
        "National hotline 111",
        "human_trafficking",
        3808,
        2434,
        {"information": 1788, "counselling": 541, "referred": 105},
    ),
    (
        "Hotline 111 counselling calls",
        "calls",
        "National hotline 111",
        "human_trafficking",
        431,
        541,
        {},
    ),
    (
        "Cases referred to victim support services",
        "cases",
        "National hotline 111",
        "human_trafficking",
        35,
        105,
        {},
    ),
    (
        "Officials trained on preventing trafficking",
        "people",
        "Labour, Invalids and Social Affairs sector",
        "human_trafficking",
        None,
        17000,
        {},
    ),
]


# --------------------------------------------------------------------------------------
# Programme reporting: a technical-assistance programme on corporate social
# responsibility run with the Institute for Labour Science and Social Affairs (ILSSA),
# reported quarterly to donors on the same engine (objectives as themes, outputs as
# priorities). Facts from the programme description; the wording is ours.

PROGRAMME_GOAL = (
    "Identify the roles government can play in strengthening corporate social responsibility "
    "in the priority export sectors, build agreement on them, and prepare an implementation "
    "plan that serves as a roadmap for future government action."
)

# (objective, [outputs serving it])
PROGRAMME_OBJECTIVES: list[tuple[str, list[str]]] = [
    (
        "Awareness of CSR among government officials",
        [
            "Government officials and the private sector understand what drives CSR, and the "
            "public sector can manage cross-sector CSR initiatives.",
        ],
    ),
    (
        "Government roles in strengthening CSR, with footwear as the case study",
        [
            "Priority public sector roles are identified and experience of encouraging "
            "responsible corporate behaviour is documented.",
            "A core group from ministries, NGOs, labour representatives and business has the "
            "expertise to guide the public debate on government roles.",
        ],
    ),
    (
        "Dialogue with stakeholders in the key export sectors",
        [
            "Dialogue between government, business and civil society reaches consensus on a CSR "
            "strategy with clearly defined roles for government agencies.",
        ],
    ),
]

# Output position -> (status, progress this quarter)
PROGRAMME_ANSWERS: dict[int, tuple[str, str]] = {
    1: (
        "partly_achieved",
        "The policymakers' seminars in Hanoi and Ho Chi Minh City and the research findings "
        "reached officials of the ministries concerned with social and economic policy.",
    ),
    2: (
        "ongoing",
        "The three research segments are being finalised; they will ground the list of "
        "government roles.",
    ),
    3: (
        "achieved",
        "The multi-stakeholder advisory group, set up in February 2003 and coordinated by "
        "ILSSA, now advises on priority roles and research needs.",
    ),
    4: (
        "ongoing",
        "Two multi-stakeholder symposia reported the findings to a wider group and opened "
        "the public dialogue.",
    ),
}

PROGRAMME_PLAIN_ANSWERS: dict[str, str] = {
    "activities_summary": "Two multi-stakeholder symposia hosted by MOLISA and ILSSA; finalising "
    "the research reports; advisory group meetings.",
    "support": "The World Bank advised on the research design and the content of the symposia, "
    "prepared background material for the advisory group and covered the cost of the events.",
}

# (title, kind, start, end, provinces, organisers, partners, women, men, total, outputs served)
PROGRAMME_ACTIVITIES: list[tuple] = [
    (
        "Multi-stakeholder symposia on government roles in CSR",
        "forum",
        dt.date(2003, 10, 1),
        dt.date(2003, 12, 31),
        ["Hà Nội", "Hồ Chí Minh"],
        "MOLISA; ILSSA",
        "World Bank",
        None,
        None,
        None,
        [4],
    ),
    (
        "Research on CSR challenges and opportunities (three segments)",
        "study",
        dt.date(2003, 2, 1),
        dt.date(2003, 12, 31),
        [],
        "ILSSA",
        "World Bank",
        None,
        None,
        None,
        [2, 3],
    ),
]
