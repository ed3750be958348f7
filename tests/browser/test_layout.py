"""The entry page's side navigation holds its layout with many open comments: at common
desktop widths and on a phone, section titles keep whole lines of words and every badge
stays inside the navigation's box."""

import pytest

from reports.models import Comment, CommentThread
from roadmap.models import Role

from .test_entry import demo_report

pytestmark = pytest.mark.browser

MEASURE = """() => {
  const nav = document.querySelector('.pf-section-nav').getBoundingClientRect();
  const badges = [...document.querySelectorAll('.pf-section-nav .badge')]
    .filter(b => { const r = b.getBoundingClientRect();
                   return r.right > nav.right + 0.5 || r.left < nav.left - 0.5; })
    .map(b => b.textContent.trim());
  const squeezed = [...document.querySelectorAll('.pf-section-nav .list-group-item a')]
    .filter(a => { const lines = Math.round(a.getBoundingClientRect().height
                                            / parseFloat(getComputedStyle(a).lineHeight));
                   const words = a.textContent.trim().split(/\\s+/).length;
                   return lines > 1 && words / lines < 2; })
    .map(a => a.textContent.trim());
  return {badges, squeezed};
}"""


def test_section_navigation_holds_with_open_comments(sign_in):
    report = demo_report()
    focal = report.country.memberships.get(role=Role.FOCAL_POINT).user
    for n, section in enumerate(report.cycle.questionnaire.sections.all()):
        question = section.questions.first()
        for _ in range(1 + n * 5 % 13):  # 1 to 13 open threads per section
            thread = CommentThread.objects.create(
                report=report, question=question, created_by=focal
            )
            Comment.objects.create(thread=thread, author=focal, body="Please check this.")

    page = sign_in("vn-reporter")
    page.goto(f"/reports/{report.pk}/sections/1/")
    assert page.locator('[data-testid="unresolved-3"]').inner_text() == "11 open comments"

    for width in (1280, 1366, 1920, 390):
        page.set_viewport_size({"width": width, "height": 900})
        # On a phone the list is folded under its summary: opened, as a person would.
        summary = page.locator(".pf-sections-summary")
        if summary.is_visible() and not page.locator(".pf-sections[open]").count():
            summary.click()
        assert (width, page.evaluate(MEASURE)) == (width, {"badges": [], "squeezed": []})
