from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reports", "0022_activity_areas_mapped")]

    operations = [
        migrations.AddConstraint(
            model_name='activity',
            constraint=models.CheckConstraint(condition=models.Q(('coverage__in', ['areas', 'national', 'not_given']), models.Q(('coverage', 'areas'), ('unlisted_areas', []), _connector='OR')), name='activity_coverage_without_names', violation_error_message='An activity that is national, or whose place is not given, names no province.'),
        ),
    ]
