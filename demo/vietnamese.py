"""The demo's roadmap data in Vietnamese: Viet Nam's roadmap and indicators, the names of
the demo countries and frameworks, and the donor programme's objectives and outputs.

Written for the demo (terms as the Ministry of Labour, Invalids and Social Affairs uses
them: "lao động trẻ em", "lao động cưỡng bức", "mua bán người"); each list follows the
English of ``demo_data`` item for item. The five monitoring countries' are in
``countries_vi``. ``apply`` stores them all as the rows' translations, leaving alone any
Vietnamese text an admin already typed; a theme or priority (and any text of the five
countries) whose English an admin changed gets none.
"""

from __future__ import annotations

from django.db import models

from roadmap.models import Country, Framework, Indicator, Priority, Roadmap, Theme
from roadmap.structure import structure_changed

from . import countries as demo_countries
from . import countries_vi
from . import data as demo_data

LANGUAGE = "vi"

# Names of the countries as Vietnamese official usage writes them.
COUNTRY_NAMES = {
    "VN": "Việt Nam",
    "UG": "U-gan-đa",
    "NP": "Nê-pan",
    "MG": "Ma-đa-gát-xca",
    "CL": "Chi-lê",
    "TN": "Tuy-ni-di",
}

# slug -> name, theme label, priority label
FRAMEWORKS = {
    "alliance87": {
        "name": "Báo cáo thường niên của quốc gia tiên phong Liên minh 8.7",
        "theme_label": "Chủ đề",
        "priority_label": "Ưu tiên",
    },
    "csr-ta": {
        "name": "Chương trình hỗ trợ kỹ thuật về trách nhiệm xã hội của doanh nghiệp: "
        "báo cáo quý gửi nhà tài trợ",
        "theme_label": "Mục tiêu",
        "priority_label": "Đầu ra",
    },
}

# framework slug -> title and goal of Viet Nam's first roadmap version under it
ROADMAPS = {
    "alliance87": {
        "title": "Lộ trình thực hiện mục tiêu SDG 8.7 của Việt Nam",
        "goal": "Xóa bỏ lao động trẻ em dưới mọi hình thức và bảo vệ trẻ em khỏi nạn mua bán "
        "người.",
    },
    "csr-ta": {
        "title": "Trách nhiệm xã hội của doanh nghiệp tại Việt Nam (Ngân hàng Thế giới và Viện "
        "Khoa học Lao động và Xã hội)",
        "goal": "Xác định những vai trò Nhà nước có thể đảm nhận để tăng cường trách nhiệm xã "
        "hội của doanh nghiệp trong các ngành xuất khẩu ưu tiên, tạo đồng thuận về các vai "
        "trò đó và xây dựng kế hoạch thực hiện, làm lộ trình cho hành động của Nhà nước "
        "trong thời gian tới.",
    },
}

# As demo_data.THEMES, theme by theme and priority by priority.
THEMES: list[tuple[str, list[str]]] = [
    (
        "Lao động trẻ em và doanh nghiệp",
        [
            "Thành lập Diễn đàn quốc gia về lao động trẻ em và doanh nghiệp, quy tụ các doanh "
            "nghiệp nhỏ và vừa cùng các nhãn hàng lớn.",
            "Xây dựng mạng lưới hệ thống giám sát lao động trẻ em tại các xã, huyện có nhiều "
            "lao động trẻ em nhất.",
            "Tạo cơ hội kinh tế và trợ giúp xã hội có mục tiêu cho gia đình có trẻ em phải lao "
            "động, và việc làm bền vững, hợp pháp cho người chưa thành niên đã thôi học và "
            "đang làm việc trong các chuỗi giá trị.",
            "Triển khai chương trình truyền thông trên mạng xã hội hướng tới cả khu vực tư "
            "nhân và công chúng, cung cấp những thông tin thiết yếu về lao động trẻ em.",
        ],
    ),
    (
        "Mua bán trẻ em",
        [
            "Nâng cao nhận thức về hiểm họa của nạn mua bán người và về các dịch vụ hỗ trợ "
            "hiện có; cải thiện việc trao đổi thông tin giữa các cơ quan và từ trung ương "
            "xuống cấp tỉnh, huyện và cơ sở.",
            "Giảm nguy cơ trẻ em bị mua bán bằng cách giảm nghèo cho các gia đình thông qua "
            "tạo việc làm, đào tạo kỹ năng phù hợp và tăng thu nhập, nhất là ở vùng sâu, vùng "
            "xa và trong cộng đồng các dân tộc thiểu số.",
            "Tìm giải pháp ngăn chặn việc lợi dụng mạng xã hội (Facebook, WhatsApp, Viber, "
            "Zalo) và internet để dụ dỗ trẻ em vào tình trạng bị bóc lột, đồng thời dùng chính "
            "các kênh này để cung cấp cho trẻ em và công chúng thông tin an toàn về bóc lột "
            "lao động.",
        ],
    ),
    (
        "Phòng ngừa lao động trẻ em và giáo dục",
        [
            "Tăng cường phối hợp trong nội bộ Bộ Giáo dục và Đào tạo, giữa các bộ, ngành chủ "
            "chốt và từ trung ương đến cấp tỉnh, huyện và cơ sở.",
            "Nâng cao chất lượng đào tạo kỹ năng nghề, trong đó có việc sửa đổi chương trình "
            "đào tạo cho phù hợp với nhu cầu của thị trường lao động.",
            "Phát triển các mô hình kinh tế giúp hộ nghèo thoát nghèo và tăng thu nhập, để con "
            "em họ được đến trường thay vì phải đi làm.",
            "Nâng cao nhận thức của cộng đồng, gia đình và trẻ em về tác hại của lao động trẻ "
            "em và về những lợi ích mà việc đi học, học nghề và học lên cao mang lại cho trẻ.",
        ],
    ),
    (
        "Phòng ngừa lao động trẻ em trong nông nghiệp",
        [
            "Rà soát, hoàn thiện khung pháp lý để định nghĩa rõ lao động trẻ em, các hình thức "
            "lao động trẻ em tồi tệ nhất và lao động cưỡng bức, quy định rõ những công việc "
            "nông nghiệp bị cấm đối với từng nhóm tuổi và thời giờ làm việc được phép.",
            "Đẩy mạnh các chương trình giảm nghèo và tạo thu nhập, kể cả các chương trình của "
            "Bộ Nông nghiệp và Phát triển nông thôn, đồng thời tăng cường tư vấn hướng nghiệp, "
            "đào tạo nghề và giới thiệu việc làm cho trẻ em lớn tuổi và thanh niên ở nông thôn "
            "và các cộng đồng ngư dân.",
            "Nâng cao nhận thức của chính quyền địa phương, gia đình, cha mẹ và trẻ em về khung "
            "pháp lý và tác hại của lao động trẻ em; nâng cao nhận thức của doanh nghiệp nhà "
            "nước và tư nhân về các hiệp định thương mại tự do và chuỗi giá trị nông nghiệp "
            "không có lao động trẻ em.",
        ],
    ),
]

# Viet Nam's indicators by their English name: name, unit, usual source.
INDICATORS: dict[str, dict[str, str]] = {
    "Calls received by hotline 111": {
        "name": "Số cuộc gọi đến Tổng đài 111",
        "unit": "cuộc gọi",
        "source": "Tổng đài quốc gia 111",
    },
    "Hotline 111 counselling calls": {
        "name": "Số cuộc gọi tư vấn của Tổng đài 111",
        "unit": "cuộc gọi",
        "source": "Tổng đài quốc gia 111",
    },
    "Cases referred to victim support services": {
        "name": "Số trường hợp được chuyển đến dịch vụ hỗ trợ nạn nhân",
        "unit": "trường hợp",
        "source": "Tổng đài quốc gia 111",
    },
    "Officials trained on preventing trafficking": {
        "name": "Số cán bộ được tập huấn về phòng, chống mua bán người",
        "unit": "người",
        "source": "Ngành Lao động - Thương binh và Xã hội",
    },
}

# As demo_data.PROGRAMME_OBJECTIVES: the programme's objectives and their outputs.
PROGRAMME_OBJECTIVES: list[tuple[str, list[str]]] = [
    (
        "Nâng cao nhận thức của cán bộ nhà nước về trách nhiệm xã hội của doanh nghiệp",
        [
            "Cán bộ nhà nước và khu vực tư nhân hiểu rõ những động lực thúc đẩy trách nhiệm xã "
            "hội của doanh nghiệp, và khu vực công đủ năng lực quản lý các sáng kiến liên "
            "ngành về trách nhiệm xã hội của doanh nghiệp.",
        ],
    ),
    (
        "Vai trò của Nhà nước trong việc tăng cường trách nhiệm xã hội của doanh nghiệp, lấy "
        "ngành da giày làm nghiên cứu điển hình",
        [
            "Xác định được các vai trò ưu tiên của khu vực công và tổng kết được kinh nghiệm "
            "khuyến khích doanh nghiệp ứng xử có trách nhiệm.",
            "Một nhóm nòng cốt gồm đại diện các bộ, tổ chức phi chính phủ, người lao động và "
            "doanh nghiệp có đủ chuyên môn để định hướng thảo luận công khai về vai trò của "
            "Nhà nước.",
        ],
    ),
    (
        "Đối thoại với các bên liên quan trong các ngành xuất khẩu chủ lực",
        [
            "Đối thoại giữa Nhà nước, doanh nghiệp và xã hội dân sự đạt được đồng thuận về "
            "chiến lược trách nhiệm xã hội của doanh nghiệp, trong đó vai trò của các cơ quan "
            "nhà nước được xác định rõ.",
        ],
    ),
]

# framework slug -> (English themes, Vietnamese themes) of Viet Nam's roadmap under it
ROADMAP_THEMES = {
    "alliance87": (demo_data.THEMES, THEMES),
    "csr-ta": (demo_data.PROGRAMME_OBJECTIVES, PROGRAMME_OBJECTIVES),
}


def _translate(row: models.Model, texts: dict[str, str]) -> bool:
    """Store ``texts`` as ``row``'s Vietnamese, field by field, keeping any already there
    (an admin's wording wins over the demo's). An update, not a save: the Vietnamese of a
    frozen roadmap may still change, and nothing else of the row is touched. Whether the
    row was written."""
    translations = dict(row.translations or {})
    current = dict(translations.get(LANGUAGE, {}))
    merged = {**texts, **{k: v for k, v in current.items() if v}}
    if merged == current:
        return False
    translations[LANGUAGE] = merged
    type(row)._default_manager.filter(pk=row.pk).update(translations=translations)
    return True


def _still_english(row: models.Model, texts: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Of ``texts`` (field -> the demo's English and its Vietnamese), the Vietnamese of
    the fields whose English is still the demo's: one an admin changed is not ours to
    translate."""
    return {field: vi for field, (en, vi) in texts.items() if getattr(row, field) == en}


def _translate_parts(roadmap: Roadmap, english: list, vietnamese: list) -> bool:
    """Themes and priorities of ``roadmap`` from two lists of (theme, [priorities]) that
    follow each other item for item; whether a row was written."""
    themes = {t.number: t for t in Theme.objects.filter(roadmap=roadmap)}
    priorities = {
        (p.theme.number, p.number): p
        for p in Priority.objects.filter(roadmap=roadmap).select_related("theme")
    }
    written = False
    for number, ((name, texts), (name_vi, texts_vi)) in enumerate(
        zip(english, vietnamese, strict=True), start=1
    ):
        theme = themes.get(number)
        if theme is None or theme.name != name:
            continue  # changed since the demo wrote it: not ours to translate
        written |= _translate(theme, {"name": name_vi})
        for p_number, (text, text_vi) in enumerate(zip(texts, texts_vi, strict=True), 1):
            priority = priorities.get((number, p_number))
            if priority is not None and priority.text == text:
                written |= _translate(priority, {"text": text_vi})
    return written


def _viet_nam() -> list[int]:
    """Viet Nam's roadmaps and indicators; the ids of the roadmaps written to."""
    touched = []
    roadmaps = Roadmap.objects.filter(
        country__code="VN", framework__slug__in=ROADMAPS, version=1
    ).select_related("framework")
    for roadmap in roadmaps:
        slug = roadmap.framework.slug
        written = _translate(roadmap, ROADMAPS[slug])
        if _translate_parts(roadmap, *ROADMAP_THEMES[slug]) or written:
            touched.append(roadmap.pk)
    for indicator in Indicator.objects.filter(country__code="VN", name__in=INDICATORS):
        _translate(indicator, INDICATORS[indicator.name])
    return touched


def _monitoring_countries() -> list[int]:
    """The five monitoring countries' first roadmaps and their indicators (see
    ``countries_vi``); the ids of the roadmaps written to."""
    touched = []
    demos = {demo.code: demo for demo in demo_countries.COUNTRIES}
    if set(demos) != set(countries_vi.COUNTRIES):
        raise ValueError("demo.countries_vi does not translate the countries of demo.countries")
    roadmaps = Roadmap.objects.filter(
        country__code__in=demos, framework__slug="alliance87", version=1
    ).select_related("country")
    for roadmap in roadmaps:
        demo, vi = demos[roadmap.country.code], countries_vi.COUNTRIES[roadmap.country.code]
        texts = {"title": (demo.roadmap, vi.title), "goal": (demo.goal, vi.goal)}
        written = _translate(roadmap, _still_english(roadmap, texts))
        if _translate_parts(roadmap, demo.themes, vi.themes) or written:
            touched.append(roadmap.pk)
    indicators = Indicator.objects.filter(country__code__in=demos).select_related("country")
    by_name = {(i.country.code, i.name): i for i in indicators}
    for code, demo in demos.items():
        vi = countries_vi.COUNTRIES[code]
        for (name, unit, source, *_rest), (name_vi, unit_vi, source_vi) in zip(
            demo.indicators, vi.indicators, strict=True
        ):
            indicator = by_name.get((code, name))
            if indicator is None:
                continue  # renamed or deleted since the demo wrote it
            texts = {
                "name": (name, name_vi),
                "unit": (unit, unit_vi),
                "source": (source, source_vi),
            }
            _translate(indicator, _still_english(indicator, texts))
    return touched


def apply() -> None:
    """Give the demo's rows their Vietnamese (safe to run again: a second run writes
    nothing)."""
    for country in Country.objects.filter(code__in=COUNTRY_NAMES):
        _translate(country, {"name": COUNTRY_NAMES[country.code]})
    for framework in Framework.objects.filter(slug__in=FRAMEWORKS):
        _translate(framework, FRAMEWORKS[framework.slug])
    touched = _viet_nam() + _monitoring_countries()
    # The updates above send no signal: renew the structure tokens of the roadmaps written
    # to, so that no structure kept before the Vietnamese was written (reports.structure)
    # is read again.
    for roadmap_id in touched:
        structure_changed(roadmap_id)
