import pytest

pytestmark = pytest.mark.browser


def test_every_demo_account_signs_in_and_sees_its_home(sign_in):
    page = sign_in("vn-reporter")
    assert page.get_by_role("heading", name="Your country's reports").is_visible()
    assert page.get_by_test_id("user-name").inner_text() == "Nguyễn Thị Hoa"

    page = sign_in("ilo-reviewer")
    assert page.get_by_role("heading", name="Reports of the countries you review").is_visible()

    page = sign_in("admin")
    assert page.get_by_role("link", name="Open the administration").is_visible()
