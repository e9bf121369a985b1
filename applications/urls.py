from django.urls import path

from applications import views

app_name = "applications"

urlpatterns = [
    path("", views.my_applications, name="mine"),
    path("apply/<int:vacancy_id>/", views.apply, name="apply"),
    path("vacancy/<int:vacancy_id>/", views.vacancy_responses, name="vacancy_responses"),
    path("<int:pk>/", views.response_detail, name="detail"),
    path("<int:pk>/decide", views.decide, name="decide"),
    path("<int:pk>/assess", views.assess, name="assess"),
    path("<int:pk>/screening", views.start_screening, name="start_screening"),
]
