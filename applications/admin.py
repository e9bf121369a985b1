from django.contrib import admin

from applications.models import Application, Invite, ScreeningVersion, SharedReport


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("candidate", "vacancy", "status", "relevance_score", "skill_match", "assessment_status", "created_at")
    list_filter = ("status", "assessment_status")
    search_fields = ("candidate__username", "candidate__email", "vacancy__title", "vacancy__company")
    list_select_related = ("candidate", "vacancy")
    raw_id_fields = ("candidate", "vacancy")
    readonly_fields = ("chat_id", "screening_version", "assessment_queued_at", "screening_finished_at", "decided_at", "created_at",
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


@admin.register(ScreeningVersion)
class ScreeningVersionAdmin(admin.ModelAdmin):
    """Versions are what applications were screened with: shown, never edited (employers save new ones)."""

    list_display = ("vacancy", "version", "answers_weight", "question_count", "created_at")
    list_select_related = ("vacancy",)
    search_fields = ("vacancy__title", "vacancy__company")
    readonly_fields = ("vacancy", "version", "answers_weight", "questions", "created_at")

    @admin.display(description="questions")
    def question_count(self, version: ScreeningVersion) -> int:
        return len(version.questions)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SharedReport)
class SharedReportAdmin(admin.ModelAdmin):
    """Which practice reports candidates chose to show with an application (the candidate changes them)."""

    list_display = ("application", "chat_id", "shared_at")
    list_select_related = ("application__candidate", "application__vacancy")
    search_fields = ("application__candidate__username", "chat_id")
    readonly_fields = ("application", "chat_id", "shared_at")

    def has_add_permission(self, request) -> bool:
        return False
