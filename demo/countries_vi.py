"""The five monitoring countries' roadmap data in Vietnamese (``demo.countries``): each
roadmap's title and goal, its themes and priorities, the country's indicators.

Written for the demo in the terms ``demo.vietnamese`` uses ("lao động trẻ em", "lao động
cưỡng bức", "mua bán người", country names as its ``COUNTRY_NAMES``). Keyed by country
code; themes, priorities and indicators follow the English of ``demo.countries`` item for
item, in the same order (``demo.vietnamese`` zips the two strictly, so a list that no
longer matches fails the seed rather than translating the wrong row).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CountryVi:
    title: str
    goal: str
    themes: list[tuple[str, list[str]]]  # as DemoCountry.themes
    indicators: list[tuple[str, str, str]]  # (name, unit, source), as DemoCountry.indicators


COUNTRIES: dict[str, CountryVi] = {
    "UG": CountryVi(
        title="Lộ trình của U-gan-đa hướng tới mục tiêu SDG 8.7",
        goal="Xóa bỏ lao động trẻ em và nạn mua bán người thông qua hoàn thiện pháp luật, "
        "phát triển giáo dục và cải thiện sinh kế.",
        themes=[
            (
                "Pháp luật và chính sách",
                [
                    "Ban hành danh mục sửa đổi các công việc nguy hiểm đối với trẻ em.",
                    "Điều chỉnh các quy định của chính quyền cấp huyện cho phù hợp với chính "
                    "sách quốc gia về lao động trẻ em.",
                ],
            ),
            (
                "Giáo dục và kỹ năng",
                [
                    "Đưa trẻ em đang phải lao động ở các vùng trồng chè và mía trở lại trường học.",
                    "Mở rộng chương trình học nghề tại nơi làm việc cho người chưa thành niên "
                    "đã đủ độ tuổi lao động tối thiểu.",
                    "Tập huấn cho giáo viên cách phát hiện và chuyển gửi trẻ em có nguy cơ.",
                ],
            ),
            (
                "Sinh kế và bảo vệ",
                [
                    "Kết nối các gia đình có trẻ em phải lao động với các chương trình trợ "
                    "giúp bằng tiền mặt.",
                    "Thành lập các tổ tiết kiệm thôn bản ở những tiểu quận có nguy cơ cao.",
                    "Tập huấn cho cán bộ lao động và cảnh sát về nhận diện nạn nhân bị mua bán.",
                ],
            ),
        ],
        indicators=[
            (
                "Số trẻ em được đưa ra khỏi công việc nguy hiểm",
                "trẻ em",
                "Bộ Giới, Lao động và Phát triển xã hội",
            ),
            ("Số cuộc thanh tra lao động đã tiến hành", "cuộc thanh tra", "Thanh tra lao động"),
        ],
    ),
    "NP": CountryVi(
        title="Lộ trình thực hiện mục tiêu SDG 8.7 của Nê-pan",
        goal="Xây dựng các đô thị không có lao động trẻ em và chấm dứt tình trạng lao động gán nợ.",
        themes=[
            (
                "Đô thị không có lao động trẻ em",
                [
                    "Công bố và công nhận các đô thị không có lao động trẻ em.",
                    "Cung cấp bảng kiểm giám sát cho cán bộ phụ trách quyền trẻ em của các đô thị.",
                    "Cấp kinh phí cho các kế hoạch của địa phương nhằm phòng, chống lao động "
                    "trẻ em tại các lò gạch.",
                ],
            ),
            (
                "Người lao động gán nợ đã được giải phóng",
                [
                    "Hoàn thành việc phục hồi, tái hòa nhập cho các gia đình Haliya và "
                    "Kamaiya đã được giải phóng.",
                    "Cấp giấy chứng nhận quyền sử dụng đất và hỗ trợ nhà ở cho các gia đình "
                    "đã được giải phóng.",
                    "Tổ chức đào tạo nghề cho con em các gia đình đã được giải phóng.",
                ],
            ),
            (
                "Di cư an toàn",
                [
                    "Cung cấp thông tin về quyền của người lao động cho những người có ý định "
                    "đi làm việc ở nước ngoài trước khi xuất cảnh.",
                    "Quản lý chặt chẽ các tổ chức tuyển dụng và mức phí họ thu.",
                    "Hỗ trợ người di cư trở về từng bị mua bán hoặc bị cưỡng bức lao động.",
                ],
            ),
        ],
        indicators=[
            (
                "Số đô thị được công bố không có lao động trẻ em",
                "đô thị",
                "Bộ Lao động, Việc làm và An sinh xã hội",
            ),
            (
                "Số gia đình từng lao động gán nợ đã được tái hòa nhập",
                "gia đình",
                "Bộ Quản lý đất đai",
            ),
        ],
    ),
    "MG": CountryVi(
        title="Lộ trình phòng, chống lao động trẻ em và mua bán người của Ma-đa-gát-xca",
        goal="Đưa trẻ em ra khỏi các mỏ khoáng sản và đồn điền vani, đưa các em đến trường.",
        themes=[
            (
                "Chuỗi cung ứng",
                [
                    "Đưa trẻ em ra khỏi hoạt động khai thác mica thông qua cơ chế truy xuất "
                    "nguồn gốc phối hợp với các bên thu mua.",
                    "Thống nhất với các doanh nghiệp xuất khẩu vani một bộ quy tắc ứng xử về "
                    "lao động trẻ em.",
                ],
            ),
            (
                "Đi học và đăng ký khai sinh",
                [
                    "Đăng ký khai sinh cho trẻ em ở các vùng khai thác mỏ.",
                    "Mở các lớp học bổ túc cho trẻ em đã bỏ học để đi làm.",
                ],
            ),
            (
                "Điều phối",
                [
                    "Khôi phục hoạt động của Ủy ban quốc gia phòng, chống lao động trẻ em.",
                    "Tập huấn cho thẩm phán và cảnh sát về các vụ án mua bán người.",
                ],
            ),
        ],
        indicators=[
            ("Số trẻ em theo học các lớp bổ túc", "trẻ em", "Bộ Giáo dục quốc gia"),
            (
                "Số giấy khai sinh được cấp ở các vùng khai thác mỏ",
                "giấy khai sinh",
                "Cơ quan hộ tịch",
            ),
        ],
    ),
    "CL": CountryVi(
        title="Chi-lê: lộ trình xóa bỏ lao động trẻ em và lao động cưỡng bức",
        goal="Không trẻ em nào dưới độ tuổi lao động tối thiểu phải đi làm, và người lao động "
        "di cư có việc làm bền vững.",
        themes=[
            (
                "Lao động trẻ em trong nông nghiệp và thương mại",
                [
                    "Thanh tra công việc thu hoạch ở các thung lũng miền Trung vào mỗi mùa vụ.",
                    "Tiếp cận người chưa thành niên đang bán hàng rong, buôn bán phi chính "
                    "thức trên đường phố.",
                    "Chứng nhận các chuỗi xuất khẩu trái cây không sử dụng lao động trẻ em.",
                ],
            ),
            (
                "Người lao động di cư",
                [
                    "Phổ biến cho người lao động di cư về quyền của họ bằng tiếng Tây Ban Nha "
                    "và tiếng Creole.",
                    "Tập huấn cho thanh tra viên lao động về phát hiện lao động cưỡng bức.",
                    "Thiết lập kênh tiếp nhận khiếu nại dành cho người lao động di cư.",
                ],
            ),
            (
                "Dữ liệu và chính quyền địa phương",
                [
                    "Tiến hành lại cuộc điều tra quốc gia về hoạt động của trẻ em.",
                    "Cung cấp cho các đô thị sổ đăng ký người chưa thành niên đang làm việc.",
                    "Báo cáo số liệu về lao động trẻ em hằng năm.",
                    "Tập huấn cho cán bộ công tác xã hội của các đô thị.",
                ],
            ),
        ],
        indicators=[
            (
                "Số người chưa thành niên có tên trong sổ đăng ký người chưa thành niên đang "
                "làm việc",
                "người chưa thành niên",
                "Bộ Lao động và An sinh xã hội",
            ),
            (
                "Số vụ lao động cưỡng bức do thanh tra viên phát hiện",
                "vụ",
                "Cục Lao động",
            ),
        ],
    ),
    "TN": CountryVi(
        title="Lộ trình thực hiện mục tiêu SDG 8.7 của Tuy-ni-di",
        goal="Nhận diện và bảo vệ nạn nhân bị mua bán, chấm dứt tình trạng trẻ em làm giúp "
        "việc gia đình.",
        themes=[
            (
                "Nạn nhân bị mua bán",
                [
                    "Cung cấp cho cán bộ tuyến đầu hướng dẫn quốc gia về nhận diện nạn nhân.",
                    "Mở nhà tạm lánh cho nạn nhân tại ba tỉnh.",
                    "Tập huấn cho công tố viên về Luật phòng, chống mua bán người.",
                ],
            ),
            (
                "Trẻ em làm giúp việc gia đình",
                [
                    "Tìm kiếm trẻ em gái đang làm giúp việc gia đình và đưa các em trở lại "
                    "trường học.",
                    "Phổ biến pháp luật cho các gia đình ở những tỉnh nông thôn.",
                ],
            ),
            (
                "Điều phối",
                [
                    "Tăng cường năng lực của Cơ quan quốc gia phòng, chống mua bán người.",
                    "Công bố số liệu hằng năm về nạn nhân đã được nhận diện.",
                ],
            ),
        ],
        indicators=[
            (
                "Số nạn nhân bị mua bán được nhận diện",
                "người",
                "Cơ quan quốc gia phòng, chống mua bán người",
            ),
            (
                "Số trẻ em gái được đưa ra khỏi công việc giúp việc gia đình",
                "trẻ em gái",
                "Các đại diện bảo vệ trẻ em",
            ),
        ],
    ),
}
