"""The preview of a questionnaire, from its admin page: laid out for a chosen roadmap in a
chosen language, as a country would see it once the cycle opens. Read-only: a GET form,
nothing saved (reports.selectors.preview)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roadmap.models import Roadmap
from translations.translatable import active_language

from ..models import Questionnaire
from ..selectors.preview import questionnaire_preview


class RoadmapChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Roadmap) -> str:
        return f"{obj.country.shown_name}: {obj}"


class PreviewForm(forms.Form):
    roadmap = RoadmapChoiceField(
        queryset=Roadmap.objects.none(),
        label=gettext_lazy("Roadmap"),
        help_text=gettext_lazy(
            "Any country's roadmap of this questionnaire's framework: its priorities "
            "are the ones asked about."
        ),
    )
    language = forms.ChoiceField(choices=settings.LANGUAGES, label=gettext_lazy("Language"))

    def __init__(self, data=None, *, questionnaire: Questionnaire) -> None:
        super().__init__(data, initial={"language": active_language()})
        self.fields["roadmap"].queryset = (
            Roadmap.objects.filter(framework_id=questionnaire.cycle.framework_id)
            .select_related("country")
            .order_by("country__name", "-version")
        )


def preview_view(model_admin: admin.ModelAdmin, request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_object_or_404(Questionnaire.objects.select_related("cycle"), pk=pk)
    if not model_admin.has_view_permission(request, questionnaire):
        raise PermissionDenied
    form = PreviewForm(request.GET or None, questionnaire=questionnaire)
    preview = None
    if form.is_valid():
        preview = questionnaire_preview(
            questionnaire=questionnaire,
            roadmap=form.cleaned_data["roadmap"],
            language=form.cleaned_data["language"],
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "original": questionnaire,
        "title": _("Preview of the questionnaire"),
        "subtitle": str(questionnaire),
        "form": form,
        "preview": preview,
    }
    return render(request, "admin/reports/questionnaire/preview.html", context)
