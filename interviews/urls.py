from django.urls import path

from interviews import views, views_practice, views_share

app_name = "chats"

urlpatterns = [
    path("", views.chat_list, name="list"),
    path("new", views.chat_new, name="new"),
    path("clear", views.chat_clear, name="clear"),
    path("progress", views_practice.progress_page, name="progress"),
    path("practice", views_practice.practise_now, name="practise_now"),
    path("rehearse/<int:vacancy_id>", views_practice.rehearse, name="rehearse"),
    path("negotiate/<int:vacancy_id>", views_practice.negotiate, name="negotiate"),
    path("<str:chat_id>/", views.chat_detail, name="detail"),
    path("<str:chat_id>/rename", views.chat_rename, name="rename"),
    path("<str:chat_id>/delete", views.chat_delete, name="delete"),
    path("<str:chat_id>/stop", views.chat_stop, name="stop"),
    path("<str:chat_id>/messages", views.chat_send, name="send"),
    path("<str:chat_id>/messages/<str:message_id>/retry", views.chat_retry, name="retry"),
    path("<str:chat_id>/messages/<str:message_id>/stream", views.chat_stream, name="stream"),
    path("<str:chat_id>/hint", views.chat_help, {"kind": "hint"}, name="hint"),
    path("<str:chat_id>/model-answer", views.chat_help, {"kind": "model_answer"}, name="model_answer"),
    path("<str:chat_id>/finish", views.chat_finish, name="finish"),
    path("<str:chat_id>/report", views.chat_report, name="report"),
    path("<str:chat_id>/report.pdf", views_share.report_pdf, name="report_pdf"),
    path("<str:chat_id>/transcript.md", views_share.transcript_md, name="transcript"),
    path("<str:chat_id>/shares", views_share.share_create, name="share_create"),
    path("shares/<int:share_id>/revoke", views_share.share_revoke, name="share_revoke"),
    path("<str:chat_id>/retry-mistakes", views.chat_retry_mistakes, name="retry_mistakes"),
    path("<str:chat_id>/feedback", views.chat_feedback, name="feedback"),
]
