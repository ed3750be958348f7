"""``/odata/v4/<framework>/``: the service document, ``$metadata``, the entity sets."""

from django.urls import path

from . import views

app_name = "odata"

urlpatterns = [
    path("<slug:framework>/", views.service_document, name="service"),
    path("<slug:framework>/$metadata", views.metadata, name="metadata"),
    path("<slug:framework>/<str:name>", views.entity_set, name="entity_set"),
    path("<slug:framework>/<str:name>/$count", views.count, name="count"),
]
