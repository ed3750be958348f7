from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/board/", views.board, name="board"),
    path("<slug:slug>/board/export.<str:fmt>", views.board_export, name="board_export"),
    path("<slug:slug>/countries/<str:code>/", views.trends, name="trends"),
    path("<slug:slug>/synthesis/<str:code>/", views.synthesis, name="synthesis"),
    path(
        "<slug:slug>/synthesis/<str:code>/synthesis.<str:fmt>",
        views.synthesis_download,
        name="synthesis_download",
    ),
]
