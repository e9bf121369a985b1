from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "role", "preferred_language", "is_staff", "date_joined")
    list_filter = ("role", "preferred_language", "is_staff", "is_active", "date_joined")
    search_fields = ("username", "email", "city", "telegram_id")
    ordering = ("-date_joined",)
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("OnlyJobless"), {"fields": ("role", "preferred_language", "preferences", "age", "city", "phone", "telegram_id", "hh_url")}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + ((None, {"fields": ("role", "preferred_language")}),)
