from django.urls import path

from resumes import views

app_name = "resumes"

urlpatterns = [
    path("", views.resume_page, name="edit"),
    path("upload", views.upload, name="upload"),
    path("upload/discard", views.discard_upload, name="discard"),
    path("file", views.resume_file, name="file"),
    path("matches", views.matches, name="matches"),
]
