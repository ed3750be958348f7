"""Rendered PDFs become kept documents: a kind and a generic subject instead of the
report key, so the store can keep documents that are not one report's PDF. Every
existing row stays, as a report PDF of its report, with its file and download name."""

import posixpath

import django.db.models.deletion
from django.db import migrations, models

import reports.storage


def report_pdfs_as_documents(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    KeptDocument = apps.get_model("reports", "KeptDocument")
    if not KeptDocument.objects.exists():
        return
    report_type, _created = ContentType.objects.get_or_create(app_label="reports", model="report")
    for document in KeptDocument.objects.all():
        document.subject_type = report_type
        document.subject_id = document.report_id
        document.filename = posixpath.basename(document.file.name)
        document.save(update_fields=["subject_type", "subject_id", "filename"])


def documents_as_report_pdfs(apps, schema_editor):
    KeptDocument = apps.get_model("reports", "KeptDocument")
    for document in KeptDocument.objects.all():
        document.report_id = document.subject_id
        document.save(update_fields=["report"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reports", "0005_client_keys_for_new_rows"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="renderedpdf", name="one_pdf_per_revision_language"
        ),
        migrations.RenameModel(old_name="RenderedPDF", new_name="KeptDocument"),
        migrations.AddField(
            model_name="keptdocument",
            name="kind",
            field=models.CharField(
                choices=[("report_pdf", "report PDF")], default="report_pdf", max_length=20
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="keptdocument",
            name="subject_type",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="keptdocument",
            name="subject_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="keptdocument",
            name="media_type",
            field=models.CharField(default="application/pdf", max_length=100),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="keptdocument",
            name="filename",
            field=models.CharField(default="", max_length=200),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="keptdocument",
            name="report",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.CASCADE, to="reports.report"
            ),
        ),
        migrations.RunPython(report_pdfs_as_documents, documents_as_report_pdfs),
        migrations.RemoveField(model_name="keptdocument", name="report"),
        migrations.AlterField(
            model_name="keptdocument",
            name="subject_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, to="contenttypes.contenttype"
            ),
        ),
        migrations.AlterField(
            model_name="keptdocument",
            name="subject_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AlterField(
            model_name="keptdocument",
            name="language",
            field=models.CharField(max_length=10),
        ),
        migrations.AlterField(
            model_name="keptdocument",
            name="file",
            field=models.FileField(
                max_length=300, storage=reports.storage.documents_storage, upload_to=""
            ),
        ),
        migrations.AlterModelOptions(
            name="keptdocument",
            options={"verbose_name": "kept document", "verbose_name_plural": "kept documents"},
        ),
        migrations.AddConstraint(
            model_name="keptdocument",
            constraint=models.UniqueConstraint(
                fields=("kind", "subject_type", "subject_id", "revision", "language"),
                name="one_document_per_revision_language",
            ),
        ),
        migrations.AddConstraint(
            model_name="keptdocument",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["report_pdf"])), name="kept_document_kind_valid"
            ),
        ),
    ]
