"""URLs of the reports app, one module per area so each stays short."""

from django.urls import path

from ..views import overview
from . import activities, assignments, documents, entry, evidence, notices, owed, review, word

app_name = "reports"

urlpatterns = [
    path("<int:pk>/", overview.report_detail, name="detail"),
    *entry.urlpatterns,
    *review.urlpatterns,
    *documents.urlpatterns,
    *activities.urlpatterns,
    *notices.urlpatterns,
    *word.urlpatterns,
    *evidence.urlpatterns,
    *assignments.urlpatterns,
    *owed.urlpatterns,
]
