"""Operators make service keys here: the key is shown once, in the message after saving; revoke with the
action (or the revoked field). Uses are listed read-only."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from integrations import keys
from integrations.models import ResumeDraft, ServiceKey, ServiceKeyUse


class ServiceKeyForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(label=_("scopes"), choices=ServiceKey.Scope.choices,
                                       widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = ServiceKey
        fields = ("name", "scopes", "revoked_at")


@admin.register(ServiceKey)
class ServiceKeyAdmin(admin.ModelAdmin):
    form = ServiceKeyForm
    list_display = ("name", "prefix", "scope_list", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "prefix")
    readonly_fields = ("prefix", "created_by", "created_at", "last_used_at")
    actions = ["revoke"]

    @admin.display(description=_("scopes"))
    def scope_list(self, key: ServiceKey) -> str:
        return ", ".join(key.scopes)

    def get_fields(self, request, obj=None):
        return ("name", "scopes") if obj is None else ("name", "prefix", "scopes", "created_by", "created_at",
                                                       "last_used_at", "revoked_at")

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        key, text = keys.create_key(name=obj.name, scopes=form.cleaned_data["scopes"], created_by=request.user)
        obj.pk, obj.prefix, obj.key_hash = key.pk, key.prefix, key.key_hash
        obj._state.adding = False
        messages.warning(request, _("The new key, shown this once (only its hash is kept): %(key)s") % {"key": text})

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        for key in queryset:
            keys.revoke_key(key=key)
        messages.success(request, _("Revoked: requests with these keys now get 401."))


@admin.register(ServiceKeyUse)
class ServiceKeyUseAdmin(admin.ModelAdmin):
    list_display = ("at", "key", "scope", "path", "status", "ip")
    list_filter = ("status", "scope", "key")
    list_select_related = ("key",)
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ResumeDraft)
class ResumeDraftAdmin(admin.ModelAdmin):
    list_display = ("user", "key", "created_at")
    list_select_related = ("user", "key")
    readonly_fields = ("user", "key", "data", "created_at")

    def has_add_permission(self, request) -> bool:
        return False
