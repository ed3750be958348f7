"""Every framework that existed before validation rules gets the default ones (a
framework made later gets them from reports.services.validation_rules on creation)."""

from django.db import migrations


def add_defaults(apps, schema_editor):
    from reports.services.validation_rules import default_rules_ensure

    rule_model = apps.get_model("reports", "ValidationRule")
    for framework_id in apps.get_model("roadmap", "Framework").objects.values_list("pk", flat=True):
        default_rules_ensure(framework_id=framework_id, rule_model=rule_model)


def remove_all(apps, schema_editor):
    apps.get_model("reports", "ValidationRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0024_validation_rules")]

    operations = [migrations.RunPython(add_defaults, remove_all)]
