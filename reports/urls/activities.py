from django.urls import path

from ..views import activities, indicators

urlpatterns = [
    path("<int:pk>/activities/", activities.activity_list, name="activities"),
    path("<int:pk>/activities/add/", activities.activity_add, name="activity_add"),
    path(
        "<int:pk>/activities/<int:activity_pk>/edit/",
        activities.activity_edit,
        name="activity_edit",
    ),
    path(
        "<int:pk>/activities/<int:activity_pk>/delete/",
        activities.activity_delete_view,
        name="activity_delete",
    ),
    path("<int:pk>/indicators/", indicators.indicator_values, name="indicators"),
    path(
        "<int:pk>/indicators/autosave/",
        indicators.indicators_autosave,
        name="indicators_autosave",
    ),
]
