from django.contrib import admin

from applications.models import Application


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
