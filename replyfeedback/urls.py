from django.urls import path

from replyfeedback import views

app_name = "replyfeedback"

urlpatterns = [
    path("<str:chat_id>/<str:message_id>", views.rate, name="rate"),
]
