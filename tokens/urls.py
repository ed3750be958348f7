from django.urls import path

from . import views

app_name = "tokens"

urlpatterns = [
    path("", views.connect, name="connect"),
    path("tokens/new/", views.token_new, name="token_new"),
    path("tokens/<int:pk>/revoke/", views.token_revoke_page, name="token_revoke"),
    path("whoami/", views.whoami, name="whoami"),
]
