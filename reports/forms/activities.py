"""Forms for a report's activities and indicator values.

Plain forms, not model forms: the services write, and a form that never touches the
instance leaves what is stored intact for the side-by-side view of a refused stale save.
"""

from __future__ import annotations

import re
import unicodedata
import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roadmap.models import Priority
from translations.fields import LocalIntegerField

from .. import activity_dates
from ..models import MAX_ANSWER_LENGTH, Activity, Report
from ..selectors.validation import VALUE_FORM_FIELDS, active_rules, activity_figures, period
from ..services.activities import ActivityData
from ..undecodable import undecodable_error
from ..validation.engine import activity_breaches
from .places import clean_places, initial_areas, offer_areas

# What a PositiveIntegerField holds on PostgreSQL, with room to spare.
MAX_PARTICIPANTS = 2_000_000_000
MAX_PROVINCE_LENGTH = 100


def _nfc(text: str) -> str:
    # Vietnamese typed on some systems arrives decomposed (NFD): "Hà Nội" must match
    # "Hà Nội" when provinces are de-duplicated and totalled.
    return unicodedata.normalize("NFC", text)


def parse_provinces(text: str) -> list[str]:
    """ "Hà Nội, An Giang,, hà nội " -> ["Hà Nội", "An Giang"]: trimmed, de-duplicated
    (ignoring case), in the order typed."""
    seen: set[str] = set()
    provinces: list[str] = []
    for part in re.split(r"[,;\n]", _nfc(text)):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            provinces.append(name)
    return provinces


def clean_activity_figures(form: forms.BaseForm, data: dict) -> dict:
    """Dates in order and participants that add up, each said at its field; a missing
    total becomes women + men. Shared by the report's activity form and the admin."""
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts and ends and ends < starts and "ends_on" not in form.errors:
        form.add_error(
            "ends_on",
            ValidationError(
                _("The end date cannot be before the start date."), code="ends_before_start"
            ),
        )
    women, men = data.get("participants_women"), data.get("participants_men")
    total = data.get("participants_total")
    given = [n for n in (women, men) if n is not None]
    # Only when every participant figure is valid: an error on one is enough to say.
    if not any(f in form.errors for f in ("participants_women", "participants_men")):
        if total is None and given and "participants_total" not in form.errors:
            data["participants_total"] = sum(given)
        elif total is not None and sum(given) > total and "participants_total" not in form.errors:
            form.add_error(
                "participants_total",
                ValidationError(
                    _("Women and men together (%(sum)d) cannot exceed the total (%(total)d)."),
                    code="participants_exceed_total",
                    params={"sum": sum(given), "total": total},
                ),
            )
    return data


def show_rule_warnings(form: forms.BaseForm, breaches) -> None:
    """Say each warning of the framework's rules at its field (in the field's hint, which
    the field's aria-describedby names), after what the hint said already."""
    for breach in breaches:
        name = VALUE_FORM_FIELDS.get(breach.field, breach.field)
        if breach.is_error or name not in form.fields:
            continue
        field = form.fields[name]
        # Escaped: a hint is printed as markup, and the message is data (an indicator's name).
        warning = escape(_("Warning: %(message)s") % {"message": breach.message})
        field.help_text = f"{escape(field.help_text)} {warning}" if field.help_text else warning


class _Figures:
    """A form's cleaned data read as the rules read an activity."""

    def __init__(self, data: dict) -> None:
        for name in ("starts_on", "ends_on", "participants_women", "participants_men"):
            setattr(self, name, data.get(name))
        self.participants_total = data.get("participants_total")


class ActivityForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=Activity.Kind.choices)
    starts_on = forms.DateField(
        label=gettext_lazy("Start date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    ends_on = forms.DateField(
        label=gettext_lazy("End date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Leave empty for a one-day activity."),
    )
    # National, not given, or areas of the country's list (by pk): one fieldset of
    # checkboxes, searchable with script (static/js/area_filter.js).
    areas = forms.MultipleChoiceField(
        label=gettext_lazy("Provinces"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Choose the provinces, or “National”, or “Not given” if it is not known."
        ),
    )
    unlisted_areas = forms.CharField(
        label=gettext_lazy("Places not in the list"),
        required=False,
        max_length=2000,
        help_text=gettext_lazy(
            "Only for a place the list lacks; separate names with commas. A name the list "
            "has is ticked for you."
        ),
    )
    organisers = forms.CharField(label=gettext_lazy("Organisers"), required=False, max_length=500)
    partners = forms.CharField(label=gettext_lazy("Partners"), required=False, max_length=500)
    participants_women = LocalIntegerField(
        label=gettext_lazy("Women"), required=False, min_value=0, max_value=MAX_PARTICIPANTS
    )
    participants_men = LocalIntegerField(
        label=gettext_lazy("Men"), required=False, min_value=0, max_value=MAX_PARTICIPANTS
    )
    participants_total = LocalIntegerField(
        label=gettext_lazy("Total participants"),
        required=False,
        min_value=0,
        max_value=MAX_PARTICIPANTS,
        help_text=gettext_lazy(
            "Include people whose sex is not known. Left empty, it is women + men."
        ),
    )
    priorities = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Priorities served"),
        queryset=Priority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=MAX_ANSWER_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("Up to 20,000 characters."),
    )
    # The activity's revision as loaded: a save on a stale one is refused.
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    # The add form's client key (models, "Client keys"): the same form sent twice adds
    # one activity. Unused when editing.
    key = forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)

    def __init__(
        self,
        *args,
        report: Report,
        activity: Activity | None = None,
        undecodable: set[str] = frozenset(),
        **kwargs,
    ):
        if activity is not None and "initial" not in kwargs:
            kwargs["initial"] = activity_initial(activity)
        super().__init__(*args, **kwargs)
        self.report = report
        # Names of the fields whose posted bytes were not UTF-8 (reports.undecodable).
        self.undecodable = undecodable
        # The browser's bounds are the database's: a date outside the report's period is
        # the framework's rule to judge (an error, or a warning to explain).
        for name in ("starts_on", "ends_on"):
            self.fields[name].widget.attrs.update(
                min=activity_dates.EARLIEST.isoformat(), max=activity_dates.LATEST.isoformat()
            )
        if activity is not None:
            self.fields["key"].initial = None
        # Only the report's roadmap version; one already linked stays even if retired since.
        priorities = Priority.objects.filter(roadmap_id=report.roadmap_id).in_order()
        linked = [p.pk for p in activity.priorities.all()] if activity is not None else []
        priorities = priorities.filter(Q(is_active=True) | Q(pk__in=linked))
        field = self.fields["priorities"]
        field.queryset = priorities
        field.widget.choices = _grouped_by_theme(list(priorities))
        offer_areas(self, report=report, activity=activity)

        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "title",
            Div(Div("kind", css_class="col-md-4"), css_class="row"),
            Div(
                Div("starts_on", css_class="col-sm-6 col-md-4"),
                Div("ends_on", css_class="col-sm-6 col-md-4"),
                css_class="row",
            ),
            Field("areas", template="reports/activities/_areas_field.html"),
            "unlisted_areas",
            Div(
                Div("organisers", css_class="col-md-6"),
                Div("partners", css_class="col-md-6"),
                css_class="row",
            ),
            Fieldset(
                _("Participants"),
                Div(
                    Div("participants_women", css_class="col-sm-4"),
                    Div("participants_men", css_class="col-sm-4"),
                    Div("participants_total", css_class="col-sm-4"),
                    css_class="row",
                ),
            ),
            Field("priorities", template="reports/activities/_priorities_field.html"),
            "description",
            "revision",
            "key",
        )

    def full_clean(self) -> None:
        super().full_clean()
        # The damaged text is refused at its field; the stored activity stays whole.
        for name in self.undecodable & set(self.fields):
            self.add_error(name, undecodable_error())

    def clean(self):
        data = super().clean()
        given = {name: data.get(name) for name in ("starts_on", "ends_on")}
        for name, error in activity_dates.date_errors(**given).items():
            self.add_error(name, error)
        clean_places(self, data)
        # The framework's rules that are errors, at their fields (with the rule's message,
        # so the generic checks below stay quiet where a rule spoke).
        figures = activity_figures(_Figures(data))
        rules = active_rules(report=self.report)
        for breach in activity_breaches(rules, figures, period=period(self.report)):
            if breach.is_error and breach.field not in self.errors:
                self.add_error(breach.field, ValidationError(breach.message, code=breach.kind))
        return clean_activity_figures(self, data)

    def clean_unlisted_areas(self) -> list[str]:
        names = parse_provinces(self.cleaned_data["unlisted_areas"])
        too_long = [p for p in names if len(p) > MAX_PROVINCE_LENGTH]
        if too_long:
            raise ValidationError(
                _("A province name has at most %(max)d characters; separate names with commas."),
                code="province_too_long",
                params={"max": MAX_PROVINCE_LENGTH},
            )
        return names

    def to_data(self) -> ActivityData:
        data = self.cleaned_data
        return ActivityData(
            title=data["title"],
            kind=data["kind"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            coverage=data["coverage"],
            areas=data["area_objects"],
            unlisted_areas=data["unlisted_areas"],
            organisers=data["organisers"],
            partners=data["partners"],
            participants_women=data["participants_women"],
            participants_men=data["participants_men"],
            participants_total=data["participants_total"],
            priorities=list(data["priorities"]),
            description=data["description"],
        )

    def take_revision(self, revision: int) -> None:
        """After a refused stale save: carry the stored revision, so saving again (having
        compared) applies what the person has in the form."""
        self.data = self.data.copy()
        self.data[self.add_prefix("revision")] = str(revision)


def _grouped_by_theme(priorities: list[Priority]) -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    for p in priorities:
        label = _("Theme %(number)d: %(name)s") % {
            "number": p.theme.number,
            "name": p.theme.shown_name,
        }
        groups.setdefault(p.theme_id, (label, []))[1].append(
            (str(p.pk), f"{p.number}. {p.shown_text}")
        )
    return list(groups.values())


def activity_initial(activity: Activity) -> dict:
    return {
        "title": activity.title,
        "kind": activity.kind,
        "starts_on": activity.starts_on,
        "ends_on": activity.ends_on,
        "areas": initial_areas(activity),
        "unlisted_areas": ", ".join(activity.unlisted_areas),
        "organisers": activity.organisers,
        "partners": activity.partners,
        "participants_women": activity.participants_women,
        "participants_men": activity.participants_men,
        "participants_total": activity.participants_total,
        "priorities": [p.pk for p in activity.priorities.all()],
        "description": activity.description,
        "revision": activity.revision,
    }
