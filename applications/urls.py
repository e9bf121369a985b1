from django.urls import path

from applications import board_views, invite_views, practice_views, screening_views, views

app_name = "applications"

urlpatterns = [
    path("", views.my_applications, name="mine"),
    path("apply/<int:vacancy_id>/", views.apply, name="apply"),
    path("vacancy/<int:vacancy_id>/", views.vacancy_responses, name="vacancy_responses"),
    path("vacancy/<int:vacancy_id>/stats", board_views.vacancy_stats, name="vacancy_stats"),
    path("vacancy/<int:vacancy_id>/invites", invite_views.vacancy_invites, name="invites"),
    path("vacancy/<int:vacancy_id>/screening", screening_views.screening_page, name="screening"),
    path("vacancy/<int:vacancy_id>/invites/<int:pk>/revoke", invite_views.revoke, name="revoke_invite"),
    path("invite/<str:token>", invite_views.landing, name="invite"),
    path("invite/<str:token>/accept", invite_views.accept, name="accept_invite"),
    path("responses/", board_views.all_responses, name="board"),
    path("responses.csv", board_views.export_responses, name="board_export"),
    path("<int:pk>/", views.response_detail, name="detail"),
    path("<int:pk>/decide", views.decide, name="decide"),
    path("<int:pk>/assess", views.assess, name="assess"),
    path("<int:pk>/screening", views.start_screening, name="start_screening"),
    path("<int:pk>/practice", practice_views.sharing, name="practice"),
]
