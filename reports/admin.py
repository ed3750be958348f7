from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import permissions, questionnaire_checks, services, tasks
from .models import (
    Activity,
    Answer,
    Choice,
    Comment,
    CommentThread,
    IndicatorValue,
    NextStep,
    Question,
    Questionnaire,
    Report,
    ReportingCycle,
    Section,
    Transition,
)


class CycleForm(forms.ModelForm):
    class Meta:
        model = ReportingCycle
        fields = ["framework", "starts_on", "ends_on", "opens_on", "deadline"]

    def clean(self):
        data = super().clean()
        # Said at the field, before the database constraint would say it for the form.
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] <= data["starts_on"]:
            self.add_error(
                "ends_on",
                ValidationError(
                    _("The period must end after it starts."), code="ends_before_start"
                ),
            )
        if data.get("opens_on") and data.get("deadline") and data["deadline"] < data["opens_on"]:
            self.add_error(
                "deadline",
                ValidationError(
                    _("The deadline cannot be before reporting opens."),
                    code="deadline_before_opening",
                ),
            )
        return data


@admin.register(ReportingCycle)
class ReportingCycleAdmin(admin.ModelAdmin):
    form = CycleForm
    list_display = ["label", "framework", "opens_on", "deadline"]
    list_filter = ["framework"]
    ordering = ["-starts_on"]
    actions = ["open_reports", "render_pdfs"]

    @admin.action(description=gettext_lazy("Open the reports of the selected cycles"))
    def open_reports(self, request: HttpRequest, queryset) -> None:
        for cycle in queryset:
            try:
                created = services.cycle_open_reports(cycle=cycle)
            except ValidationError as exc:
                messages.error(request, f"{cycle.label}: {' '.join(exc.messages)}")
                continue
            messages.success(
                request,
                _("%(cycle)s: %(count)d report(s) opened (%(countries)s).")
                % {
                    "cycle": cycle.label,
                    "count": len(created),
                    "countries": ", ".join(r.country.name for r in created) or "—",
                },
            )

    @admin.action(
        description=gettext_lazy(
            "Render the PDFs of the selected cycles' reports in the background"
        )
    )
    def render_pdfs(self, request: HttpRequest, queryset) -> None:
        # Jobs, not a render here: a cycle of 40 reports in two languages takes minutes.
        for cycle in queryset:
            queued = tasks.cycle_render_pdfs(cycle=cycle)
            messages.success(
                request,
                ngettext(
                    "%(cycle)s: %(count)d render job queued; the PDFs are ready when the "
                    "workers have run it.",
                    "%(cycle)s: %(count)d render jobs queued; the PDFs are ready when the "
                    "workers have run them.",
                    queued,
                )
                % {"cycle": cycle.label, "count": queued},
            )

    @admin.display(description=_("Cycle"))
    def label(self, obj: ReportingCycle) -> str:
        return obj.label


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0
    show_change_link = True


class CopyQuestionnaireForm(forms.Form):
    cycle = forms.ModelChoiceField(
        queryset=ReportingCycle.objects.filter(questionnaire__isnull=True),
        label=_("Copy to cycle"),
    )


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
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
            *super().get_urls(),
        ]

    def copy_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        source = get_object_or_404(Questionnaire, pk=pk)
        if not self.has_add_permission(request):
            raise PermissionError
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


class QuestionForm(forms.ModelForm):
    """A question's text, kind and condition checked together (reports.questionnaire_checks)."""

    class Meta:
        model = Question
        fields = [
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
            "translations",
        ]

    def clean(self):
        data = super().clean()
        kind = data.get("kind") or self.instance.kind
        if data.get("text") and kind:
            try:
                questionnaire_checks.check_text(data["text"], kind)
            except ValidationError as exc:
                self.add_error("text", exc)
        if data.get("translations") and kind:
            try:
                questionnaire_checks.check_translations(
                    data["translations"], kind, Question.TRANSLATED_FIELDS
                )
            except ValidationError as exc:
                self.add_error("translations", exc)
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


class QuestionInline(admin.StackedInline):
    model = Question
    form = QuestionForm
    extra = 0
    show_change_link = True
    fields = ["order", "code", "kind", "text", "required"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
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


class ChoiceInline(admin.TabularInline):
    model = Choice
    formset = ChoiceFormSet
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    form = QuestionForm
    list_display = ["code", "kind", "required", "section"]
    list_filter = ["kind", "required", "section__questionnaire"]
    search_fields = ["code", "text"]
    inlines = [ChoiceInline]

    def get_readonly_fields(self, request, obj=None):
        # Answers already hang on this question: a new kind or code would orphan them.
        if obj is not None and obj.answers.exists():
            return ["section", "code", "kind"]
        return []

    def change_view(self, request, object_id, form_url="", extra_context=None):
        question = self.get_object(request, object_id)
        if request.method == "GET" and question is not None and question.answers.exists():
            messages.warning(
                request,
                _(
                    "Reports have been written on this questionnaire: a change to this "
                    "question's text shows in those reports too. To change the form for a "
                    "new cycle, copy the questionnaire to that cycle and edit the copy."
                ),
            )
        return super().change_view(request, object_id, form_url, extra_context)


class ReportAdminForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["country", "cycle", "roadmap"]

    def clean(self):
        data = super().clean()
        country, cycle = data.get("country"), data.get("cycle")
        duplicate = Report.objects.filter(country=country, cycle=cycle).exclude(pk=self.instance.pk)
        if country and cycle and duplicate.exists():
            # At the field, not only as the constraint's message at the top of the form.
            self.add_error(
                "cycle",
                ValidationError(
                    _("This country already has a report for this cycle."), code="duplicate_report"
                ),
            )
        roadmap = data.get("roadmap")
        if roadmap and country and roadmap.country_id != country.pk:
            self.add_error(
                "roadmap",
                ValidationError(
                    _("This roadmap belongs to another country."), code="foreign_roadmap"
                ),
            )
        return data


class NoHistoryRevert:
    """django-simple-history's "revert to this version" form saves on POST after a view
    check only: that would be a write path of its own, so it only shows."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyAdmin(NoHistoryRevert):
    """Report content is written only through the services (reports/services/), which
    check the report's editable state, bump its revision (so kept PDFs are not served
    stale) and keep the audit history; the admin shows it, searches it and filters it."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(NoHistoryRevert, SimpleHistoryAdmin):
    """A report is opened here (or by "Open the reports of the selected cycles") and then
    never edited here: its country, cycle and roadmap version are what its answers hang
    on, and its state changes only through the workflow (reports.workflow)."""

    form = ReportAdminForm
    list_display = ["country", "cycle", "state", "submitted_at", "revision"]
    list_filter = ["state", "cycle", "country"]
    list_select_related = ["country", "cycle"]
    readonly_fields = ["state", "revision", "submitted_at", "accepted_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        # A report opened by mistake may go while nobody has handed it in.
        if obj is not None and permissions.reviewers_see(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        # "Delete selected" asks for no per-object permission: handed-in reports listed as
        # protected make Django refuse the whole deletion.
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        handed_in = [str(r) for r in objs if permissions.reviewers_see(r)]
        return deleted, counts, perms_needed, [*protected, *handed_in]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["report", "question", "priority", "next_step", "updated_at", "updated_by"]
    list_filter = ["report__country", "report__cycle"]
    list_select_related = [
        "report__country",
        "report__cycle",
        "question",
        "priority__theme",
        "next_step",
    ]
    search_fields = ["text"]


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = [
        "title",
        "report",
        "kind",
        "starts_on",
        "participants_women",
        "participants_men",
        "participants_total",
    ]
    list_filter = ["kind", "report__country", "report__cycle"]
    search_fields = ["title", "description"]


@admin.register(NextStep)
class NextStepAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["title", "report"]
    list_filter = ["report__country", "report__cycle"]
    search_fields = ["title", "targets"]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(ReadOnlyAdmin, SimpleHistoryAdmin):
    list_display = ["indicator", "report", "value"]
    list_filter = ["report__country", "report__cycle"]
    search_fields = ["indicator__name", "note"]


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """The audit trail: never added, edited or deleted by hand."""

    list_display = ["report", "action", "from_state", "to_state", "by", "at"]
    list_filter = ["action", "to_state"]


class CommentInline(ReadOnlyAdmin, admin.TabularInline):
    model = Comment
    extra = 0


@admin.register(CommentThread)
class CommentThreadAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Comments are never edited, anywhere; threads open and resolve on the report pages."""

    list_display = ["report", "question", "created_by", "created_at", "resolved_at"]
    list_filter = ["report__country", "report__cycle"]
    search_fields = ["comments__body"]
    inlines = [CommentInline]
