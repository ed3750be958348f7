"""The questionnaire is data: its sections, questions and choices are edited here, with
their translations beside them (translations.admin_forms), checked by
reports.questionnaire_checks, and previewed as a country would see them (preview.py)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from translations.admin_forms import (
    TranslationsAdmin,
    TranslationsForm,
    translation_name,
    with_translations,
)
from translations.translatable import other_languages

from .. import questionnaire_checks, services
from ..models import Choice, Question, Questionnaire, ReportingCycle, Section
from .frozen import (
    FrozenQuestionnaireAdmin,
    FrozenQuestionnaireInline,
    RefusedWhenFrozen,
    is_frozen,
)
from .preview import preview_view


class SectionInline(TranslationsAdmin, FrozenQuestionnaireInline, admin.TabularInline):
    model = Section
    extra = 0
    show_change_link = True


class CopyQuestionnaireForm(forms.Form):
    cycle = forms.ModelChoiceField(
        queryset=ReportingCycle.objects.filter(questionnaire__isnull=True),
        label=gettext_lazy("Copy to cycle"),
    )


@admin.register(Questionnaire)
class QuestionnaireAdmin(TranslationsAdmin, FrozenQuestionnaireAdmin, admin.ModelAdmin):
    list_display = ["title", "cycle"]
    inlines = [SectionInline]
    change_form_template = "admin/reports/questionnaire/change_form.html"

    def get_urls(self):
        return [
            path(
                "<int:pk>/copy/",
                self.admin_site.admin_view(self.copy_view),
                name="reports_questionnaire_copy",
            ),
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(require_GET(self.preview_view)),
                name="reports_questionnaire_preview",
            ),
            *super().get_urls(),
        ]

    def copy_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        source = get_object_or_404(Questionnaire, pk=pk)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = CopyQuestionnaireForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                copy = services.questionnaire_copy(source=source, cycle=form.cleaned_data["cycle"])
            except ValidationError as exc:
                form.add_error("cycle", exc)
            else:
                messages.success(request, _("Questionnaire copied. You can now edit the copy."))
                return HttpResponseRedirect(
                    reverse("admin:reports_questionnaire_change", args=[copy.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "source": source,
            "opts": self.model._meta,
            "title": _("Copy questionnaire"),
        }
        return render(request, "admin/reports/questionnaire/copy.html", context)

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return preview_view(self, request, pk)


class QuestionForm(RefusedWhenFrozen, TranslationsForm):
    """A question's text, kind and condition checked together (reports.questionnaire_checks),
    its translations too: a Vietnamese text must fill only what the English may."""

    class Meta:
        model = Question
        fields = with_translations(
            Question,
            [
                "section",
                "order",
                "code",
                "kind",
                "text",
                "help_text",
                "example",
                "required",
                "max_length",
                "shown_if",
                "shown_if_value",
            ],
        )

    def clean(self):
        data = super().clean()
        kind = data.get("kind") or self.instance.kind
        if data.get("text") and kind:
            try:
                questionnaire_checks.check_text(data["text"], kind)
            except ValidationError as exc:
                self.add_error("text", exc)
        for language in other_languages():
            name = translation_name("text", language)
            if data.get(name) and kind:
                try:
                    questionnaire_checks.check_text(data[name], kind)
                except ValidationError as exc:
                    self.add_error(name, exc)
        section = data.get("section") or getattr(self.instance, "section", None)
        if section is not None:
            self.instance.section = section
            errors = questionnaire_checks.check_condition(
                self.instance, data.get("shown_if"), data.get("shown_if_value", "")
            )
            for name, error in errors.items():
                if name in self.fields:
                    self.add_error(name, error)
            code = data.get("code")
            clash = Question.objects.filter(
                section__questionnaire_id=section.questionnaire_id, code=code
            ).exclude(pk=self.instance.pk)
            if code and clash.exists():
                self.add_error(
                    "code",
                    ValidationError(
                        _("Another question of this questionnaire has this code."),
                        code="duplicate_code",
                    ),
                )
        return data


class QuestionInline(TranslationsAdmin, FrozenQuestionnaireInline, admin.StackedInline):
    model = Question
    form = QuestionForm
    extra = 0
    show_change_link = True
    fields = ["order", "code", "kind", "text", "required"]


@admin.register(Section)
class SectionAdmin(TranslationsAdmin, FrozenQuestionnaireAdmin, admin.ModelAdmin):
    list_display = ["title", "questionnaire", "order"]
    list_filter = ["questionnaire"]
    inlines = [QuestionInline]


class ChoiceFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        kept = [
            f
            for f in self.forms
            if getattr(f, "cleaned_data", None) and not f.cleaned_data.get("DELETE")
        ]
        try:
            questionnaire_checks.check_choice_count(self.instance.kind, len(kept))
        except ValidationError as exc:
            raise ValidationError(exc.messages, code=exc.code) from exc


class ChoiceInline(TranslationsAdmin, FrozenQuestionnaireInline, admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    extra = 0


@admin.register(Question)
class QuestionAdmin(TranslationsAdmin, FrozenQuestionnaireAdmin, admin.ModelAdmin):
    form = QuestionForm
    list_display = ["code", "kind", "required", "section"]
    list_filter = ["kind", "required", "section__questionnaire"]
    search_fields = ["code", "text"]
    inlines = [ChoiceInline]

    def get_readonly_fields(self, request, obj=None):
        if is_frozen(obj):  # handed in: all but the translations (FrozenQuestionnaireAdmin)
            return super().get_readonly_fields(request, obj)
        # Answers already hang on this question: a new kind or code would orphan them.
        if obj is not None and obj.answers.exists():
            return ["section", "code", "kind"]
        return []

    def change_view(self, request, object_id, form_url="", extra_context=None):
        question = self.get_object(request, object_id)
        # A frozen question says so (FrozenQuestionnaireAdmin); a draft's only warns.
        drafts_only = question is not None and not is_frozen(question)
        if request.method == "GET" and drafts_only and question.answers.exists():
            messages.warning(
                request,
                _(
                    "Reports have been written on this questionnaire: a change to this "
                    "question's text shows in those reports too. To change the form for a "
                    "new cycle, copy the questionnaire to that cycle and edit the copy."
                ),
            )
        return super().change_view(request, object_id, form_url, extra_context)
