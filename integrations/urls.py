from django.urls import path

from integrations import views

app_name = "integrations"

urlpatterns = [
    path("drafts/", views.drafts, name="drafts"),
]
