"""The admin in Vietnamese: django-axes' models and Django's own newer admin texts (the
theme toggle, the index's column headings), which neither package translates, come in
Vietnamese from the portal's catalogue."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ENGLISH_LEFT = [
    "Access attempts",
    "Access failures",
    "Access logs",
    ">Axes<",
    "Toggle theme (current theme:",
    "Model name",
    "Change or view list link",
]


def test_admin_index_in_vietnamese_shows_no_english_labels(client, admin_user):
    client.force_login(admin_user)
    client.cookies["django_language"] = "vi"
    page = client.get(reverse("admin:index")).content.decode()
    assert [text for text in ENGLISH_LEFT if text in page] == []
    assert "Khóa đăng nhập" in page and "Lần thử truy cập" in page
    assert "Đổi giao diện sáng/tối (hiện tại: tự động)" in page


def test_axes_pages_in_vietnamese_name_the_model(client, admin_user):
    client.force_login(admin_user)
    client.cookies["django_language"] = "vi"
    page = client.get(reverse("admin:axes_accesslog_changelist")).content.decode()
    assert "Access logs" not in page and "access log to" not in page
    assert "Nhật ký truy cập" in page
