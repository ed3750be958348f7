"""Review: queue, reading view, workflow steps, comment threads, changes, audit trail."""

from django.urls import path

from ..views import review

urlpatterns = [
    path("queue/", review.queue, name="queue"),
    path("<int:pk>/read/", review.read, name="read"),
    path("<int:pk>/transition/<slug:action>/", review.transition, name="transition"),
    path("<int:pk>/changes/", review.changes, name="changes"),
    path("<int:pk>/history/", review.history, name="history"),
    path("<int:pk>/threads/new/", review.thread_new, name="thread_new"),
    path("<int:pk>/threads/<int:thread_pk>/reply/", review.thread_reply, name="thread_reply"),
    path("<int:pk>/threads/<int:thread_pk>/resolve/", review.thread_resolve, name="thread_resolve"),
]
