import pytest

from reports.layout import build_layout
from roadmap.services import roadmap_revise
from tests.factories import report_with_form

pytestmark = pytest.mark.django_db


def test_revised_roadmap_is_a_new_version_and_old_reports_keep_their_priorities():
    report = report_with_form(priorities=5)
    new = roadmap_revise(roadmap=report.roadmap)
    assert new.version == 2
    assert new.priorities.count() == 5
    assert {t.name for t in new.themes.all()} == {t.name for t in report.roadmap.themes.all()}

    new.priorities.update(text="Rewritten")
    new.priorities.filter(number=1).delete()
    texts = [i.priority.text for i in build_layout(report).sections[0].items]
    assert len(texts) == 5 and "Rewritten" not in texts


def test_new_priority_keeps_its_theme_inside_the_new_version():
    report = report_with_form(priorities=4)
    new = roadmap_revise(roadmap=report.roadmap)
    assert all(p.theme.roadmap_id == new.pk for p in new.priorities.select_related("theme"))
