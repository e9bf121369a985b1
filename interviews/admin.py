from django.contrib import admin
from django.utils import timezone

from interviews.models import Feedback, Persona, PracticeItem, Progress, ReportShare


@admin.register(Persona)
class PersonaAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "language", "difficulty", "rating", "ratings_count", "is_active")
    list_filter = ("is_active", "kind", "language", "difficulty")
    search_fields = ("name", "slug", "description")
    # Ratings move only through interviews.feedback.rate_persona, which keeps sum, count and mean in step.
    readonly_fields = ("rating", "ratings_count", "ratings_sum", "created_at")
    fieldsets = (
        (None, {"fields": ("name", "slug", "description", "kind", "language", "difficulty", "is_active")}),
        ("Prompt", {"fields": ("system_prompt", "model")}),
        ("Ratings", {"fields": ("rating", "ratings_count", "ratings_sum", "created_at")}),
    )


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("persona", "rating", "allow_training", "processed", "created_at")
    list_filter = ("rating", "allow_training", "processed", "persona")
    list_select_related = ("persona",)
    search_fields = ("comment", "chat_id")
    readonly_fields = ("user", "persona", "chat_id", "rating", "comment", "allow_training", "created_at")
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Progress)
class ProgressAdmin(admin.ModelAdmin):
    list_display = ("user", "persona", "minutes", "updated_at")
    list_filter = ("persona",)
    list_select_related = ("user", "persona")
    search_fields = ("user__username",)
    raw_id_fields = ("user",)


@admin.register(ReportShare)
class ReportShareAdmin(admin.ModelAdmin):
    """Operators see who shares what and can revoke a link (an abuse report); the token itself is never
    stored, so no one here can open a shared report."""

    list_display = ("user", "chat_id", "state", "views", "created_at", "expires_at", "revoked_at")
    list_filter = ("revoked_at",)
    list_select_related = ("user",)
    search_fields = ("user__username", "chat_id")
    readonly_fields = ("user", "chat_id", "token_hash", "views", "created_at", "expires_at", "revoked_at")
    actions = ("revoke",)

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Revoke the selected links")
    def revoke(self, request, queryset) -> None:
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, f"{count} link(s) revoked.")


@admin.register(PracticeItem)
class PracticeItemAdmin(admin.ModelAdmin):
    """For support ("why does this question keep coming back?"): the schedule is moved by graded interviews only."""

    list_display = ("user", "topic", "step", "due_at", "last_score", "done_at")
    list_filter = ("step", "language")
    list_select_related = ("user",)
    search_fields = ("user__username", "topic")
    readonly_fields = ("user", "key", "question", "topic", "language", "step", "due_at", "last_score", "last_chat_id",
                       "done_at", "created_at")

    def has_add_permission(self, request) -> bool:
        return False
