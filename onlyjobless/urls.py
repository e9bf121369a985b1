from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from onlyjobless import health, views
from onlyjobless.api import api

urlpatterns = [
    path("", views.home, name="home"),
    path("health", health.health, name="health"),
    # Pages that do not link the icon (the admin's) make browsers ask here: a 404 is a console error.
    path("favicon.ico", RedirectView.as_view(url=static("img/favicon.svg"), permanent=True)),
    path("operator/", views.operator_home, name="operator"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("accounts/", include("accounts.urls")),
    path("chats/", include("interviews.urls")),
    path("shared/", include("interviews.urls_shared")),
    path("vacancies/", include("vacancies.urls")),
    path("resume/", include("resumes.urls")),
    path("applications/", include("applications.urls")),
    path("salary/", include("salary.urls")),
    path("integrations/", include("integrations.urls")),
    path("feedback/replies/", include("replyfeedback.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

handler403 = "onlyjobless.views.permission_denied"
handler404 = "onlyjobless.views.page_not_found"
handler500 = "onlyjobless.views.server_error"
