from django.urls import path

from vacancies import employer_views, views

app_name = "vacancies"

urlpatterns = [
    path("", views.vacancy_list, name="list"),
    path("<int:pk>/", views.vacancy_detail, name="detail"),
    path("mine/", employer_views.my_vacancies, name="mine"),
    path("new/", employer_views.vacancy_create, name="create"),
    path("<int:pk>/edit/", employer_views.vacancy_edit, name="edit"),
    path("<int:pk>/publish/", employer_views.vacancy_publish, name="publish"),
    path("<int:pk>/delete/", employer_views.vacancy_delete, name="delete"),
]
