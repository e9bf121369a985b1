from django.urls import path

from applications import board_views, views

app_name = "applications"

urlpatterns = [
    path("", views.my_applications, name="mine"),
    path("apply/<int:vacancy_id>/", views.apply, name="apply"),
    path("vacancy/<int:vacancy_id>/", views.vacancy_responses, name="vacancy_responses"),
    path("vacancy/<int:vacancy_id>/stats", board_views.vacancy_stats, name="vacancy_stats"),
    path("responses/", board_views.all_responses, name="board"),
    path("responses.csv", board_views.export_responses, name="board_export"),
    path("<int:pk>/", views.response_detail, name="detail"),
    path("<int:pk>/decide", views.decide, name="decide"),
    path("<int:pk>/assess", views.assess, name="assess"),
    path("<int:pk>/screening", views.start_screening, name="start_screening"),
]
