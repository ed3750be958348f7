"""The markup contract of the entry page's lean field templates (issue 14), which entry.js,
the error summary and assistive technology rely on: one hidden input per item, the
required mark, errors named by ``aria-describedby`` of the control that has them."""

import re

import pytest

from reports.models import Answer, QuestionKind
from reports.services.answers import stored_digest

from .entry_helpers import item, layout_of, section_data, section_url

pytestmark = pytest.mark.django_db


def hidden_names(html: str) -> list[str]:
    return re.findall(r'<input type="hidden" name="([^"]+)"', html)


def tag_with_id(html: str, element_id: str) -> str:
    match = re.search(
        rf'<(?:textarea|input|fieldset)[^>]*\bid="{re.escape(element_id)}"[^>]*>', html
    )
    assert match, element_id
    return match.group(0)


def test_section_has_one_hidden_input_per_item_carrying_revision_and_digest(client, report, alice):
    client.force_login(alice)
    items = layout_of(report).section(1).items
    html = client.get(section_url(report, 1)).content.decode()
    names = [n for n in hidden_names(html) if n != "csrfmiddlewaretoken"]
    assert names == [f"{i.key}-base" for i in items]
    first = items[0].key
    assert f'name="{first}-base" value="0:{stored_digest(None)}" id="id_{first}-base"' in html


def test_required_question_has_the_star_for_the_eye_and_words_for_screen_readers(
    client, report, alice
):
    client.force_login(alice)
    first = item(report, "priority_progress", 0)
    assert first.question.required
    html = client.get(section_url(report, 1)).content.decode()
    label = re.search(rf'<label for="id_{first.key}" class="form-label">(.*?)</label>', html, re.S)
    assert label, "the textarea has its label"
    assert 'title="required" aria-hidden="true">*</span>' in label[1]
    assert '<span class="visually-hidden">(required)</span>' in label[1]


def test_text_error_is_announced_with_its_field(client, report, alice):
    client.force_login(alice)
    key = item(report, "priority_progress", 0).key
    data = section_data(report, 1, **{key: "x" * 20001})
    response = client.post(section_url(report, 1), data)
    assert response.status_code == 400
    html = response.content.decode()
    textarea = tag_with_id(html, f"id_{key}")
    assert 'aria-invalid="true"' in textarea and "is-invalid" in textarea
    described = re.search(r'aria-describedby="([^"]+)"', textarea)[1].split()
    assert described == [f"id_{key}_helptext", f"id_{key}_error"]
    message = re.search(rf'<div id="id_{key}_error" class="invalid-feedback">(.*?)</div>', html)
    assert message and "at most 20000 characters" in message[1]
    assert f'href="#id_{key}"' in html  # the error summary links to the field


def test_choice_error_is_named_by_the_fieldset_of_its_options(client, report, alice):
    client.force_login(alice)
    single = item(report, "other_successes")
    order = single.question.section.order
    response = client.post(
        section_url(report, order), section_data(report, order, **{single.key: "bogus"})
    )
    assert response.status_code == 400
    html = response.content.decode()
    fieldset = re.search(rf'<div id="div_id_{single.key}" class="mb-3">\s*<fieldset([^>]*)>', html)
    assert fieldset and f"id_{single.key}_error" in fieldset[1]
    assert f'id="id_{single.key}_error"' in html
    first_option = tag_with_id(html, f"id_{single.key}")
    assert 'type="radio"' in first_option and 'aria-invalid="true"' in first_option


def test_options_keep_the_chosen_value_and_the_first_option_the_field_id(client, report, alice):
    client.force_login(alice)
    partners = item(report, "international_partners")
    assert partners.question.kind == QuestionKind.MULTIPLE_CHOICE
    order = partners.question.section.order
    data = section_data(
        report, order, **{partners.key: ["ilo", "other"], f"{partners.key}-other": "Walk Free"}
    )
    client.post(section_url(report, order), data)
    html = client.get(section_url(report, order)).content.decode()
    assert 'value="ilo" id="id_' in html
    checked = re.findall(rf'name="{partners.key}" value="([^"]+)" id="[^"]+" checked', html)
    assert checked == ["ilo", "other"]
    assert f'name="{partners.key}-other" value="Walk Free"' in html


@pytest.mark.parametrize("base", ["3", "abc:def", "-1:00", "1:XYZ", "１:00"])
def test_a_malformed_base_saves_nothing_of_the_item_and_points_at_it(client, report, alice, base):
    client.force_login(alice)
    key = item(report, "priority_progress", 0).key
    data = section_data(report, 1, **{key: "Typed", f"{key}-base": base})
    response = client.post(section_url(report, 1), data)
    assert response.status_code == 400
    assert [e["id"] for e in response.context["errors"]] == [f"id_{key}"]
    assert not Answer.objects.filter(report=report).exists()
    assert "Typed" in response.content.decode()  # still in the field
