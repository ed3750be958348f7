"""Evidence files (issue 20): attach, download, remove, say whether it may be public."""

from django.urls import path

from ..views import evidence

urlpatterns = [
    path(
        "<int:pk>/evidence/add/<str:kind>/<int:target_pk>/",
        evidence.evidence_add_view,
        name="evidence_add",
    ),
    path("<int:pk>/evidence/<int:evidence_pk>/", evidence.evidence_download, name="evidence"),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/delete/",
        evidence.evidence_delete_view,
        name="evidence_delete",
    ),
    path(
        "<int:pk>/evidence/<int:evidence_pk>/public/",
        evidence.evidence_public_view,
        name="evidence_public",
    ),
]
