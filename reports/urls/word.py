"""Word in and out (issue 12): download as Word, upload, preview and import."""

from django.urls import path

from ..views import word

urlpatterns = [
    path("<int:pk>/word/", word.word_export, name="word_export"),
    path("<int:pk>/word/import/", word.word_import, name="word_import"),
    path("<int:pk>/word/import/<str:token>/", word.word_preview, name="word_preview"),
    path("word/history/", word.history_import_page, name="history_import"),
]
