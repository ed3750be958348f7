"""Questionnaires get a freeze marker, and what existing databases hold is frozen: every
roadmap version, indicator and questionnaire that a handed-in report relies on. Until now
only the submit transition froze, so the demo's reports, history imports and any other
path that wrote a handed-in report left them editable (see reports.freeze)."""

from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone

HANDED_IN = ~Q(state="draft") | Q(submitted_at__isnull=False)


def freeze(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    IndicatorValue = apps.get_model("reports", "IndicatorValue")
    Questionnaire = apps.get_model("reports", "Questionnaire")
    Roadmap = apps.get_model("roadmap", "Roadmap")
    Indicator = apps.get_model("roadmap", "Indicator")
    handed_in = Report.objects.filter(HANDED_IN)
    now = timezone.now()
    Roadmap.objects.filter(frozen_at__isnull=True, pk__in=handed_in.values("roadmap_id")).update(
        frozen_at=now
    )
    Indicator.objects.filter(
        frozen_at__isnull=True,
        pk__in=IndicatorValue.objects.filter(report__in=handed_in).values("indicator_id"),
    ).update(frozen_at=now)
    Questionnaire.objects.filter(
        frozen_at__isnull=True, cycle_id__in=handed_in.values("cycle_id")
    ).update(frozen_at=now)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0013_field_names"),
        ("roadmap", "0006_field_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="questionnaire",
            name="frozen_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="frozen since"
            ),
        ),
        migrations.RunPython(freeze, migrations.RunPython.noop),
    ]
