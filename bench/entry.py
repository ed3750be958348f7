"""Entry page and autosave timings on the demo 2022-2023 report (Viet Nam, 14 priorities),
through Django's test Client signed in as vn-reporter: the view, form and template cost,
without a network or server in between."""

from __future__ import annotations

import itertools

from bench.core import Figure, median_ms


def run() -> list[Figure]:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from reports.forms.entry import SectionForm
    from reports.layout import build_layout
    from reports.models import Report

    report = Report.objects.with_context().get(country__code="VN", cycle__starts_on__year=2022)
    client = Client()
    client.force_login(get_user_model().objects.get(username="vn-reporter"))
    page = reverse("reports:section", args=[report.pk, 1])
    autosave = reverse("reports:autosave", args=[report.pk, 1])

    def render() -> None:
        response = client.get(page)
        assert response.status_code == 200, response.status_code

    # The section as loaded, then one answer changed per autosave (as after a pause in
    # typing): the revision and digest the page would carry come back in the reply.
    form = SectionForm(section=build_layout(report).section(1))
    data = {name: form[name].initial for name in form.fields}
    key = next(name for name in form.fields if not name.endswith("-base"))
    counter = itertools.count()

    def save() -> None:
        data[key] = f"Đã tổ chức tập huấn, lần {next(counter)}."
        reply = client.post(autosave, data).json()
        assert reply["ok"], reply
        data[f"{key}-base"] = f"{reply['items'][key]['rev']}:{reply['items'][key]['orig']}"

    return [
        Figure("entry: render section I (14 priorities), median", median_ms(render)),
        Figure("entry: autosave of section I (one answer changed), median", median_ms(save)),
    ]
