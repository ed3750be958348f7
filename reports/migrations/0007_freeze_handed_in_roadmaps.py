"""Mark the roadmap versions and indicators that reports already handed in rely on, so
they are read-only from now on as they would have been had the marker existed."""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

HANDED_IN = ~Q(state="draft") | Q(submitted_at__isnull=False)


def freeze(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    Roadmap = apps.get_model("roadmap", "Roadmap")
    Indicator = apps.get_model("roadmap", "Indicator")
    IndicatorValue = apps.get_model("reports", "IndicatorValue")
    handed_in = Report.objects.filter(HANDED_IN)
    now = timezone.now()
    Roadmap.objects.filter(pk__in=handed_in.values("roadmap_id"), frozen_at__isnull=True).update(
        frozen_at=now
    )
    Indicator.objects.filter(
        pk__in=IndicatorValue.objects.filter(report__in=handed_in).values("indicator_id"),
        frozen_at__isnull=True,
    ).update(frozen_at=now)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_kept_documents"),
        ("roadmap", "0002_freeze_marker"),
    ]

    operations = [migrations.RunPython(freeze, migrations.RunPython.noop)]
