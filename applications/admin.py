from django.contrib import admin

from applications.models import Application, Invite


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("candidate", "vacancy", "status", "relevance_score", "skill_match", "assessment_status", "created_at")
    list_filter = ("status", "assessment_status")
    search_fields = ("candidate__username", "candidate__email", "vacancy__title", "vacancy__company")
    list_select_related = ("candidate", "vacancy")
    raw_id_fields = ("candidate", "vacancy")
    readonly_fields = ("chat_id", "assessment_queued_at", "screening_finished_at", "decided_at", "created_at",
                       "updated_at")
    date_hierarchy = "created_at"


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    """Invites are made by employers (the link is shown to them once); operators can only look and revoke."""

    list_display = ("vacancy", "note", "state", "expires_at", "opened_at", "accepted_at", "revoked_at", "created_at")
    list_select_related = ("vacancy", "application")
    search_fields = ("note", "vacancy__title", "vacancy__company")
    readonly_fields = ("vacancy", "note", "expires_at", "opened_at", "accepted_at", "application", "created_at")
    fields = readonly_fields + ("revoked_at",)

    def has_add_permission(self, request) -> bool:
        return False
