from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("register", views.register, name="register"),
    path("login", views.login_view, name="login"),
    path("logout", views.logout_view, name="logout"),
    path("profile", views.profile, name="profile"),
    path("password", views.password, name="password"),
    path("delete", views.delete_account, name="delete"),
]
