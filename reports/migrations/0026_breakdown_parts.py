"""Break-downs from a JSON dict to one row per part (``IndicatorValuePart``).

Every stored dict becomes rows in its order. A dict entry that is not "label: number"
(a text typed into the admin's JSON, a negative or unreadable figure) is kept word for word
in ``breakdown_text``; so is a break-down stored as text rather than a dict: its lines that
read "label: number" become parts, the others stay text. Nothing is lost. Historical rows
(the audit trail) keep their old break-down as text.

The reverse puts the parts back into a dict, and kept text under the key "text".
"""

import re
from decimal import Decimal

import django.db.models.deletion
from django.db import migrations, models

# "counselling: 541", "referred: 1,050", "girls: 12.5"
_LINE = re.compile(
    r"\s*(?P<label>.*\S)\s*:\s*(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)\s*"
)
MAX_AMOUNT = Decimal("99999999999999.99")


def _amount(number) -> Decimal | None:
    if isinstance(number, bool):
        return None
    if isinstance(number, (int, float)):
        number = repr(number)
    if not isinstance(number, str):
        return None
    text = number.strip().replace(",", "")
    if not re.fullmatch(r"\d+(?:\.\d{1,2})?", text):
        return None
    amount = Decimal(text)
    return amount if amount <= MAX_AMOUNT else None


def split_breakdown(stored) -> tuple[list[tuple[str, Decimal]], list[str]]:
    """(parts, lines kept as text) of one stored break-down."""
    parts: list[tuple[str, Decimal]] = []
    kept: list[str] = []
    seen: set[str] = set()

    def add(label: str, number, line: str) -> None:
        label = " ".join(str(label).split())[:200]
        amount = _amount(number)
        if not label or amount is None or label in seen:
            kept.append(line)
            return
        seen.add(label)
        parts.append((label, amount))

    if isinstance(stored, dict):
        for label, number in stored.items():
            add(label, number, f"{label}: {number}")
    elif isinstance(stored, str):
        for line in stored.splitlines():
            if not line.strip():
                continue
            match = _LINE.fullmatch(line)
            if match:
                add(match["label"], match["number"], line.strip())
            else:
                kept.append(line.strip())
    elif stored not in (None, [], ""):
        kept.append(str(stored))
    return parts, kept


def dicts_to_rows(apps, schema_editor):
    IndicatorValue = apps.get_model("reports", "IndicatorValue")
    Part = apps.get_model("reports", "IndicatorValuePart")
    for value in IndicatorValue.objects.exclude(disaggregation={}).iterator():
        parts, kept = split_breakdown(value.disaggregation)
        Part.objects.bulk_create(
            Part(value=value, label=label, amount=amount, order=order)
            for order, (label, amount) in enumerate(parts)
        )
        if kept:
            value.breakdown_text = "\n".join(kept)
            value.save(update_fields=["breakdown_text"])
    History = apps.get_model("reports", "HistoricalIndicatorValue")
    for record in History.objects.exclude(disaggregation={}).iterator():
        parts, kept = split_breakdown(record.disaggregation)
        lines = [f"{label}: {amount.normalize():f}" for label, amount in parts] + kept
        History.objects.filter(pk=record.pk).update(breakdown_text="\n".join(lines))


def rows_to_dicts(apps, schema_editor):
    IndicatorValue = apps.get_model("reports", "IndicatorValue")
    for value in IndicatorValue.objects.prefetch_related("parts"):
        stored = {}
        for part in value.parts.all():
            amount = part.amount
            stored[part.label] = (
                int(amount) if amount == amount.to_integral_value() else float(amount)
            )
        if value.breakdown_text:
            stored["text"] = value.breakdown_text
        if stored:
            value.disaggregation = stored
            value.save(update_fields=["disaggregation"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0025_default_validation_rules"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalindicatorvalue",
            name="breakdown_partial",
            field=models.BooleanField(
                default=False,
                help_text="Tick when the parts leave some of the value out.",
                verbose_name="the parts do not cover the whole value",
            ),
        ),
        migrations.AddField(
            model_name="historicalindicatorvalue",
            name="breakdown_text",
            field=models.TextField(
                blank=True, max_length=5000, verbose_name="break-down as first typed"
            ),
        ),
        migrations.AddField(
            model_name="indicatorvalue",
            name="breakdown_partial",
            field=models.BooleanField(
                default=False,
                help_text="Tick when the parts leave some of the value out.",
                verbose_name="the parts do not cover the whole value",
            ),
        ),
        migrations.AddField(
            model_name="indicatorvalue",
            name="breakdown_text",
            field=models.TextField(
                blank=True, max_length=5000, verbose_name="break-down as first typed"
            ),
        ),
        migrations.CreateModel(
            name="IndicatorValuePart",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("label", models.CharField(max_length=200, verbose_name="label")),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=16, verbose_name="amount"),
                ),
                ("order", models.PositiveSmallIntegerField(default=0, verbose_name="order")),
                (
                    "value",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="parts",
                        to="reports.indicatorvalue",
                        verbose_name="indicator value",
                    ),
                ),
            ],
            options={
                "verbose_name": "break-down part",
                "verbose_name_plural": "break-down parts",
                "ordering": ["value", "order", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("value", "label"),
                        name="one_part_per_label",
                        violation_error_message="Each part of a break-down has its own label.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("amount__gte", 0)),
                        name="part_amount_not_negative",
                        violation_error_message="A part of a break-down cannot be negative.",
                    ),
                ],
            },
        ),
        migrations.RunPython(dicts_to_rows, rows_to_dicts),
        migrations.RemoveField(
            model_name="historicalindicatorvalue",
            name="disaggregation",
        ),
        migrations.RemoveField(
            model_name="indicatorvalue",
            name="disaggregation",
        ),
    ]
