from django.urls import path

from salary import views

app_name = "salary"

urlpatterns = [
    path("", views.estimate, name="estimate"),
]
