"""Activity dates between 1990 and 2100 (reports.activity_dates). Rows saved before with a
date outside (0001-01-01, 9999-12-31) take the nearest bound first, so the constraint can
be added; they then stand out in every list, and the form asks for the real date at the
next edit."""

import datetime

from django.db import migrations, models

EARLIEST = datetime.date(1990, 1, 1)
LATEST = datetime.date(2100, 12, 31)


def clamp_dates(apps, schema_editor):
    Activity = apps.get_model("reports", "Activity")
    for field in ("starts_on", "ends_on"):
        Activity.objects.filter(**{f"{field}__lt": EARLIEST}).update(**{field: EARLIEST})
        Activity.objects.filter(**{f"{field}__gt": LATEST}).update(**{field: LATEST})


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0014_freeze_questionnaires"),
        ("roadmap", "0006_field_names"),
    ]

    operations = [
        migrations.RunPython(clamp_dates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="activity",
            constraint=models.CheckConstraint(
                condition=models.Q(("starts_on__range", (EARLIEST, LATEST)))
                & models.Q(("ends_on__isnull", True), ("ends_on__range", (EARLIEST, LATEST)), _connector="OR"),
                name="activity_dates_in_range",
                violation_error_message="An activity's dates must lie between 1990 and 2100.",
            ),
        ),
    ]
