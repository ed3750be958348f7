"""A Word file built with python-docx from the structure and texts of Viet Nam's filled
2022-2023 report, slips included: an index listing every question first, headings in
another language, a priority asked twice (#14 and #15), the education theme numbered
1, 2, 3, 5, question numbers in a table cell apart from their text, a damaged question
("10 prevention and reduction capacity..."), options run together on one line, broken
characters ("roadn ոap"), "Example:" hints left in answers, the text of question 32
missing, and options marked with ☒, ✓, ~, bold, highlight, a filled circle and stars.

Answers are the report's texts, shortened to their first paragraphs.
"""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_COLOR_INDEX

P = 'Since May 2022, what progress has been made to your #{n} national roadmap priority "{p}"? *'
PRIORITIES = {
    1: "Child labour and business 1. Establish a National Child Labour and Business Forum "
    "involving SMEs as well as big brands",
    2: "Child labour and business 2. Establish a network of Child Labour Monitoring Systems in "
    "child labour prevalent communes and districts",
    3: "Child labour and business 3. Provide targeted economic opportunities and social benefits "
    "to families of child labourers in need and decent, legal work opportunities for minors not "
    "in education and already found in value-chains",
    4: "Child labour and business 4. Implement an awareness-raising programme using social-media "
    "and targeting both the private sector and the public at large to inform and share critical "
    "information on child labour",
    5: "Child Trafficking 1. Increase awareness raising about the dangers of trafficking and "
    "available services and improve means of communications at all levels, i.e. between "
    "institutions and from national to province, district and local levels",
    6: "Child Trafficking 2. In order to reduce vulnerabilities of children to trafficking, "
    "reduce poverty of families through employment creation, the provision of relevant skills "
    "training and/or the provision of additional income generation opportunities, particularly "
    "in remote regions and amongst ethnic minority communities",
    7: "Child Trafficking 3. Explore means to manage social-media tools such as Facebook, "
    "Whatsap, Viber, Zalo, etc. as well as the internet more generally to avoid them being used "
    "to lure children into exploitative situations. By the same token, explore how to make use "
    "of the same social media tools to increase communications to children and the public at "
    "large about the dangers of labour exploitation while providing a source of safe information",
    8: "Child Labour Prevention and Education 1. Enhance multi-sectoral collaboration within the "
    "MoET, across key Ministries and from National to Provincial. District and local levels",
    9: "Child Labour Prevention and Education 2. Improve the quality of vocational skills "
    "training being provided, including through the review and revision of the curriculums in "
    "line with market demands",
    10: "Child Labour Prevention and Education 3. Develop economic models for poor families to "
    "help them overcome poverty and generate additional income in order to be able to have their "
    "children attend school instead of working",
    11: "Child Labour Prevention and Education 5. Raise awareness of communities, families and "
    "children about the dangers of child labour and inform them about the various benefits that "
    "schooling, including continued education and vocational skills training as well as higher "
    "education, will provide their children",
    12: "Child Labour Prevention in Agriculture 1. Review and revise, update and or complete the "
    "legal framework ensuring clear definitions for child labour, worst forms of child labour, "
    "forced labour and providing greater clarity regarding work that is prohibited for children "
    "in agriculture amongst different age groups as well as the allowed working hours for each "
    "category of children",
    13: "Child Labour Prevention in Agriculture 2. Intensify the implementation of poverty "
    "reduction and income generating programmes, including those implemented by the Ministry of "
    "Agriculture, as well as the provision of strengthened career counselling, vocational skills "
    "training and job placements for older children and youth in rural areas as well as in the "
    "fishing sector with increased focus in districts with high levels of child labour",
    14: "Child Labour Prevention in Agriculture 3. Increase awareness raising and communications "
    "with regards to child labour with a particular focus on the legal framework and negative "
    "effects of child labour on children's well-being and poverty reduction, targeting local "
    "government institutions, families, parents and children themselves; as well as on FTAs and "
    "the elimination of child labour in agricultural value-chains targeting public and private "
    "sector enterprises",
}
PRIORITIES[15] = PRIORITIES[14]  # the seed asks agriculture priority 3 twice

NEXT_STEPS = {
    16: "Provide training and guidance on identification of child labour based on newly "
    "promulgated legal documents, and in line with the set of indicators to monitor the "
    "implementation of the NPA for 2021-2025 with a vision to 2030",
    17: "Organize a series of events in response to WDACL (12 June 2022)",
    18: "Improve the child labour prevention and reduction capacity of stakeholders at all "
    "levels, related agencies, organizations and individuals, especially for employers",
    19: "Implement communication education, and social mobilization to raise awareness and "
    "responsibility for child labor prevention and reduction, with a focus on agriculture and "
    "employers in the informal economic sector",
    20: "Inter-sectorial coordination mechanism for child labor prevention and reduction",
}

ANSWERS = {
    1: [
        "Forum on international commitments to child labor prevention and elimination: In Hanoi, "
        "on May 27, ILO in collaboration with the International Cooperation Department (ICD) of "
        "MOLISA organized a forum on international commitments on child labor prevention and "
        "elimination. 120 representatives participated.",
        "The event involved 3 sessions: (i) the impact of COVID-19 on children and traderelated "
        "commitments in the context of global supply chains; (ii) promotion of compliance with "
        "labor standards; and (iii) important solutions and the way forward.",
    ],
    2: [
        "With ILO support, An Giang DOLISA has made a list of 289 primary and secondary school "
        "students who were in need of school supplies such as school bags, notebooks, and "
        "calculators."
    ],
    3: [
        "With ILO support, An Giang DOLISA has made a list of 289 primary and secondary school "
        "students who were in need of school supplies such as school bags, notebooks, and "
        "calculators."
    ],
    4: [
        "In March 2023, ILO collaborated with the Bureau for Employers Activities (BEA) under "
        "VCCI to organize a training course to raise awareness and build child labor prevention "
        "capacity for enterprises.",
        "Participants included 40 trainees (32 women and 8 men) from textile/garment, "
        "agricultural production and service, seafood processing, electronics, IT and data "
        "processing enterprises of 9 provinces in central Viet Nam. The objective of the",
        "training course was to support child labor prevention and reduction.",
    ],
    5: [
        "In 2022, DCA organized 2 training courses for counselors and collaborators of the "
        "National Hotline for Child Protection (Hotline 111).",
        "In 2022, the National Anti-trafficking Hotline (Hotline 111) received 2,434 calls.",
    ],
    6: [
        "In 2022, the Ministry of Labor, War Invalids and Social Affairs organized the following "
        "training courses:",
        "- 3 training courses for 120 staff members (DOLISA, police, and border guards);",
        "- 11 training courses on the legal migration of Vietnamese workers to work abroad.",
    ],
    7: [
        "In 2022, DCA organized 2 training courses for counselors and collaborators of the "
        "National Hotline for Child Protection (Hotline 111), including ethnic language speakers."
    ],
    8: [
        "At the 5th Global Conference on Elimination of Child Labor a Vietnamese Inter-sectoral "
        'Delegation attended a session entitled: "Access to education - the key to ending child '
        'labor."'
    ],
    9: [
        "In An Giang province, based on the results of a needs assessment and counselling, "
        "students were admitted to appropriate training programs of vocational schools."
    ],
    10: [
        "From May 14-22, four life skills training courses were organized by Hanoi DOLISA with "
        "the participation of 115 primary and secondary school students in 11 communes."
    ],
    11: ["N/A"],
    12: [
        "On January 18, 2022 the Prime Minister issued Decision No. 90/QD-TTg approving the "
        "National Target Program (NTP) for Sustainable Poverty Reduction for the 2021-2025 period."
    ],
    13: [
        "Project 2: Diversification of livelihoods and development of poverty reduction models",
        "The NTP entails a total of 533 projects, including 131 cultivation projects, 236 "
        "livestock projects, and 166 others.",
    ],
    14: [
        "Sub-project 1 (under Project 3): Support the development of agricultural production",
        "According to reports from 35 provinces, there are more than 161 projects supporting the "
        "development of agricultural, forestry, fishery and salt production.",
    ],
    15: [
        "The Department of Child Affairs (DCA) has collaborated with Vietnam Cooperative Alliance "
        "(VCA) to organize training on child labor prevention and reduction models in "
        "cooperatives and craft villages for 60 officials of 14 cooperatives."
    ],
}

NEXT_STEP_PROGRESS = [
    "▶ Example:",
    "Next step 1: [...]",
    "Net step 2: [...]",
    "Next step 1:",
    "- The list and guidelines on the NPA monitoring and evaluation indicators are available "
    "(issued under Dispatch No. 473/TE-BVTE dated 17 August 2022).",
    "- Guidelines for commune-level child protection officers on the process of intervention "
    "and support for child laborers are available.",
    "Next step 2:",
    "Training on implementation of models and procedures for detection of, support and "
    "intervention for children engaged in and at risk of child labor was organized in Dong "
    "Nai, Hoa Binh and Phu Yen provinces.",
    "Next step 3:",
    "Various communication events on child labor prevention and reduction have been organized "
    "in response to World Day against Child Labor.",
    "More",
    "The Vietnamese inter-sectoral delegation led by the Deputy Minister attended the 5th "
    "international conference on the abolition of child labor in South Africa.",
]

NEXT_STEPS_41 = [
    "▶ Please provide the following information:",
    "Title of next step",
    "What are your targets until April 2024 for this next step? (please be precise) What "
    "evidence would you use to indicate that you've achieved this step?",
    "•Which work area(s) does this next step fall under? (please choose at least one) Child Jabour",
    "Forced labour Human",
    "drafficking Modern",
    "slavery",
    "▶ Example:",
    "Next step 1: Implementation of the revised national action plan for businesses and human "
    "rights",
    "Targets until April 2024 for this next step: During the course of 2023, we will further "
    "align the policy with parties involved.",
    "▶ What evidence would you use to indicate that you've achieved this step?",
    "The decision on the content of the national action plan will be communicated to Parliament.",
    "Which work area(s) does this next step fall under? Child Labour, Forced Labour, Human "
    "Trafficking, and Modern Slavery.",
    "Next step 2: [...]",
    "Targets until April 2024 for this next step: [...]",
    "- Develop regulations on inter-sectoral coordination for prevention and reduction of child "
    "labour among related ministries organizations, sectors.",
    "- Training on inspection of of child labor in the informal economy; collection of NPA "
    "monitoring and evaluation indicators.",
    "Target: 3 training courses to be organized",
    "- Communication, education and social mobilization to raise awareness of and "
    "responsibility for child labor prevention and reduction.",
    "Target: A series of events to be organized in response to the World Day against Child "
    "Labor (June 12, 2023).",
    "- Collaboration with MARD to develop guidelines on child labor prevention and reduction "
    "for MARD officers",
    "Target: the guidelines are to be developed and put into use by MARD officers.",
    "- Assessment of the implementation of laws and policies on minor workers.",
    "Target: An assessment report on the implementation of laws and policies on minor workers.",
]

STATUSES = ["Not achieved", "Planned", "Completed", "Ongoing"]

# The seed's number -> (question code in the portal's form, position among that code's
# items, what the import must find there: a piece of the answer, a choice value, a number
# of next steps, or None for a question left blank). 15 is agriculture priority 3 again;
# 21 is the narrative over the next steps (checked on its first part); 32 has no
# question text in the body (only in the index) and no option marked.
EXPECTED = {
    **{str(n): ("priority_progress", n, ANSWERS[n][0][:40]) for n in range(1, 15)},
    "15": ("priority_progress", 14, ANSWERS[15][0][:40]),
    "16": ("next_step_status", 1, "completed"),
    "17": ("next_step_status", 2, "ongoing"),
    "18": ("next_step_status", 3, "ongoing"),
    "19": ("next_step_status", 4, "completed"),
    "20": ("next_step_status", 5, "planned"),
    "21": ("next_step_progress", 1, "- The list and guidelines on the NPA"),
    "22": ("overall_rating", 1, "2"),
    "23": ("highlights", 1, "The MOLISA Inspectorate has issued"),
    "24": ("other_successes", 1, "yes"),
    "25": ("other_successes_detail", 1, "Promulgating a process"),
    "26": ("challenges", 1, "Inspections and examinations"),
    "27": ("lessons", 1, "We have developed capacity"),
    "28": ("evidence_tools", 1, ["third_parties"]),
    "29": ("evidence_detail", 1, "Secondary reports from relevant ministries"),
    "30": ("evidence_challenges", 1, "N/A"),
    "31": ("evidence_stakeholders", 1, "Vietnam Cooperative Alliance"),
    "32": ("international_partners", 1, None),
    "33": ("international_detail", 1, "Prevent and Reduce Child Labour"),
    "34": ("regional_initiatives", 1, None),
    "35": ("regional_detail", 1, "ASEAN roadmap on eliminating"),
    "36": ("domestic_partners", 1, ["employers", "workers"]),
    "37": ("domestic_detail", 1, "We collaborate with employer's organizations"),
    "38": ("more_collaboration", 1, "yes"),
    "39": ("process_useful", 1, "yes"),
    "40": ("revise_roadmap", 1, None),
    "41": ("next_steps", 1, 5),
    "42": ("anticipated_challenges", 1, "- The impact of the COVID-19 pandemic"),
    "43": ("anything_else", 1, None),
}

QUESTIONS = {
    **{n: P.format(n=n, p=PRIORITIES[n]) for n in range(1, 16)},
    **{n: f'What\'s the status of your next step #{n - 15} "{NEXT_STEPS[n]}"?' for n in NEXT_STEPS},
    21: "Please tell us more about the progress of the next steps you've identified.",
    22: "How would you rank your progress made on your roadmap priorities? *",
    23: "Considering the progress on your national priorities and next steps (you have "
    "reported), what would you like to highlight between May 2022 and April 2023 on the "
    "Alliance 8.7 homepage and reports? *",
    24: "Were there any other meaningful successes as a result of efforts made to achieve "
    "target 8.7?",
    25: "What were these meaningful successes?",
    26: "What challenges did you face when implementing your roadmap priorities and next steps? *",
    27: "How did you overcome the challenges? What are the lessons learned?",
    28: "Which of the following formal evaluation tools and/or other evidence were used to "
    "assess the progress of your national priorities? *",
    29: "If applicable, please tell us more about the formal evaluation tools and/or other "
    "evidence that you used to assess the progress of your national priorities.",
    30: "Please tell us the challenges you have encountered (if any) in gathering evidence to "
    "assess your progress.",
    31: "Please specify the names of other stakeholders (e.g., government agencies, social "
    "partners, civil society organizations) and their involvement, if any, in assessing your "
    "progress.",
    32: "Did you collaborate with any international partners? *",
    33: "Please specify the name and describe the collaboration with your international partners.",
    34: "Have you supported any sub-regional/regional/global initiatives, including South- South "
    "initiatives, on the elimination of child labour, forced labour, human trafficking, and "
    "modern slavery? *",
    35: "Please tell us more about the sub-regional/regional/global initiatives you've supported.",
    36: "Did you collaborate with any domestic partners? *",
    37: "Please specify the name and describe the collaboration with your domestic partners.",
    38: "Compared to last year, do you think there was increased collaboration with domestic "
    "stakeholders? *",
    39: "Was the pathfinder process considered useful? *",
    40: "Is there a need to revise your country's roadmap priorities? *",
    41: "Until April 2024, what are the next steps for your country to achieve the roadmap "
    "priorities? *",
    42: "Which challenges would you anticipate in this process? *",
    43: "Thank you! This is the end of the form. Is there anything else you'd like us to know?",
}


def _marked(document, text: str, *, bold: bool = False, highlight: bool = False) -> None:
    run = document.add_paragraph().add_run(text)
    run.bold = bold or None
    if highlight:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _index(document) -> None:
    document.add_paragraph("Index")
    document.add_paragraph("I. ANNUAL PROGRESS ON ROADMAP PRIORITIES")
    for n, text in QUESTIONS.items():
        if n == 11:  # the index entry broken over three lines
            document.add_paragraph(f"- 11. {text[:150]}")
            document.add_paragraph(f"{text[150:260]}\td")
            document.add_paragraph(f"{text[260:]}\t15")
            continue
        if n == 16:  # its number lost, its text broken in two
            document.add_paragraph(text[60:])
            document.add_paragraph(text[:60])
            document.add_paragraph("19")
            continue
        document.add_paragraph(f"- {n}. {text} {6 + n // 2}")
    document.add_paragraph("FUT URE PROSPECTS")


def _status_table(document) -> None:
    """Questions 16-20 as the seed has them: a two-column table, numbers apart."""
    table = document.add_table(rows=0, cols=2)
    chosen = {16: "Completed", 17: "ongoing", 18: "Ongoing", 19: "Completed", 20: "Planned"}
    for n in range(16, 21):
        row = table.add_row().cells
        if n == 18:
            row[0].text, row[1].text = "10", QUESTIONS[18].split("the child labour ")[1]
        elif n == 19:  # options run together after the question
            row[0].text = "19"
            row[1].text = f". {QUESTIONS[19]} ☐ Not achieved ☐ Planned ☒ Completed"
            row = table.add_row().cells
            row[1].text = "☐ Ongoing"
            continue
        else:
            row[0].text, row[1].text = str(n), ("." if n == 17 else "") + QUESTIONS[n]
        labels = STATUSES if n != 17 else ["Not achieved", "Planned", "ongoing", "completed"]
        for label in labels:
            cells = table.add_row().cells
            mark = {16: "☒ ", 17: "✓ ", 18: "~ ", 20: ""}[n] if label == chosen[n] else ""
            run = cells[1].paragraphs[0].add_run(mark + label)
            if n == 20 and label == chosen[n]:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def build_seed_docx() -> bytes:
    document = docx.Document()
    for line in ["Viet Nam", "Progress on SDG Target 8.7", "Mayo 2021-Abril 2022"]:
        document.add_paragraph(line)
    _index(document)
    _sections_1_and_2(document)
    _section_3(document)
    _sections_4_to_6(document)
    _sections_7_to_9(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _sections_1_and_2(document) -> None:
    """Sections I and II: progress per priority, the next steps' table."""
    document.add_heading("I. Annual progress on roadmap priorities", level=1)
    document.add_paragraph(
        "Let's look at i) your national priorities to eliminate child labour, forced labour, "
        "human trafficking, and modern slavery, and ii) the next steps outlined in your "
        "Pathfinder Country Report from last year."
    )
    for n in range(1, 16):
        document.add_paragraph(("- " if n == 7 else "") + f"{n}. {QUESTIONS[n]}")
        for paragraph in ANSWERS[n]:
            document.add_paragraph(paragraph)
    document.add_heading("II. Progress on the identified next steps", level=1)
    document.add_paragraph("Ir p")
    document.add_paragraph(
        "n your 2021-2022 annual report, the following next steps were identified for the "
        "eriod May 2022-April 2023."
    )
    _status_table(document)
    document.add_paragraph(f"21. {QUESTIONS[21]}")
    for line in NEXT_STEP_PROGRESS:
        document.add_paragraph(line)


def _section_3(document) -> None:
    """Section III: overall progress, its stars and its yes / no."""
    document.add_heading("III. Overall progress in the last 12 months", level=1)
    document.add_paragraph(f"22. {QUESTIONS[22]}")
    document.add_paragraph("No progress ★ ★ ☆ Great progress")
    document.add_paragraph(f"23. {QUESTIONS[23]}")
    document.add_paragraph(
        "The MOLISA Inspectorate has issued guidelines on the process of inspecting and "
        "examining the implementation of the law on minor workers in the informal economy."
    )
    document.add_paragraph(f"24. {QUESTIONS[24]}")
    document.add_paragraph(
        "Please also consider aspects of SDG 8.7 that are not covered by your roadn ոap (i.e.,"
    )
    document.add_paragraph("child labour, forced labour, human trafficking, and modern slavery).")
    _marked(document, "Yes", bold=True)
    document.add_paragraph("No")
    document.add_paragraph("Not applicable")
    for n, text in [
        (25, "Promulgating a process for early detection and support for child labor."),
        (26, "Inspections and examinations on child labor are not undertaken regularly."),
        (27, "We have developed capacity at community level for early detection."),
    ]:
        document.add_paragraph(f"{n}. {QUESTIONS[n]}")
        document.add_paragraph(text)


def _sections_4_to_6(document) -> None:
    """Sections IV to VI, their headings in Spanish as in the seed file."""
    document.add_heading("IV. Colaboración con socios internacionales", level=1)
    document.add_paragraph(f"28. {QUESTIONS[28]}")
    for label in ["Surveys", "Case studies", "Focus group discussions", "Interviews"]:
        document.add_paragraph(label)
    document.add_paragraph("Anecdotal evidence")
    _marked(document, "Information from third parties", highlight=True)
    document.add_paragraph("Not applicable")
    document.add_paragraph(f"29. {QUESTIONS[29]}")
    document.add_paragraph(
        "Example: Surveys: [...] Case studies: [...] Secondary reports from relevant "
        "ministries, departments and agencies."
    )
    document.add_paragraph("Indicators on child labor are collected in the set of indicators.")
    document.add_paragraph(f"30. {QUESTIONS[30]}")
    document.add_paragraph("N/A")
    document.add_paragraph(f"- 31. {QUESTIONS[31]}")
    document.add_paragraph("Example:").runs[0].bold = True
    document.add_paragraph("Vietnam Cooperative Alliance – provision of information")
    document.add_heading("VI. Perspectivas de futuro", level=1)
    document.add_paragraph("Please select all that apply.")
    document.add_paragraph(
        "Other Alliance 8.7 Pathfinder countries. See more "
        "https://www.alliance87.org/pathfinder-countries/ . ILO United Nations Agencies (other "
        "than ILO international civil society organizati"
    )
    document.add_paragraph("Save the Children")
    document.add_paragraph(f"33. {QUESTIONS[33]}")
    for line in [
        "► Example:",
        "► Example: Other Alliance 8.7 countries: []",
        "Other Alliance 8.7 countries: []",
        'Prevent and Reduce Child Labour in Viet Nam" (ENHANCE) project.',
    ]:
        document.add_paragraph(line)
    document.add_paragraph(f"34. {QUESTIONS[34]}")
    document.add_paragraph(f"35. {QUESTIONS[35]}")
    document.add_paragraph(
        "ASEAN roadmap on eliminating the worst forms of child labor by 2025: Vietnam "
        "participates in experience sharing workshops."
    )


def _sections_7_to_9(document) -> None:
    """Sections VII to IX: domestic partners, future prospects, next steps."""
    document.add_heading("VII. Collaboration with domestic partners", level=1)
    document.add_paragraph(f"36. {QUESTIONS[36]}")
    table = document.add_table(rows=0, cols=2)
    for mark, label in [
        ("", "Private sector"),
        ("~", "Employers' organizations"),
        ("~", "Workers' organizations"),
        ("", "Local civil society organizations"),
        ("", "Ministries within your government"),
        ("", "Other"),
    ]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = mark, label
    document.add_paragraph(f"37. {QUESTIONS[37]}")
    for line in [
        "▶ Example:",
        "National statistical office: [...]",
        "Ministries: [...]",
        "We collaborate with employer's organizations such as VCCI and VCA to provide capacity "
        "building for their staff.",
    ]:
        document.add_paragraph(line)
    document.add_paragraph(f"38. {QUESTIONS[38]}")
    document.add_paragraph("● Yes")
    document.add_paragraph("○ No")
    document.add_paragraph(f"39. {QUESTIONS[39]}")
    document.add_paragraph("◉ Yes")
    document.add_paragraph("○ No")
    document.add_heading("VIII. Future Prospects", level=1)
    document.add_paragraph(f"40. {QUESTIONS[40]}")
    document.add_heading(
        "IX. Future Prospects Next steps in the next 12 months (until April 2024)", level=1
    )
    document.add_paragraph(f"41. {QUESTIONS[41]}")
    for line in NEXT_STEPS_41:
        document.add_paragraph(line)
    document.add_paragraph(f"42. {QUESTIONS[42]}")
    document.add_paragraph(
        "- The impact of the COVID-19 pandemic on child labor, especially the issue of "
        "children migrating to urban areas at risk of working for a living."
    )
    document.add_paragraph("- Early detection is still difficult due to a lack of human resources.")
    document.add_paragraph(f"- 43. {QUESTIONS[43]}")
