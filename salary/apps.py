from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SalaryConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'salary'
    verbose_name = _("Salary")  # the admin's section title
