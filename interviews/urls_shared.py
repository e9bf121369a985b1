"""The pages a report's share link opens: no login, read-only, that one report."""

from django.urls import path

from interviews import views_share

app_name = "shared"

urlpatterns = [
    path("<str:token>/", views_share.shared_report, name="report"),
    path("<str:token>/report.pdf", views_share.shared_report_pdf, name="report_pdf"),
]
