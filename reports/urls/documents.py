"""The PDF and the exports (issue 5)."""

from django.urls import path

from ..views import documents

urlpatterns = [
    path("<int:pk>/pdf/", documents.report_pdf, name="pdf"),
    path("<int:pk>/pdf/r<int:revision>/", documents.report_pdf_revision, name="pdf_revision"),
    path("<int:pk>/export.<str:fmt>", documents.report_export, name="export"),
    path("cycles/<str:code>/export.<str:fmt>", documents.cycle_export, name="cycle_export"),
]
