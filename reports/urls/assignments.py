"""Assignments of report parts, their hand-in, and invitations of contributors (issue 24)."""

from django.urls import path

from ..views import assignments, invitations

urlpatterns = [
    path("<int:pk>/assignments/", assignments.assignments_page, name="assignments"),
    path(
        "<int:pk>/assignments/<int:assignment_pk>/",
        assignments.assignment_action,
        name="assignment_action",
    ),
    path("<int:pk>/contributors/invite/", invitations.invite, name="invite"),
    # Public: the token in the link is the key (it works once, and expires).
    path("invitations/<str:token>/", invitations.invitation, name="invitation"),
    path("invitations/<str:token>/renew/", invitations.invitation_renew, name="invitation_renew"),
]
