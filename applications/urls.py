from django.urls import path

from applications import views

app_name = "applications"

urlpatterns = [
    path("vacancy/<int:vacancy_id>/", views.vacancy_responses, name="vacancy_responses"),
]
